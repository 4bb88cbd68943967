"""The policy interface and how a policy is named and loaded.

A policy is any object with ``reset(task)`` and ``act(observation) -> action``, built by a
factory named by an entry point ``package.module:make_policy``. The reference policies have
short names: ``random``, ``expert`` and ``baseline[:PATH]``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

BUILTIN_POLICIES = {
    "random": "nairl.robotics.harness.reference:make_random_policy",
    "expert": "nairl.robotics.harness.reference:make_expert_policy",
    "baseline": "nairl.robotics.harness.baseline:make_policy",
}


class PolicyLoadError(Exception):
    """The policy's entry point cannot be imported or is not a callable factory."""


@dataclass(frozen=True)
class ActionSpec:
    """Shape and per-element bounds an action must satisfy."""

    shape: tuple[int, ...]
    low: float
    high: float

    def violation(self, action: Any) -> str | None:
        """Why `action` is invalid; None for a finite array of the right shape within bounds."""
        try:
            array = np.asarray(action, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            return f"not a numeric array ({exc})"
        if array.shape != self.shape:
            return f"shape {array.shape}, expected {self.shape}"
        if (array >= self.low).all() and (array <= self.high).all():
            return None  # the common case, in one pass (NaN fails both comparisons)
        if not np.all(np.isfinite(array)):
            return "contains NaN or infinity"
        return f"outside bounds [{self.low}, {self.high}]"


@dataclass(frozen=True)
class PolicyTask:
    """What a policy is told at ``reset``; hidden fields are None (`name` in decision suites)."""

    suite: str
    capability: str
    kind: str  # "manipulation", "pose-probe" or "chain-link"
    name: str | None
    instruction: str | None
    seed: int
    observation_keys: tuple[str, ...]
    action: ActionSpec
    task_names: tuple[str, ...] = field(default=())  # the vocabulary a task one-hot indexes


@runtime_checkable
class Policy(Protocol):
    def reset(self, task: PolicyTask) -> None: ...

    def act(self, observation: dict[str, Any]) -> Any: ...


@dataclass(frozen=True)
class PolicySpec:
    """A factory entry point and the keyword arguments it is called with."""

    entry_point: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> PolicySpec:
        """Parse ``random``, ``expert``, ``baseline[:PATH]`` or ``package.module:factory``."""
        name, _, argument = text.partition(":")
        if name == "baseline":
            kwargs = {"path": str(Path(argument).resolve())} if argument else {}
            return cls(BUILTIN_POLICIES["baseline"], kwargs)
        if name in BUILTIN_POLICIES and not argument:
            return cls(BUILTIN_POLICIES[name])
        if not name or not argument:
            raise PolicyLoadError(
                f"policy {text!r} is neither a reference policy ({', '.join(BUILTIN_POLICIES)}) "
                "nor an entry point of the form package.module:make_policy"
            )
        return cls(text)

    def to_dict(self) -> dict[str, Any]:
        return {"entry_point": self.entry_point, "kwargs": dict(self.kwargs)}


def resolve_factory(entry_point: str) -> Callable[..., Policy]:
    """Import ``package.module:attribute`` and return the factory, or raise PolicyLoadError."""
    module_name, _, attribute = entry_point.partition(":")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # any error while importing user code is a load error
        raise PolicyLoadError(
            f"cannot import policy module {module_name!r}: {type(exc).__name__}: {exc}"
        ) from exc
    factory = getattr(module, attribute, None)
    if not callable(factory):
        raise PolicyLoadError(f"{module_name!r} has no callable {attribute!r}")
    return factory


def make_policy(spec: PolicySpec) -> Policy:
    """Build a policy from its spec and check it has the two required methods."""
    policy = resolve_factory(spec.entry_point)(**spec.kwargs)
    if not isinstance(policy, Policy):
        raise TypeError(f"{spec.entry_point} returned {type(policy).__name__}, without reset/act")
    return policy
