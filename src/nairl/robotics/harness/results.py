"""Episode records, their aggregation per task, capability and overall, and their JSON forms."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from nairl.robotics.harness.stats import (
    Estimate,
    difference_interval,
    macro_average,
    mean_interval,
    proportion,
)
from nairl.robotics.harness.suites import CAPABILITIES, Suite


@dataclass
class EpisodeResult:
    """One episode. `error` is set (and `success` False) when the policy or its worker failed.

    `score` is in [0, 1]: success for manipulation and probes, links completed / links for
    chains. `frames` (per-step records for dataset export) never goes into the JSON line.
    """

    suite: str
    task: str
    seed: int
    suite_hash: str = ""
    success: bool = False
    score: float = 0.0
    steps: int = 0
    return_: float = 0.0
    error: str | None = None
    duration: float = 0.0
    metrics: dict[str, float] = field(default_factory=dict)
    frames: list[dict[str, Any]] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("frames")
        data["return"] = data.pop("return_")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeResult:
        data = dict(data)
        data["return_"] = data.pop("return")
        return cls(**data)


@dataclass(frozen=True)
class TaskResult:
    suite: str
    task: str
    capability: str
    episodes: int
    successes: int
    success: Estimate
    score: Estimate
    failed_episodes: int  # episodes that ended in an error
    metrics: dict[str, dict[str, float]]  # metric name -> mean, low, high
    perturbation: str | None = None
    base_task: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["success"] = self.success.to_dict()
        data["score"] = self.score.to_dict()
        return data


@dataclass(frozen=True)
class PerturbationDrop:
    """Unperturbed minus perturbed score over the same tasks and seeds."""

    suite: str
    perturbation: str
    unperturbed: Estimate
    perturbed: Estimate
    drop: float
    low: float
    high: float

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["unperturbed"] = self.unperturbed.to_dict()
        data["perturbed"] = self.perturbed.to_dict()
        return data


@dataclass(frozen=True)
class CapabilityResult:
    capability: str
    score: Estimate  # macro-average over the capability's unperturbed tasks
    tasks: int
    perturbation_drops: tuple[PerturbationDrop, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "capability": self.capability,
            "score": self.score.to_dict(),
            "tasks": self.tasks,
            "perturbation_drops": [d.to_dict() for d in self.perturbation_drops],
        }


@dataclass(frozen=True)
class EvaluationReport:
    policy: str
    suites: list[dict[str, Any]]  # name, capability, hash, episodes per task, episode length
    tasks: list[TaskResult]
    capabilities: list[CapabilityResult]
    overall: Estimate  # macro-average over capabilities
    episodes: int
    failed_episodes: int
    duration: float
    versions: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "suites": self.suites,
            "tasks": [t.to_dict() for t in self.tasks],
            "capabilities": [c.to_dict() for c in self.capabilities],
            "overall": self.overall.to_dict(),
            "episodes": self.episodes,
            "failed_episodes": self.failed_episodes,
            "duration": self.duration,
            "versions": self.versions,
        }


def summarise_task(suite: Suite, task_name: str, episodes: Sequence[EpisodeResult]) -> TaskResult:
    spec = suite.task(task_name)
    n = len(episodes)
    successes = sum(e.success for e in episodes)
    metric_values: dict[str, list[float]] = defaultdict(list)
    for episode in episodes:
        for key, value in episode.metrics.items():
            if math.isfinite(value):
                metric_values[key].append(value)
    metrics = {}
    for key, values in sorted(metric_values.items()):
        mean, low, high = mean_interval(values)
        metrics[key] = {"mean": mean, "low": low, "high": high, "n": len(values)}
    return TaskResult(
        suite=suite.name,
        task=task_name,
        capability=suite.capability,
        episodes=n,
        successes=successes,
        success=proportion(successes, n),
        score=proportion(sum(e.score for e in episodes), n),
        failed_episodes=sum(e.error is not None for e in episodes),
        metrics=metrics,
        perturbation=spec.perturbation,
        base_task=spec.base_task,
    )


def _perturbation_drops(tasks: Sequence[TaskResult]) -> tuple[PerturbationDrop, ...]:
    by_name = {(t.suite, t.task): t for t in tasks}
    grouped: dict[tuple[str, str], list[TaskResult]] = defaultdict(list)
    for task in tasks:
        if task.perturbation and (task.suite, task.base_task) in by_name:
            grouped[(task.suite, task.perturbation)].append(task)
    drops = []
    for (suite, kind), perturbed_tasks in sorted(grouped.items()):
        base = macro_average([by_name[(suite, t.base_task)].score for t in perturbed_tasks])
        perturbed = macro_average([t.score for t in perturbed_tasks])
        low, high = difference_interval(base, perturbed)
        drops.append(
            PerturbationDrop(suite, kind, base, perturbed, base.mean - perturbed.mean, low, high)
        )
    return tuple(drops)


def aggregate(
    policy: str,
    suites: Sequence[Suite],
    episodes: Iterable[EpisodeResult],
    duration: float,
    versions: dict[str, str],
) -> EvaluationReport:
    """Per-task results, per-capability and overall macro-averages, perturbation drops."""
    episodes = list(episodes)
    by_task: dict[tuple[str, str], list[EpisodeResult]] = defaultdict(list)
    for episode in episodes:
        by_task[(episode.suite, episode.task)].append(episode)
    tasks = [
        summarise_task(suite, spec.name, by_task[(suite.name, spec.name)])
        for suite in suites
        for spec in suite.tasks
        if by_task[(suite.name, spec.name)]
    ]
    capabilities = []
    for capability in CAPABILITIES:
        scored = [t for t in tasks if t.capability == capability]
        if not scored:
            continue
        unperturbed = [t.score for t in scored if t.perturbation is None]
        capabilities.append(
            CapabilityResult(
                capability,
                macro_average(unperturbed),
                len(unperturbed),
                _perturbation_drops(scored),
            )
        )
    return EvaluationReport(
        policy=policy,
        suites=[
            {
                "name": s.name,
                "capability": s.capability,
                "hash": s.hash,
                "episodes_per_task": len(s.seeds),
                "episode_length": s.episode_length,
            }
            for s in suites
        ],
        tasks=tasks,
        capabilities=capabilities,
        overall=macro_average([c.score for c in capabilities]),
        episodes=len(episodes),
        failed_episodes=sum(e.error is not None for e in episodes),
        duration=duration,
        versions=versions,
    )


def write_jsonl(episodes: Iterable[EpisodeResult], stream: IO[str]) -> None:
    for episode in episodes:
        stream.write(json.dumps(episode.to_dict(), sort_keys=True) + "\n")


def read_jsonl(path: Path) -> list[EpisodeResult]:
    with path.open() as stream:
        return [EpisodeResult.from_dict(json.loads(line)) for line in stream if line.strip()]
