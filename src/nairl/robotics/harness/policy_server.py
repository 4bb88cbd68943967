"""A policy server for installed policies, speaking openpi's protocol (see `remote.py`).

``nairl robotics serve-policy --policy expert --port 8000`` serves the scripted experts so that
``ws://127.0.0.1:8000`` can be evaluated as a remote policy; a team serves its own model the
same way, or with openpi's ``serve_policy``. Each connection gets its own policy instance
(a connection is one harness worker) and is served on its own thread. Like openpi's server,
it sends its metadata first, answers each observation with ``{"actions": (1, action size)}``,
reports a failure as a text frame and closes with code 1011, and answers ``GET /healthz``.
"""

from __future__ import annotations

import http
import threading
import time
from typing import Any

import numpy as np

from nairl.robotics.harness import wire
from nairl.robotics.harness.policies import PolicySpec, make_policy, resolve_factory
from nairl.robotics.harness.remote import observation_from_wire

MAX_OBSERVATION_BYTES = 64 << 20
PROTOCOL = "openpi-websocket/msgpack-numpy"


class PolicyServer:
    """Serves one installed policy on ``host:port`` (port 0: any free port, see `.port`)."""

    def __init__(self, spec: PolicySpec, host: str = "127.0.0.1", port: int = 8000) -> None:
        from websockets.sync.server import serve

        resolve_factory(spec.entry_point)  # a policy that cannot load fails here, not per client
        self.spec = spec
        self.metadata = {"policy": spec.entry_point, "protocol": PROTOCOL, "action_horizon": 1}
        self.server = serve(
            self._handle,
            host,
            port,
            compression=None,
            max_size=MAX_OBSERVATION_BYTES,
            process_request=_health_check,
        )
        self.host, self.port = self.server.socket.getsockname()[:2]

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    def serve_forever(self) -> None:
        self.server.serve_forever()

    def start(self) -> PolicyServer:
        """Serve on a background thread (tests, demos); stop with `shutdown`."""
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def shutdown(self) -> None:
        self.server.shutdown()

    def _handle(self, connection: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        connection.send(wire.pack(self.metadata))
        try:
            session = _Session(make_policy(self.spec))
            for message in connection:
                started = time.monotonic()
                action = session.answer(wire.unpack(message, MAX_OBSERVATION_BYTES))
                action["server_timing"] = {"infer_ms": (time.monotonic() - started) * 1000}
                connection.send(wire.pack(action))
        except ConnectionClosed:
            return
        except Exception as exc:  # the client learns why, as from openpi's server
            try:
                connection.send(f"{type(exc).__name__}: {exc}")
                connection.close(1011, "Internal server error. Error included in previous frame.")
            except ConnectionClosed:
                pass


class _Session:
    """One connection's policy: reset on each announced task, one action per observation."""

    def __init__(self, policy: Any) -> None:
        self.policy = policy
        self.started = False

    def answer(self, message: Any) -> dict[str, Any]:
        if isinstance(message, str | bytes):
            raise ValueError("an observation must be a msgpack map, not text")
        observation, task = observation_from_wire(message)
        if task is not None:
            self.policy.reset(task)
            self.started = True
        if not self.started:
            raise ValueError("the first observation of an episode must carry nairl/task")
        action = np.asarray(self.policy.act(observation), dtype=np.float32)
        return {"actions": action[None]}


def _health_check(connection: Any, request: Any) -> Any:
    if request.path == "/healthz":
        return connection.respond(http.HTTPStatus.OK, "OK\n")
    return None
