"""The evaluation suites, grouped by capability, and their registry.

A suite fixes everything that decides a score: tasks, seeds, episode length, what the policy
observes. Its hash covers that definition and the versions of the simulator packages, so two
results are comparable exactly when their suite hashes are equal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from functools import cache
from importlib import metadata
from typing import Any

from nairl.robotics.harness.envs import HELD_OUT_SEED_BASE, MT10_TASKS
from nairl.robotics.harness.rendering import PERTURBATIONS

CAPABILITIES: tuple[str, ...] = ("perception", "decision", "control")
HARNESS_PROTOCOL = 1  # bump when episode semantics change (success rule, observations...)
VERSIONED_PACKAGES = ("metaworld", "mujoco", "gymnasium")
DEFAULT_EPISODES = 50
POSE_PROBE_TOLERANCE_M = 0.05  # a pose estimate within 5 cm counts as a success


class UnknownSuiteError(KeyError):
    def __str__(self) -> str:
        return f"unknown suite {self.args[0]!r}; known suites: {', '.join(SUITES)}"


@dataclass(frozen=True)
class TaskSpec:
    """One scored task of a suite.

    `kind` is "manipulation" (reach the task's success state), "pose-probe" (estimate the
    object's position from the image) or "chain" (complete `env_tasks` in order).
    """

    name: str
    kind: str
    env_tasks: tuple[str, ...]
    perturbation: str | None = None
    base_task: str | None = None  # the unperturbed task a perturbed one is compared with


@dataclass(frozen=True)
class Suite:
    name: str
    capability: str
    description: str
    observation: str  # "state", "pixels" or "language"
    tasks: tuple[TaskSpec, ...]
    seeds: tuple[int, ...]
    episode_length: int  # steps per task (per link for chains)
    image_size: int = 64
    camera: str = "corner"

    def definition(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def hash(self) -> str:
        payload = {
            "suite": self.definition(),
            "protocol": HARNESS_PROTOCOL,
            "packages": package_versions(),
        }
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def task(self, name: str) -> TaskSpec:
        for task in self.tasks:
            if task.name == name:
                return task
        raise KeyError(f"suite {self.name} has no task {name!r}")

    def with_overrides(
        self,
        episodes: int | None = None,
        seed: int | None = None,
        episode_length: int | None = None,
        tasks: list[str] | None = None,
    ) -> Suite:
        """A variant (shorter, other seeds, fewer tasks); it gets its own hash."""
        first = self.seeds[0] if seed is None else seed
        count = len(self.seeds) if episodes is None else episodes
        chosen = self.tasks
        if tasks:
            chosen = tuple(self.task(name) for name in tasks)
            # Keep the unperturbed counterparts so perturbation drops remain computable.
            names = {t.name for t in chosen}
            chosen += tuple(
                self.task(t.base_task) for t in chosen if t.base_task and t.base_task not in names
            )
        return replace(
            self,
            seeds=tuple(range(first, first + count)),
            episode_length=episode_length or self.episode_length,
            tasks=chosen,
        )

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "capability": self.capability,
            "description": self.description,
            "observation": self.observation,
            "tasks": [t.name for t in self.tasks],
            "seeds": [self.seeds[0], self.seeds[-1]] if self.seeds else [],
            "episodes_per_task": len(self.seeds),
            "episode_length": self.episode_length,
            "hash": self.hash,
        }


@cache
def package_versions() -> dict[str, str]:
    versions = {}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return versions


def _seeds() -> tuple[int, ...]:
    return tuple(range(HELD_OUT_SEED_BASE, HELD_OUT_SEED_BASE + DEFAULT_EPISODES))


PERTURBED_TASKS = ("reach-v3", "push-v3", "drawer-open-v3")  # a cheap, varied subset
# Distinct objects and placement ranges (push and pick-place share both, so only one of them).
POSE_PROBE_TASKS = ("push-v3", "peg-insert-side-v3")
CHAINS: tuple[tuple[str, ...], ...] = (
    ("drawer-open-v3", "reach-v3", "drawer-close-v3"),
    ("window-open-v3", "button-press-topdown-v3", "window-close-v3"),
    ("push-v3", "door-open-v3", "pick-place-v3"),
    ("reach-v3", "window-close-v3", "drawer-open-v3"),
    ("button-press-topdown-v3", "push-v3", "window-open-v3"),
)


def _manipulation(task: str) -> TaskSpec:
    return TaskSpec(task, "manipulation", (task,))


SUITES: dict[str, Suite] = {
    suite.name: suite
    for suite in (
        Suite(
            name="control-mt10",
            capability="control",
            description="Meta-World MT10 with full state (object and goal positions) and the "
            "task as a one-hot; held-out object/goal variations; success at any step.",
            observation="state",
            tasks=tuple(_manipulation(t) for t in MT10_TASKS),
            seeds=_seeds(),
            episode_length=500,
        ),
        Suite(
            name="perception-mt10",
            capability="perception",
            description="MT10 with object and goal hidden from the state: the policy sees a "
            "64x64 camera image, proprioception and the task one-hot. Pose probes score the "
            "object-position estimate (success within 5 cm, error in metres); colour, "
            "lighting and camera perturbations are reported as the drop from the "
            "unperturbed score.",
            observation="pixels",
            tasks=tuple(_manipulation(t) for t in MT10_TASKS)
            + tuple(TaskSpec(f"pose-probe/{t}", "pose-probe", (t,)) for t in POSE_PROBE_TASKS)
            + tuple(
                TaskSpec(f"{kind}/{t}", "manipulation", (t,), perturbation=kind, base_task=t)
                for kind in PERTURBATIONS
                for t in PERTURBED_TASKS
            ),
            seeds=_seeds(),
            episode_length=150,
        ),
        Suite(
            name="decision-mt10",
            capability="decision",
            description="MT10 tasks given only as natural-language instructions in held-out "
            "paraphrases (no task id), scored on completing the instructed task; chains of "
            "three instructions scored as the number completed in a row.",
            observation="language",
            tasks=tuple(_manipulation(t) for t in MT10_TASKS)
            + tuple(
                TaskSpec("chain/" + ">".join(c.removesuffix("-v3") for c in chain), "chain", chain)
                for chain in CHAINS
            ),
            seeds=_seeds(),
            episode_length=200,
        ),
    )
}


def list_suites() -> list[Suite]:
    return list(SUITES.values())


def get_suite(name: str) -> Suite:
    try:
        return SUITES[name]
    except KeyError:
        raise UnknownSuiteError(name) from None


def resolve_suites(names: str) -> list[Suite]:
    """Suites from a comma-separated list of names; ``all`` means every suite."""
    if names.strip() == "all":
        return list_suites()
    unique = dict.fromkeys(name.strip() for name in names.split(",") if name.strip())
    return [get_suite(name) for name in unique]
