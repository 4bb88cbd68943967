"""Episodes over a Celery task queue: ``celery -A nairl.robotics.harness.distributed worker``.

Each Celery worker process keeps an isolated episode worker (see workers.py) per policy, so
the same limits hold as locally and a crashing policy never takes the Celery worker down.
Messages are JSON. The broker (also the result backend) is $NAIRL_ROBOTICS_BROKER, by default
the local Redis; episodes travel on their own queue so other Celery apps don't consume them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from celery import Celery

from nairl.robotics.harness.episodes import EpisodeJob, Limits
from nairl.robotics.harness.policies import PolicyLoadError, PolicySpec
from nairl.robotics.harness.results import EpisodeResult
from nairl.robotics.harness.workers import KILL_GRACE, START_TIMEOUT, IsolatedWorker

DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
QUEUE = "nairl-robotics"
POLL_INTERVAL = 0.2

broker = os.environ.get("NAIRL_ROBOTICS_BROKER", DEFAULT_BROKER)
# No fixups: Celery would otherwise set up Django whenever DJANGO_SETTINGS_MODULE is set.
app = Celery("nairl_robotics", broker=broker, backend=broker, fixups=[])
app.conf.update(
    task_default_queue=QUEUE,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    worker_prefetch_multiplier=1,  # episodes are long; don't let one worker hoard them
    task_acks_late=True,
    broker_connection_retry_on_startup=True,
    result_expires=24 * 3600,
)

_sandboxes: dict[str, IsolatedWorker] = {}  # per Celery worker process, keyed by policy+limits


def _sandbox(policy: PolicySpec, limits: Limits) -> IsolatedWorker:
    key = repr((policy.to_dict(), limits.to_dict()))
    if key not in _sandboxes:
        for other in _sandboxes.values():  # one policy at a time per process bounds memory
            other.close()
        _sandboxes.clear()
        worker = IsolatedWorker(policy, limits)
        worker.wait_ready()
        _sandboxes[key] = worker
    return _sandboxes[key]


@app.task(name="nairl.robotics.run_episode")
def run_episode_task(job: dict[str, Any], policy: dict[str, Any], limits: dict[str, Any]) -> dict:
    """Run one episode in this process's sandbox; always returns an EpisodeResult dict."""
    episode = EpisodeJob.from_dict(job)
    spec, limit = PolicySpec(**policy), Limits(**limits)
    try:
        worker = _sandbox(spec, limit)
    except PolicyLoadError as exc:
        failed = EpisodeResult(episode.suite, episode.task.name, episode.seed, episode.suite_hash)
        failed.error = f"policy load error: {exc}"
        return failed.to_dict()
    result, alive = worker.run(episode)
    if not alive:
        worker.kill()
        _sandboxes.clear()
    return result.to_dict()


def run_celery(
    jobs: Sequence[EpisodeJob],
    policy: PolicySpec,
    limits: Limits,
    on_result: Callable[[EpisodeResult], None],
) -> None:
    """Queue every job and report results as they complete, in completion order."""
    # Check locally that the entry point loads, so a typo is a clear error, not N failures.
    probe = IsolatedWorker(policy, limits)
    probe.wait_ready()
    probe.close()
    try:
        app.connection_for_write().ensure_connection(max_retries=1)
    except Exception as exc:
        raise ConnectionError(f"Celery broker unreachable at {broker}: {exc}") from None
    hard_limit = limits.episode_timeout + START_TIMEOUT + 2 * KILL_GRACE
    pending = {
        run_episode_task.apply_async(
            (job.to_dict(), policy.to_dict(), limits.to_dict()), time_limit=hard_limit
        ): job
        for job in jobs
    }
    last_progress = time.monotonic()
    while pending:
        done = [r for r in pending if r.ready()]
        for async_result in done:
            job = pending.pop(async_result)
            on_result(_result_of(async_result, job))
        if done:
            last_progress = time.monotonic()
        elif time.monotonic() - last_progress > hard_limit:
            for async_result in pending:
                async_result.revoke()
            raise TimeoutError(
                f"no episode finished in {hard_limit:g} s: is a worker consuming queue {QUEUE!r}?"
            )
        else:
            time.sleep(POLL_INTERVAL)


def _result_of(async_result: Any, job: EpisodeJob) -> EpisodeResult:
    try:
        return EpisodeResult.from_dict(async_result.get(propagate=True))
    except Exception as exc:  # the Celery worker itself died or hit its hard time limit
        failed = EpisodeResult(job.suite, job.task.name, job.seed, job.suite_hash)
        failed.error = f"celery task failed: {type(exc).__name__}: {exc}"
        return failed
    finally:
        async_result.forget()
