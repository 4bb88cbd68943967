"""Remote policies over real websockets on 127.0.0.1: the hub's server, openpi's client, and
servers that misbehave in every way the harness must survive."""

import threading
import urllib.request

import numpy as np
import pytest
from openpi_client.websocket_client_policy import WebsocketClientPolicy
from websockets.sync.server import serve

from nairl.robotics.harness import wire
from nairl.robotics.harness.episodes import ARM_ACTION, Limits
from nairl.robotics.harness.policies import PolicyLoadError, PolicySpec, PolicyTask
from nairl.robotics.harness.policy_server import PolicyServer
from nairl.robotics.harness.remote import MAX_ANSWER_BYTES, RemotePolicySpec, task_to_wire
from nairl.robotics.harness.runner import evaluate
from nairl.robotics.harness.suites import get_suite

LIMITS = Limits(step_timeout=1.0, episode_timeout=10.0, memory_mb=2048)
SEED0 = 700
MISBEHAVIOURS = {  # what the server does at an episode's first step -> the episode's error
    "ok": None,
    "garbage": "the policy server answered garbage: not a msgpack message",
    "text-error": "the policy server reported an error: ValueError: model exploded",
    "disconnect": "the policy server closed the connection (code 1001: going away)",
    "oversize": f"the policy server sent a message over the {MAX_ANSWER_BYTES}-byte limit",
    "no-actions": "the policy server's answer has no 'actions' array",
    "bad-shape": "the policy server answered actions of shape (2, 2, 2)",
    "wrong-size": "invalid action at step 0: shape (7,), expected (4,)",
    "silent": "step timeout: act() took over 1 s",
    "not-a-map": "the policy server answered a list, not a map with 'actions'",
}
BEHAVIOURS = list(MISBEHAVIOURS)


def suite(episodes=1, seed=None, length=5, tasks=("reach-v3",)):
    return get_suite("control-mt10").with_overrides(
        episodes=episodes, seed=seed, episode_length=length, tasks=list(tasks)
    )


@pytest.fixture(scope="module")
def expert_server():
    server = PolicyServer(PolicySpec.parse("expert"), "127.0.0.1", 0).start()
    yield server
    server.shutdown()


def misbehave(connection):
    connection.send(wire.pack({"server": "misbehaving"}))
    behaviour = None
    for message in connection:
        task = wire.unpack(message, 1 << 24).get("nairl/task")
        if task is not None:
            behaviour = BEHAVIOURS[task["seed"] - SEED0]
        if behaviour == "garbage":
            connection.send(b"\xc1\xc1")
        elif behaviour == "text-error":
            connection.send("Traceback (most recent call last):\nValueError: model exploded")
            connection.close(1011, "Internal server error")
        elif behaviour == "disconnect":
            connection.close(1001, "going away")
        elif behaviour == "oversize":
            connection.send(b"\0" * (MAX_ANSWER_BYTES + 1))
        elif behaviour == "no-actions":
            connection.send(wire.pack({"action": [0, 0, 0, 0]}))
        elif behaviour == "bad-shape":
            connection.send(wire.pack({"actions": np.zeros((2, 2, 2))}))
        elif behaviour == "wrong-size":
            connection.send(wire.pack({"actions": np.zeros((5, 7), dtype=np.float32)}))
        elif behaviour == "silent":
            continue
        elif behaviour == "not-a-map":
            connection.send(wire.pack([1, 2, 3]))
        else:  # a chunk of 3 actions per answer: the harness plays them in order
            connection.send(wire.pack({"actions": np.zeros((3, 4), dtype=np.float32)}))


@pytest.fixture(scope="module")
def misbehaving_server():
    with serve(misbehave, "127.0.0.1", 0, max_size=None) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"ws://127.0.0.1:{server.socket.getsockname()[1]}"
        server.shutdown()


def test_a_served_policy_is_evaluated_remotely(expert_server):
    report, episodes = evaluate(
        expert_server.url, [suite(episodes=2, length=150, tasks=("reach-v3", "push-v3"))]
    )
    assert [e.error for e in episodes] == [None] * 4
    assert all(e.success for e in episodes) and report.overall.mean == 1.0
    assert report.policy == expert_server.url


def test_every_way_a_server_misbehaves_fails_its_episode_only(misbehaving_server):
    _, episodes = evaluate(
        misbehaving_server,
        [suite(episodes=len(BEHAVIOURS), seed=SEED0)],
        workers=2,
        limits=LIMITS,
    )
    for behaviour, episode in zip(BEHAVIOURS, episodes, strict=True):
        expected = MISBEHAVIOURS[behaviour]
        if expected is None:
            assert episode.error is None and episode.steps == 5
        else:
            assert episode.error is not None and episode.error.startswith(expected), behaviour


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (RemotePolicySpec("ws://127.0.0.1:9"), "cannot connect to the policy server"),
        (RemotePolicySpec("ws://no-such-host.invalid:8000"), "cannot resolve"),
        (RemotePolicySpec("ws://169.254.169.254/latest"), "address is not allowed"),
        (RemotePolicySpec("ws://0.0.0.0:8000"), "address is not allowed"),
    ],
)
def test_a_server_that_cannot_be_used_stops_the_evaluation_before_any_episode(spec, message):
    with pytest.raises(PolicyLoadError, match=message):
        evaluate(spec, [suite()], limits=LIMITS)


def test_this_machine_is_refused_unless_allowed(expert_server):
    with pytest.raises(PolicyLoadError, match="address is not allowed"):
        evaluate(RemotePolicySpec(expert_server.url, allow_loopback=False), [suite()])


def test_a_server_without_metadata_is_refused():
    def text_first(connection):
        connection.send("hello, I am not openpi")

    with serve(text_first, "127.0.0.1", 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"ws://127.0.0.1:{server.socket.getsockname()[1]}"
        with pytest.raises(PolicyLoadError, match="reported an error: hello, I am not openpi"):
            evaluate(url, [suite()], limits=LIMITS)
        server.shutdown()


def reach_task(seed=10000):
    return PolicyTask(
        "control-mt10", "control", "manipulation", "reach-v3", None, seed, ("state",), ARM_ACTION
    )


def test_openpis_client_speaks_to_the_hubs_server(expert_server):
    client = WebsocketClientPolicy(host=expert_server.url)
    assert client.get_server_metadata()["action_horizon"] == 1
    observation = {
        "observation/state": np.zeros(39, dtype=np.float32),
        "prompt": "reach the goal",
        "nairl/task": task_to_wire(reach_task()),
    }
    answer = client.infer(observation)
    assert answer["actions"].shape == (1, 4) and answer["actions"].dtype == np.float32
    assert np.all(np.abs(answer["actions"]) <= 1) and answer["server_timing"]["infer_ms"] >= 0
    del observation["nairl/task"]
    assert client.infer(observation)["actions"].shape == (1, 4)  # the episode goes on
    fresh = WebsocketClientPolicy(host=expert_server.url)
    with pytest.raises(RuntimeError, match="must carry nairl/task"):
        fresh.infer(observation)  # the error frame, then code 1011, as openpi's server does


def test_the_server_answers_health_checks(expert_server):
    with urllib.request.urlopen(f"http://127.0.0.1:{expert_server.port}/healthz") as response:
        assert response.status == 200 and response.read() == b"OK\n"
