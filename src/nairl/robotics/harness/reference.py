"""Reference policies: uniform random actions, and Meta-World's scripted experts.

The experts read object and goal positions from the full state, so they apply to the control
and decision suites (in the latter they ground the instruction first); in the perception suite
the state is hidden and they refuse at reset.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from nairl.robotics.harness.language import ground_instruction
from nairl.robotics.harness.policies import PolicyTask


class RandomPolicy:
    """Uniform random actions within the task's action bounds, seeded per episode."""

    def __init__(self) -> None:
        self.rng = np.random.default_rng()
        self.task: PolicyTask | None = None

    def reset(self, task: PolicyTask) -> None:
        self.task = task
        self.rng = np.random.default_rng(task.seed)

    def act(self, observation: dict[str, Any]) -> np.ndarray:
        assert self.task is not None
        spec = self.task.action
        return self.rng.uniform(spec.low, spec.high, size=spec.shape)


def task_from(task: PolicyTask) -> str:
    """The MT10 task to perform: given by name, or grounded from the instruction."""
    if task.name is not None:
        return task.name
    if task.instruction is None:
        raise ValueError("the task has neither a name nor an instruction")
    return ground_instruction(task.instruction)


class ExpertPolicy:
    """Meta-World's scripted expert for the current task (needs the full state)."""

    def __init__(self) -> None:
        from metaworld.policies import ENV_POLICY_MAP

        self._experts = ENV_POLICY_MAP
        self._expert: Any = None

    def reset(self, task: PolicyTask) -> None:
        if "state" not in task.observation_keys or task.kind == "pose-probe":
            raise ValueError("the scripted expert needs the full state observation")
        self._expert = self._experts[task_from(task)]()

    def act(self, observation: dict[str, Any]) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # experts warn whenever their gains saturate
            action = self._expert.get_action(observation["state"])
        # The environment clips actions to [-1, 1]; clipping here keeps them valid as stated.
        return np.clip(action, -1.0, 1.0)


def make_random_policy() -> RandomPolicy:
    return RandomPolicy()


def make_expert_policy() -> ExpertPolicy:
    return ExpertPolicy()
