"""Every way a policy can fail ends one episode as failed, with its error; the rest are kept."""

import pytest
from tests.robotics.harness.misbehaving_policies import BEHAVIOURS, SEED0

from nairl.robotics.harness.episodes import Limits
from nairl.robotics.harness.policies import PolicyLoadError, PolicySpec
from nairl.robotics.harness.runner import evaluate
from nairl.robotics.harness.suites import get_suite

HELPERS = "tests.robotics.harness.misbehaving_policies"
EPISODES = len(BEHAVIOURS)
LIMITS = Limits(step_timeout=1.0, episode_timeout=5.0, memory_mb=2048)


def short_suite(episodes=EPISODES, seed=SEED0):
    return get_suite("control-mt10").with_overrides(
        episodes=episodes, seed=seed, episode_length=5, tasks=["reach-v3"]
    )


@pytest.fixture(scope="module")
def misbehaving_run():
    return evaluate(f"{HELPERS}:make_policy", [short_suite()], workers=2, limits=LIMITS)


EXPECTED_ERRORS = {
    "raise": "policy raised in act(): ValueError: policy bug",
    "nan": "invalid action at step 0: contains NaN",
    "wrong-shape": "invalid action at step 0: shape (7,), expected (4,)",
    "out-of-bounds": "invalid action at step 0: outside bounds",
    "busy-loop": "step timeout: act() took over 1 s",
    "sleep": "step timeout: act() took over 1 s",
    "exit": "worker died (exit code 3)",
    "memory-hog": "memory limit exceeded in act()",
    "ignore-alarm": "episode timeout: worker unresponsive after 5 s",
    "reset-raises": "policy raised in reset(): RuntimeError: cannot reset",
    "not-numeric": "invalid action at step 0: not a numeric array",
}


@pytest.mark.parametrize("behaviour", sorted(EXPECTED_ERRORS))
def test_failure_is_recorded_as_failed_episode(misbehaving_run, behaviour):
    _, episodes = misbehaving_run
    episode = episodes[BEHAVIOURS.index(behaviour)]
    assert episode.seed == SEED0 + BEHAVIOURS.index(behaviour)
    assert not episode.success
    assert episode.error is not None and episode.error.startswith(EXPECTED_ERRORS[behaviour])


def test_well_behaved_episodes_are_kept(misbehaving_run):
    report, episodes = misbehaving_run
    assert len(episodes) == len(BEHAVIOURS)
    good = [e for e, b in zip(episodes, BEHAVIOURS, strict=True) if b not in EXPECTED_ERRORS]
    assert len(good) == 3 and all(e.error is None and e.steps == 5 for e in good)
    assert report.failed_episodes == len(EXPECTED_ERRORS)
    assert report.tasks[0].failed_episodes == len(EXPECTED_ERRORS)


def test_factory_error_fails_episodes_not_the_harness():
    _, episodes = evaluate(
        f"{HELPERS}:make_failing_factory", [short_suite(episodes=2)], limits=LIMITS
    )
    assert [e.error for e in episodes] == [
        "policy factory failed: RuntimeError: factory exploded"
    ] * 2


def test_object_without_policy_methods_fails_episodes():
    _, episodes = evaluate(f"{HELPERS}:make_not_a_policy", [short_suite(episodes=1)], limits=LIMITS)
    assert "without reset/act" in episodes[0].error


@pytest.mark.parametrize(
    ("entry_point", "message"),
    [
        ("tests.robotics.harness.broken_policy_module:make_policy", "cannot import policy module"),
        ("nairl_no_such_package.policy:make_policy", "cannot import policy module"),
        (f"{HELPERS}:no_such_factory", "has no callable 'no_such_factory'"),
        ("not-an-entry-point", "neither a reference policy"),
    ],
)
def test_entry_point_that_does_not_load_is_a_clear_error(entry_point, message):
    with pytest.raises(PolicyLoadError, match=message):
        evaluate(entry_point, [short_suite(episodes=1)], limits=LIMITS)


def test_worker_killed_between_episodes_reports_death_not_a_crash():
    from nairl.robotics.harness.runner import episode_jobs
    from nairl.robotics.harness.workers import IsolatedWorker

    worker = IsolatedWorker(PolicySpec.parse("random"), LIMITS)
    worker.wait_ready()
    worker.kill()
    result, alive = worker.run(episode_jobs([short_suite(episodes=1)])[0])
    assert not alive and result.error == "worker died (killed by signal SIGKILL)"
