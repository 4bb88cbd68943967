"""Run an evaluation: suites x tasks x seeds as independent episode jobs, then aggregate."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from nairl.robotics.harness.episodes import EpisodeJob, Limits
from nairl.robotics.harness.policies import AnyPolicySpec, PolicySpec
from nairl.robotics.harness.results import EpisodeResult, EvaluationReport, aggregate
from nairl.robotics.harness.suites import Suite, package_versions

ProgressCallback = Callable[[int, int, EpisodeResult], None]  # (done, total, latest result)


def episode_jobs(suites: Sequence[Suite], record: bool = False) -> list[EpisodeJob]:
    """One job per (suite, task, seed), in a fixed order."""
    return [
        EpisodeJob(
            suite=suite.name,
            suite_hash=suite.hash,
            capability=suite.capability,
            observation=suite.observation,
            task=task,
            seed=seed,
            episode_length=suite.episode_length,
            image_size=suite.image_size,
            camera=suite.camera,
            record=record,
        )
        for suite in suites
        for task in suite.tasks
        for seed in suite.seeds
    ]


def evaluate(
    policy: str | AnyPolicySpec,
    suites: Sequence[Suite],
    workers: int = 1,
    limits: Limits | None = None,
    progress: ProgressCallback | None = None,
    backend: str = "local",
    record: bool = False,
    queue: str | None = None,
) -> tuple[EvaluationReport, list[EpisodeResult]]:
    """Evaluate a policy on suites; returns the aggregated report and every episode.

    `policy` is a spec, a reference policy's name, an entry point or a policy server's
    ``ws://`` address. `backend` is "local" (a pool of `workers` isolated processes) or
    "celery" (workers of the Celery queue `queue`, by default the episodes' own). Raises
    PolicyLoadError when the policy cannot be loaded (its module does not import, its server
    does not answer).
    """
    spec = PolicySpec.parse(policy) if isinstance(policy, str) else policy
    limits = limits or Limits()
    jobs = episode_jobs(suites, record)
    episodes: list[EpisodeResult] = []
    order = {(j.suite, j.task.name, j.seed): i for i, j in enumerate(jobs)}

    def collect(result: EpisodeResult) -> None:
        episodes.append(result)
        if progress is not None:
            progress(len(episodes), len(jobs), result)

    if backend not in ("local", "celery"):
        raise ValueError(f"unknown backend {backend!r} (local or celery)")
    if record and backend == "celery":
        raise ValueError("recording episodes is only supported with the local backend")
    started = time.monotonic()
    if jobs and backend == "celery":
        from nairl.robotics.harness.distributed import run_celery

        run_celery(jobs, spec, limits, collect, **({"queue": queue} if queue else {}))
    elif jobs:
        from nairl.robotics.harness.workers import run_local

        run_local(jobs, spec, limits, workers, collect)
    episodes.sort(key=lambda e: order[(e.suite, e.task, e.seed)])
    label = policy if isinstance(policy, str) else policy.label
    report = aggregate(label, suites, episodes, time.monotonic() - started, package_versions())
    return report, episodes
