"""The policy interface and how a policy is named and loaded.

A policy is any object with ``reset(task)`` and ``act(observation) -> action``, built by a
factory named by an entry point ``package.module:make_policy`` (an *installed* policy), or it runs
elsewhere and is reached over openpi's websocket protocol (a *remote* policy, `remote.py`).
The reference policies have short names: ``random``, ``expert`` and ``baseline[:PATH]``.
"""

from __future__ import annotations

import importlib
import io
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
    """An installed policy: a factory entry point, its keyword arguments and its files.

    `files` maps a keyword argument to a path: the evaluating process reads the file and hands
    its bytes to the policy's worker (as a binary file object), which never opens a path itself.
    """

    entry_point: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> PolicySpec | RemotePolicySpec:
        """Parse ``random``, ``expert``, ``baseline[:PATH]``, ``package.module:factory`` or a
        policy server's ``ws://`` or ``wss://`` address."""
        if text.startswith(REMOTE_SCHEMES):
            return RemotePolicySpec(text)
        name, _, argument = text.partition(":")
        if name == "baseline":
            from nairl.robotics.harness.baseline import default_path

            path = Path(argument).resolve() if argument else default_path()
            return cls(BUILTIN_POLICIES["baseline"], files={"path": str(path)})
        if name in BUILTIN_POLICIES and not argument:
            return cls(BUILTIN_POLICIES[name])
        if not name or not argument:
            raise PolicyLoadError(
                f"policy {text!r} is neither a reference policy ({', '.join(BUILTIN_POLICIES)}), "
                "an entry point of the form package.module:make_policy, "
                "nor a policy server's address (ws://host:port)"
            )
        return cls(text)

    @property
    def label(self) -> str:
        return self.entry_point

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "installed",
            "entry_point": self.entry_point,
            "kwargs": dict(self.kwargs),
            "files": dict(self.files),
        }

    def read_files(self) -> dict[str, bytes]:
        """The bytes of every file, read here; PolicyLoadError naming only a missing file."""
        contents = {}
        for argument, path in self.files.items():
            try:
                contents[argument] = Path(path).read_bytes()
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                raise PolicyLoadError(
                    f"cannot read the policy's file {Path(path).name!r} ({reason.lower()})"
                ) from None
        return contents


REMOTE_SCHEMES = ("ws://", "wss://")


@dataclass(frozen=True)
class RemotePolicySpec:
    """A policy served over openpi's websocket protocol; the harness only connects to it.

    `allow_loopback` lets the address be this machine (tests, demos, a server on the same
    host); a hub in production refuses it so that teams cannot reach the hub's own services.
    """

    url: str
    allow_loopback: bool = True

    @property
    def label(self) -> str:
        return "remote policy server"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "remote", "url": self.url, "allow_loopback": self.allow_loopback}


AnyPolicySpec = PolicySpec | RemotePolicySpec


def spec_from_dict(data: dict[str, Any]) -> AnyPolicySpec:
    """The inverse of `to_dict` (specs cross pipes and queues as plain data)."""
    fields = dict(data)
    if fields.pop("kind") == "remote":
        return RemotePolicySpec(**fields)
    return PolicySpec(**fields)


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


def make_policy(spec: PolicySpec, contents: dict[str, bytes] | None = None) -> Policy:
    """Build an installed policy and check it has the two required methods.

    With `contents` (from `read_files`), file arguments are binary file objects over those
    bytes; without, they are the paths themselves.
    """
    files: dict[str, Any] = dict(spec.files)
    if contents is not None:
        files = {argument: io.BytesIO(contents[argument]) for argument in spec.files}
    policy = resolve_factory(spec.entry_point)(**spec.kwargs, **files)
    if not isinstance(policy, Policy):
        raise TypeError(f"{spec.entry_point} returned {type(policy).__name__}, without reset/act")
    return policy
