"""The multi-task baseline: one MLP over state + task one-hot, behaviour-cloned from experts.

Demonstrations come from the scripted experts on training seeds (below the held-out evaluation
range). While collecting, the executed action is perturbed with Gaussian noise but the recorded
label is the expert's clean action, so the network also learns to recover from small drifts
(the DART recipe); plain cloning compounds its own errors. Pure numpy, trained on CPU.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from nairl.robotics.harness.envs import (
    HELD_OUT_SEED_BASE,
    MT10_TASKS,
    cached_env,
    task_one_hot,
    variation_seed,
)
from nairl.robotics.harness.policies import PolicyTask
from nairl.robotics.harness.reference import task_from

DEFAULT_PATH = Path("var/robotics/baseline-mt10.npz")
PATH_VARIABLE = "NAIRL_ROBOTICS_BASELINE"
DEMO_STEPS = 200  # experts finish MT10 tasks in under 100 steps; this cuts failed demos short


def default_path() -> Path:
    return Path(os.environ.get(PATH_VARIABLE, DEFAULT_PATH)).resolve()


def features(state: np.ndarray, task: str) -> np.ndarray:
    return np.concatenate([np.asarray(state, dtype=np.float32), task_one_hot(task)])


def collect_demonstrations(
    demos: int, noise: float = 0.2, seed: int = 0, tasks: Sequence[str] = MT10_TASKS
) -> tuple[np.ndarray, np.ndarray, float]:
    """Expert (features, action) pairs from `demos` episodes spread evenly over `tasks`.

    Returns inputs, labels and the share of demonstrations that reached success.
    """
    from metaworld.policies import ENV_POLICY_MAP

    if seed + demos >= HELD_OUT_SEED_BASE:
        raise ValueError("training seeds must stay below the held-out evaluation range")
    rng = np.random.default_rng(seed)
    inputs, labels, successes = [], [], 0
    for index in range(demos):
        task = tasks[index % len(tasks)]
        env = cached_env(task, True)
        expert = ENV_POLICY_MAP[task]()
        state = env.reset(variation_seed(seed + index))
        for _ in range(DEMO_STEPS):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                action = np.clip(expert.get_action(state), -1, 1)
            inputs.append(features(state, task))
            labels.append(action.astype(np.float32))
            executed = np.clip(action + rng.normal(0, noise, action.shape), -1, 1)
            state, _, success = env.step(executed)
            if success:
                successes += 1
                break
    return np.stack(inputs), np.stack(labels), successes / max(demos, 1)


class MLP:
    """ReLU hidden layers, tanh output (actions live in [-1, 1]); inputs standardised."""

    def __init__(self, weights: list[np.ndarray], mean: np.ndarray, std: np.ndarray) -> None:
        self.weights = weights  # W0, b0, W1, b1, ...
        self.mean, self.std = mean, std

    @classmethod
    def initialise(cls, inputs: np.ndarray, sizes: list[int], rng: np.random.Generator) -> MLP:
        weights = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
            weights.append(rng.normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out)).astype(np.float32))
            weights.append(np.zeros(fan_out, dtype=np.float32))
        std = inputs.std(axis=0) + 1e-3  # one-hot and constant columns would divide by ~0
        return cls(weights, inputs.mean(axis=0), std.astype(np.float32))

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Output and the activations of every layer (kept for backpropagation)."""
        activations = [((x - self.mean) / self.std).astype(np.float32)]
        layers = len(self.weights) // 2
        for layer in range(layers):
            z = activations[-1] @ self.weights[2 * layer] + self.weights[2 * layer + 1]
            activations.append(np.tanh(z) if layer == layers - 1 else np.maximum(z, 0))
        return activations[-1], activations

    def gradients(self, x: np.ndarray, y: np.ndarray) -> tuple[float, list[np.ndarray]]:
        """Mean squared error and its gradient with respect to every weight."""
        out, acts = self.forward(x)
        error = out - y
        delta = 2 * error * (1 - out**2) / error.size
        grads: list[np.ndarray] = [np.empty(0)] * len(self.weights)
        for layer in reversed(range(len(self.weights) // 2)):
            grads[2 * layer] = acts[layer].T @ delta
            grads[2 * layer + 1] = delta.sum(axis=0)
            if layer:
                delta = (delta @ self.weights[2 * layer].T) * (acts[layer] > 0)
        return float(np.mean(error**2)), grads

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)[0]


@dataclass(frozen=True)
class TrainingSummary:
    path: str
    demos: int
    samples: int
    demo_success: float
    epochs: int
    final_loss: float
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def fit(
    model: MLP,
    inputs: np.ndarray,
    labels: np.ndarray,
    epochs: int,
    rng: np.random.Generator,
    batch: int = 256,
    lr: float = 1e-3,
) -> float:
    """Adam on minibatches with a cosine-decayed learning rate; returns the last epoch's loss."""
    m = [np.zeros_like(w) for w in model.weights]
    v = [np.zeros_like(w) for w in model.weights]
    beta1, beta2, step, loss = 0.9, 0.999, 0, float("nan")
    for epoch in range(epochs):
        rate = lr * 0.5 * (1 + np.cos(np.pi * epoch / epochs))
        order = rng.permutation(len(inputs))
        losses = []
        for start in range(0, len(order), batch):
            index = order[start : start + batch]
            batch_loss, grads = model.gradients(inputs[index], labels[index])
            losses.append(batch_loss)
            step += 1
            for i, g in enumerate(grads):
                m[i] = beta1 * m[i] + (1 - beta1) * g
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                m_hat, v_hat = m[i] / (1 - beta1**step), v[i] / (1 - beta2**step)
                model.weights[i] -= (rate * m_hat / (np.sqrt(v_hat) + 1e-8)).astype(np.float32)
        loss = float(np.mean(losses))
    return loss


def train_baseline(
    demos: int = 200,
    epochs: int = 150,
    out: Path | None = None,
    seed: int = 0,
    hidden: int = 256,
    noise: float = 0.2,
    log: Callable[[str], None] | None = None,
    tasks: Sequence[str] = MT10_TASKS,
) -> TrainingSummary:
    """Collect expert demonstrations, fit the MLP, save it as .npz; returns what was done.

    Demonstrations cover `tasks` (all of MT10 by default; the demo trains on a few, quickly).
    """
    say = log or (lambda message: None)
    started = time.monotonic()
    path = (out or default_path()).resolve()
    inputs, labels, demo_success = collect_demonstrations(demos, noise, seed, tasks)
    say(f"collected {len(inputs)} samples from {demos} demonstrations ({demo_success:.0%} solved)")
    rng = np.random.default_rng(seed)
    model = MLP.initialise(inputs, [inputs.shape[1], hidden, hidden, labels.shape[1]], rng)
    loss = fit(model, inputs, labels, epochs, rng)
    summary = TrainingSummary(
        str(path), demos, len(inputs), demo_success, epochs, loss, time.monotonic() - started
    )
    say(f"trained {epochs} epochs, final loss {loss:.4f}, {summary.seconds:.0f} s")
    save(model, path, summary)
    return summary


def save(model: MLP, path: Path, summary: TrainingSummary) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {f"w{i}": w for i, w in enumerate(model.weights)}
    np.savez(
        path,
        mean=model.mean,
        std=model.std,
        tasks=np.array(MT10_TASKS),
        summary=np.array(json.dumps(summary.to_dict())),
        **arrays,
    )


def load(source: Path | BinaryIO) -> MLP:
    """The model in a saved .npz (a path, or a binary file object)."""
    with np.load(source) as data:
        if tuple(data["tasks"]) != MT10_TASKS:
            raise ValueError(f"the baseline was trained for other tasks: {list(data['tasks'])}")
        count = sum(1 for key in data.files if key.startswith("w"))
        return MLP([data[f"w{i}"] for i in range(count)], data["mean"], data["std"])


class BaselinePolicy:
    """The trained MLP as a policy; in decision suites it grounds the instruction first."""

    def __init__(self, model: MLP) -> None:
        self.model = model
        self.task: str | None = None

    def reset(self, task: PolicyTask) -> None:
        if "state" not in task.observation_keys or task.kind == "pose-probe":
            raise ValueError("the baseline needs the full state observation")
        self.task = task_from(task)

    def act(self, observation: dict[str, Any]) -> np.ndarray:
        assert self.task is not None
        return self.model(features(observation["state"], self.task)[None])[0].astype(np.float64)


def make_policy(path: str | Path | BinaryIO | None = None) -> BaselinePolicy:
    """Factory for ``baseline[:PATH]``: a path (default $NAIRL_ROBOTICS_BASELINE or var/), or
    the model file opened (harness workers get it so, and never open a path)."""
    if path is not None and not isinstance(path, str | Path):
        return BaselinePolicy(load(path))
    file = Path(path) if path else default_path()
    if not file.exists():
        raise FileNotFoundError(f"no baseline at {file}; train one with `train-baseline`")
    return BaselinePolicy(load(file))
