"""Small camera images of a Meta-World scene and the visual perturbations applied to them.

Shadows and reflections are off: on a software renderer (Mesa llvmpipe) they cost most of the
frame time and carry little information at 64x64.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy as np

from nairl.robotics.harness.envs import TaskEnv

PERTURBATIONS: tuple[str, ...] = ("colour", "lighting", "camera")
DEFAULT_CAMERA = "corner"


@cache
def _renderer(model: Any, size: int) -> Any:
    import mujoco

    renderer = mujoco.Renderer(model, size, size)
    renderer.scene.flags[mujoco.mjtRndFlag.mjRND_SHADOW] = 0
    renderer.scene.flags[mujoco.mjtRndFlag.mjRND_REFLECTION] = 0
    return renderer


def render(env: TaskEnv, size: int, camera: str = DEFAULT_CAMERA) -> np.ndarray:
    """An RGB uint8 image of shape (size, size, 3)."""
    renderer = _renderer(env.model, size)
    renderer.update_scene(env.data, camera=camera)
    return renderer.render().copy()


@contextmanager
def perturbed(env: TaskEnv, kind: str | None, rng: np.random.Generator) -> Iterator[None]:
    """Apply a seeded visual perturbation to the env's model; restore it afterwards.

    Workers reuse environments across episodes, so every change is undone on exit.
    """
    if kind is None:
        yield
        return
    model = env.model
    fields = {
        "colour": ("geom_rgba", "mat_rgba"),
        "lighting": ("light_diffuse", "light_ambient", "light_pos"),
        "camera": ("cam_pos", "cam_fovy"),
    }[kind]
    saved = {name: getattr(model, name).copy() for name in fields}
    try:
        if kind == "colour":
            for name in fields:
                rgba = getattr(model, name)
                rgba[:, :3] = np.clip(rgba[:, :3] + rng.uniform(-0.4, 0.4, rgba[:, :3].shape), 0, 1)
        elif kind == "lighting":
            scale = rng.uniform(0.3, 1.6)
            model.light_diffuse[:] = np.clip(model.light_diffuse * scale, 0, 1)
            model.light_ambient[:] = np.clip(model.light_ambient + rng.uniform(0, 0.3), 0, 1)
            model.light_pos[:] += rng.uniform(-0.5, 0.5, model.light_pos.shape)
        else:
            model.cam_pos[:] += rng.uniform(-0.05, 0.05, model.cam_pos.shape)
            model.cam_fovy[:] += rng.uniform(-5.0, 5.0, model.cam_fovy.shape)
        yield
    finally:
        for name, value in saved.items():
            getattr(model, name)[:] = value
