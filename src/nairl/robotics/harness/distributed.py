"""Episodes over the hub's Celery app (`nairl.common.celery_app`, broker ``NAIRL_BROKER_URL``).

Consumers: ``celery -A nairl.common.celery_app worker -Q nairl-robotics``. Each Celery worker
process keeps an isolated episode worker (see workers.py) per policy, so the same sandbox and
limits hold as locally and a crashing policy never takes the Celery worker down. Messages are
JSON; episodes travel on their own queue, so workers of hub tasks do not take them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from nairl.common.celery_app import EPISODE_QUEUE, app
from nairl.robotics.harness.episodes import EpisodeJob, Limits
from nairl.robotics.harness.policies import AnyPolicySpec, PolicyLoadError, spec_from_dict
from nairl.robotics.harness.results import EpisodeResult
from nairl.robotics.harness.workers import KILL_GRACE, START_TIMEOUT, IsolatedWorker

POLL_INTERVAL = 0.2

_sandboxes: dict[str, IsolatedWorker] = {}  # per Celery worker process, keyed by policy+limits


def _sandbox(policy: AnyPolicySpec, limits: Limits) -> IsolatedWorker:
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
    spec, limit = spec_from_dict(policy), Limits(**limits)
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
    policy: AnyPolicySpec,
    limits: Limits,
    on_result: Callable[[EpisodeResult], None],
    queue: str = EPISODE_QUEUE,
) -> None:
    """Queue every job on `queue` and report results as they complete, in completion order."""
    # Check locally that the entry point loads, so a typo is a clear error, not N failures.
    probe = IsolatedWorker(policy, limits)
    probe.wait_ready()
    probe.close()
    try:
        app.connection_for_write().ensure_connection(max_retries=1)
    except Exception as exc:
        raise ConnectionError(
            f"the Celery broker (NAIRL_BROKER_URL) is unreachable: {exc}"
        ) from None
    hard_limit = limits.episode_timeout + START_TIMEOUT + 2 * KILL_GRACE
    pending = {
        run_episode_task.apply_async(
            (job.to_dict(), policy.to_dict(), limits.to_dict()), time_limit=hard_limit, queue=queue
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
                f"no episode finished in {hard_limit:g} s: is a worker consuming queue {queue!r}?"
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
