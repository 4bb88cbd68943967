"""Integration: a real worker of the hub's one Celery app runs episodes and hub tasks from the
local Redis (on queues of this test run's own, so parallel runs do not take each other's)."""

import os
import subprocess
import sys
import time

import pytest
from tests.robotics.harness.misbehaving_policies import SEED0

from nairl.common.celery_app import BROKER_URL as BROKER
from nairl.common.celery_app import app
from nairl.robotics.harness.episodes import Limits
from nairl.robotics.harness.runner import evaluate
from nairl.robotics.harness.suites import get_suite

EPISODES = f"nairl-robotics-test-{os.getpid()}"
HUB_TASKS = f"nairl-test-{os.getpid()}"


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


pytestmark = pytest.mark.skipif(not redis_reachable(), reason=f"Redis unreachable at {BROKER}")


@pytest.fixture(scope="module")
def celery_worker():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "nairl.common.celery_app", "worker",
            "-Q", f"{EPISODES},{HUB_TASKS}", "--pool", "prefork", "--concurrency", "2",
            "--loglevel", "WARNING",
            "--without-gossip", "--without-mingle", "-n", f"robotics-test-{os.getpid()}@%h",
        ],
        env=env,
    )  # fmt: skip
    time.sleep(3)
    assert worker.poll() is None, "celery worker did not start"
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


def test_celery_worker_runs_episodes_and_isolates_failures(celery_worker):
    suite = get_suite("control-mt10").with_overrides(
        episodes=9, seed=SEED0, episode_length=5, tasks=["reach-v3"]
    )  # behaviours: ok, raise, nan, shape, bounds, busy loop, sleep, exit, memory hog
    limits = Limits(step_timeout=1.0, episode_timeout=5.0, memory_mb=2048)
    seen = []
    report, episodes = evaluate(
        "tests.robotics.harness.misbehaving_policies:make_policy",
        [suite],
        limits=limits,
        backend="celery",
        queue=EPISODES,
        progress=lambda done, total, result: seen.append((done, total)),
    )
    assert seen[-1] == (9, 9)
    assert [e.seed for e in episodes] == list(suite.seeds)
    assert episodes[0].error is None and episodes[0].steps == 5
    assert episodes[1].error.startswith("policy raised in act()")
    assert episodes[5].error.startswith("step timeout")
    assert episodes[7].error.startswith("worker died (exit code 3)")
    assert episodes[8].error.startswith("memory limit exceeded")
    assert report.failed_episodes == 8
    assert celery_worker.poll() is None  # the Celery worker survived it all


def test_the_same_worker_runs_hub_tasks_with_django_set_up(celery_worker):
    # A hub task imports the app's models: it runs only if the worker set Django up for it.
    result = app.send_task(
        "nairl.run",
        args=["nairl.robotics.domain.evaluations.suite_names", [], {}],
        queue=HUB_TASKS,
    )
    assert result.get(timeout=120) == ["control-mt10", "perception-mt10", "decision-mt10"]
    assert celery_worker.poll() is None
