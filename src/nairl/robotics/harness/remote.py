"""Remote policies: the harness connects to a policy server that speaks openpi's protocol.

The protocol is openpi's (``openpi_client.websocket_client_policy``, ``serve_policy``): over one
websocket connection the server first sends its metadata (a map), then answers each ``infer``
message (an observation map) with a map holding ``actions`` — one action, or a chunk of them
(steps × action size) that the harness executes in order before asking again. Every message is
msgpack with openpi's numpy encoding (`wire.py`). A server that fails sends its error as a
text frame and closes the connection, as openpi's server does.

Observations use openpi's key names: ``observation/state``, ``observation/image``,
``observation/proprio``, ``observation/task_onehot`` and ``prompt`` (the instruction, or the
task in words where the suite names the task). The first observation of each episode (and
of each link of a chain) also carries ``nairl/task``: the suite, capability, kind, task,
seed and action bounds that a policy's ``reset`` receives. openpi's servers ignore keys
they do not know; the hub's own server (`policy_server.py`) resets its policy on it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from nairl.robotics.harness import wire
from nairl.robotics.harness.language import PHRASES
from nairl.robotics.harness.policies import (
    ActionSpec,
    PolicyLoadError,
    PolicyTask,
    RemotePolicySpec,
)

MAX_ANSWER_BYTES = 1 << 20  # metadata and actions: small maps; anything bigger is refused
MAX_CHUNK = 1_000  # actions in one answer
CONNECT_TIMEOUT = 30.0  # seconds to open the connection and receive the metadata
TASK_KEY = "nairl/task"
WIRE_KEYS = {
    "state": "observation/state",
    "image": "observation/image",
    "proprio": "observation/proprio",
    "task_onehot": "observation/task_onehot",
    "instruction": "prompt",
}
HARNESS_KEYS = {wire_key: key for key, wire_key in WIRE_KEYS.items()}


class RemotePolicyError(Exception):
    """The policy server cannot be reached, broke the connection or answered garbage."""


# The messages ------------------------------------------------------------------------------


def task_to_wire(task: PolicyTask) -> dict[str, Any]:
    return {
        "suite": task.suite,
        "capability": task.capability,
        "kind": task.kind,
        "name": task.name,
        "instruction": task.instruction,
        "seed": task.seed,
        "observation_keys": list(task.observation_keys),
        "action": {
            "shape": list(task.action.shape),
            "low": task.action.low,
            "high": task.action.high,
        },
        "task_names": list(task.task_names),
    }


def task_from_wire(data: Any) -> PolicyTask:
    """The task announced in an observation; ValueError when it is not well formed."""
    try:
        action = data["action"]
        return PolicyTask(
            suite=str(data["suite"]),
            capability=str(data["capability"]),
            kind=str(data["kind"]),
            name=None if data["name"] is None else str(data["name"]),
            instruction=None if data["instruction"] is None else str(data["instruction"]),
            seed=int(data["seed"]),
            observation_keys=tuple(str(k) for k in data["observation_keys"]),
            action=ActionSpec(
                tuple(int(n) for n in action["shape"]), float(action["low"]), float(action["high"])
            ),
            task_names=tuple(str(n) for n in data["task_names"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"invalid {TASK_KEY}: {type(exc).__name__}: {exc}") from None


def observation_to_wire(observation: dict[str, Any], task: PolicyTask) -> dict[str, Any]:
    message = {WIRE_KEYS[key]: value for key, value in observation.items()}
    if "prompt" not in message and task.name in PHRASES:
        message["prompt"] = PHRASES[task.name][0][0]  # the task in words ("open the drawer")
    return message


def observation_from_wire(message: Any) -> tuple[dict[str, Any], PolicyTask | None]:
    """The harness observation for a policy's ``act``, and the task when one is announced."""
    if not isinstance(message, dict):
        raise ValueError(f"an observation must be a map, not {type(message).__name__}")
    task = task_from_wire(message[TASK_KEY]) if TASK_KEY in message else None
    observation = {HARNESS_KEYS[k]: v for k, v in message.items() if k in HARNESS_KEYS}
    return observation, task


def actions_from(answer: Any, spec: ActionSpec) -> list[Any]:
    """The actions of an answer, in order (each is checked against the spec when taken)."""
    if not isinstance(answer, dict):
        raise RemotePolicyError(
            f"the policy server answered a {type(answer).__name__}, not a map with 'actions'"
        )
    actions = answer.get("actions")
    if not isinstance(actions, np.ndarray):
        raise RemotePolicyError("the policy server's answer has no 'actions' array")
    if actions.ndim == len(spec.shape):
        return [actions]
    if actions.ndim == len(spec.shape) + 1 and 1 <= len(actions) <= MAX_CHUNK:
        return list(actions)
    raise RemotePolicyError(
        f"the policy server answered actions of shape {actions.shape}; expected {spec.shape} "
        f"or a chunk (steps, {', '.join(map(str, spec.shape))}) of 1 to {MAX_CHUNK} steps"
    )


# The connection ----------------------------------------------------------------------------


def _address(spec: RemotePolicySpec) -> tuple[str, int]:
    """The server's checked IP address and port; RemotePolicyError for forbidden targets."""
    parts = urlsplit(spec.url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname or parts.username:
        raise RemotePolicyError("the policy server's address must be ws://host[:port][/path]")
    try:
        port = parts.port or (443 if parts.scheme == "wss" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (ValueError, OSError) as exc:
        raise RemotePolicyError(f"cannot resolve the policy server's address: {exc}") from None
    for *_, sockaddr in found:
        ip = ipaddress.ip_address(sockaddr[0])
        if ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip.is_reserved:
            continue
        if ip.is_loopback and not spec.allow_loopback:
            continue
        return str(ip), port
    raise RemotePolicyError(
        "the policy server's address is not allowed (this machine, link-local or reserved)"
    )


def connect(spec: RemotePolicySpec, timeout: float = CONNECT_TIMEOUT):
    """An open websocket connection to the server (to the address that was checked)."""
    from websockets.exceptions import InvalidHandshake, InvalidURI
    from websockets.sync.client import connect as websocket_connect

    host, port = _address(spec)
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        raise RemotePolicyError(f"cannot connect to the policy server: {_reason(exc)}") from None
    try:
        return websocket_connect(
            spec.url,
            sock=sock,
            open_timeout=timeout,
            close_timeout=2,
            max_size=MAX_ANSWER_BYTES,
            compression=None,
            user_agent_header="nairl-hub",
        )
    except (InvalidHandshake, InvalidURI, OSError, TimeoutError) as exc:
        sock.close()
        raise RemotePolicyError(
            f"the policy server did not accept a websocket connection: {_reason(exc)}"
        ) from None


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _closed(exc: Exception) -> str:
    """Why a connection closed, from the close frames websockets recorded."""
    sent, received = getattr(exc, "sent", None), getattr(exc, "rcvd", None)
    if sent is not None and sent.code == 1009:
        return f"the policy server sent a message over the {MAX_ANSWER_BYTES}-byte limit"
    if received is not None:
        reason = f": {received.reason[:200]}" if received.reason else ""
        return f"the policy server closed the connection (code {received.code}{reason})"
    return "the policy server dropped the connection"


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "(empty)")[:300]


class RemotePolicy:
    """A policy whose ``act`` is one ``infer`` exchange with a policy server (or a chunk's step)."""

    def __init__(self, spec: RemotePolicySpec, step_timeout: float) -> None:
        self.step_timeout = step_timeout
        self.connection = connect(spec)
        self.metadata = self._receive(CONNECT_TIMEOUT, "metadata")
        if not isinstance(self.metadata, dict):
            self.close()
            raise RemotePolicyError("the policy server's first message is not a metadata map")
        self.task: PolicyTask | None = None
        self.announce: dict[str, Any] | None = None
        self.chunk: deque[Any] = deque()

    def reset(self, task: PolicyTask) -> None:
        self.task = task
        self.announce = task_to_wire(task)
        self.chunk.clear()

    def act(self, observation: dict[str, Any]) -> Any:
        assert self.task is not None
        if not self.chunk:
            message = observation_to_wire(observation, self.task)
            if self.announce is not None:
                message[TASK_KEY], self.announce = self.announce, None
            self.chunk.extend(actions_from(self.infer(message), self.task.action))
        return self.chunk.popleft()

    def infer(self, message: dict[str, Any]) -> Any:
        from websockets.exceptions import ConnectionClosed

        try:
            self.connection.send(wire.pack(message))
        except ConnectionClosed as exc:
            raise RemotePolicyError(_closed(exc)) from None
        # The episode's alarm bounds the step; this timeout only keeps a lost alarm from hanging.
        return self._receive(2 * self.step_timeout, "answer")

    def _receive(self, timeout: float, what: str) -> Any:
        from websockets.exceptions import ConnectionClosed

        try:
            data = self.connection.recv(timeout)
        except TimeoutError:
            raise RemotePolicyError(
                f"the policy server sent no {what} within {timeout:g} s"
            ) from None
        except ConnectionClosed as exc:
            raise RemotePolicyError(_closed(exc)) from None
        if isinstance(data, str):
            raise RemotePolicyError(f"the policy server reported an error: {_last_line(data)}")
        try:
            return wire.unpack(data, MAX_ANSWER_BYTES)
        except wire.WireError as exc:
            raise RemotePolicyError(f"the policy server answered garbage: {exc}") from None

    def close(self) -> None:
        self.connection.close()


def connect_policy(spec: RemotePolicySpec, step_timeout: float) -> RemotePolicy:
    """A connected remote policy; PolicyLoadError when the server cannot be used."""
    try:
        return RemotePolicy(spec, step_timeout)
    except RemotePolicyError as exc:
        raise PolicyLoadError(str(exc)) from None
