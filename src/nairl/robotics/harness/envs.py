"""Meta-World MT10 environments with seeded task variations.

A variation (object and goal placement) is drawn from the environment's own reset distribution
by its seeded random generator, so the same (task, seed) always gives the same scene and
different seeds give different scenes. Training seeds and evaluation seeds live in disjoint
ranges (see `HELD_OUT_SEED_BASE`), which makes evaluation scenes held out from training.
"""

from __future__ import annotations

import os
import pickle
import warnings
from functools import cache
from typing import Any

import numpy as np

# Rendering runs headless: EGL through Mesa works on machines without a display or GPU.
os.environ.setdefault("MUJOCO_GL", "egl")

MT10_TASKS: tuple[str, ...] = (
    "reach-v3",
    "push-v3",
    "pick-place-v3",
    "door-open-v3",
    "drawer-open-v3",
    "drawer-close-v3",
    "button-press-topdown-v3",
    "peg-insert-side-v3",
    "window-open-v3",
    "window-close-v3",
)
HELD_OUT_SEED_BASE = 10_000  # evaluation seeds start here; training demonstrations stay below
MAX_LINKS = 16  # chain links per episode, each a distinct variation of the episode seed
STATE_SIZE = 39
PROPRIO_SIZE = 4  # hand xyz and gripper opening


def variation_seed(seed: int, link: int = 0) -> int:
    """Seed of the environment for one link of an episode (disjoint across seeds and links)."""
    return seed * MAX_LINKS + link


class TaskEnv:
    """One Meta-World task, reset to seeded variations; steps report success as a bool."""

    def __init__(self, task: str, goal_visible: bool = True) -> None:
        from metaworld.env_dict import MT10_V3, MT10_V3_ARGS_KWARGS
        from metaworld.types import Task

        if task not in MT10_V3:
            raise ValueError(f"unknown Meta-World MT10 task {task!r}")
        env_cls = MT10_V3[task]
        self.task = task
        self.env = env_cls()
        data = dict(MT10_V3_ARGS_KWARGS[task]["kwargs"])
        del data["task_id"]
        data.update(
            rand_vec=np.zeros(self.env._random_reset_space.low.size),
            env_cls=env_cls,
            partially_observable=not goal_visible,
        )
        # set_task fixes observability (and its cached observation bounds); then we unfreeze the
        # variation so that each reset draws one from the seeded generator.
        self.env.set_task(Task(env_name=task, data=pickle.dumps(data)))
        self.env._freeze_rand_vec = False
        self.env.seeded_rand_vec = True
        self.max_steps = self.env.max_path_length

    def reset(self, seed: int) -> np.ndarray:
        self.env.seed(seed)
        state, _ = self.env.reset()
        return state

    def step(self, action: np.ndarray) -> tuple[np.ndarray, float, bool]:
        state, reward, _, _, info = self.env.step(np.asarray(action, dtype=np.float32))
        return state, float(reward), bool(info["success"])

    def object_position(self) -> np.ndarray:
        """Position of the task's main object (what the pose probe asks for)."""
        return np.asarray(self.env._get_pos_objects()[:3], dtype=np.float64)

    @property
    def model(self) -> Any:
        return self.env.model

    @property
    def data(self) -> Any:
        return self.env.data


@cache
def cached_env(task: str, goal_visible: bool) -> TaskEnv:
    """Environments are costly to build (model compilation); a worker keeps one per task."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TaskEnv(task, goal_visible)


@cache
def task_one_hot(task: str) -> np.ndarray:
    """The task's one-hot over MT10 (shared and read-only: it is built once, not per step)."""
    one_hot = np.zeros(len(MT10_TASKS), dtype=np.float32)
    one_hot[MT10_TASKS.index(task)] = 1.0
    one_hot.flags.writeable = False
    return one_hot
