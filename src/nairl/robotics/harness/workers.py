"""Isolated worker processes that run episodes, and a local pool of them.

Each worker is a fresh Python process (``python -m nairl.robotics.harness.workers``) started in
the sandbox (`sandbox.py`: another user, a scrubbed environment, limits before any import) and
talking to its parent over pipes in msgpack (`wire.py`; never pickle, so a worker cannot make
its parent run code). It keeps environments and the policy between episodes and enforces
per-step limits itself. The parent enforces the episode deadline and replaces a worker that
dies or overruns, so a misbehaving policy costs one episode, never the evaluation.
Subprocesses (not multiprocessing) keep this usable inside daemonic Celery workers.
"""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from multiprocessing.connection import wait
from typing import IO, Any

from nairl.robotics.harness import wire
from nairl.robotics.harness.episodes import EpisodeJob, Limits, PolicyHolder, run_episode
from nairl.robotics.harness.policies import AnyPolicySpec, PolicyLoadError, spec_from_dict
from nairl.robotics.harness.results import EpisodeResult
from nairl.robotics.harness.sandbox import SandboxedProcess

_HEADER = struct.Struct("!Q")
MAX_MESSAGE_BYTES = 1 << 30  # an episode's recorded frames are the largest message
START_TIMEOUT = 120.0  # seconds for a worker to import the simulator and load the policy
KILL_GRACE = 5.0  # seconds the parent waits past the episode timeout before killing


def _send(stream: IO[bytes], message: Any) -> None:
    payload = wire.pack(message)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message, or None at end of stream (the other side is gone or spoke garbage)."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    if size > MAX_MESSAGE_BYTES:
        return None
    payload = stream.read(size)
    if len(payload) != size:
        return None
    try:
        return wire.unpack(payload, MAX_MESSAGE_BYTES)
    except wire.WireError:
        return None


def _describe_exit(process: subprocess.Popen[bytes]) -> str:
    code = process.wait()
    if code < 0:
        return f"killed by signal {signal.Signals(-code).name}"
    return f"exit code {code}"


class IsolatedWorker:
    """Parent-side handle of one worker process."""

    def __init__(self, policy: AnyPolicySpec, limits: Limits) -> None:
        self.limits = limits
        contents = policy.read_files() if hasattr(policy, "read_files") else {}
        self.sandbox = SandboxedProcess("nairl.robotics.harness.workers", limits.memory_mb)
        self.process = self.sandbox.process
        assert self.process.stdin and self.process.stdout
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        start = {"policy": policy.to_dict(), "limits": limits.to_dict(), "files": contents}
        try:
            _send(self.stdin, start)
        except BrokenPipeError:
            pass  # it died at once; wait_ready() reports how
        self.job: EpisodeJob | None = None
        self.deadline = float("inf")

    def wait_ready(self) -> None:
        """Block until the worker has loaded the policy module; PolicyLoadError if it cannot."""
        if not wait([self.stdout], START_TIMEOUT):
            self.kill()
            raise PolicyLoadError(f"policy worker did not start within {START_TIMEOUT:g} s")
        reply = _receive(self.stdout)
        if reply is None:
            self.kill()
            raise PolicyLoadError(
                f"policy worker exited during start-up ({_describe_exit(self.process)})"
            )
        if reply != "ready":
            self.kill()
            raise PolicyLoadError(str(reply)[:2000])

    def fileno(self) -> int:
        return self.stdout.fileno()

    def submit(self, job: EpisodeJob) -> None:
        self.job = job
        self.deadline = time.monotonic() + self.limits.episode_timeout + KILL_GRACE
        try:
            _send(self.stdin, job.to_dict())
        except BrokenPipeError:
            pass  # the worker is gone; collect() reads end-of-stream and reports its death

    def collect(self) -> tuple[EpisodeResult, bool]:
        """The finished job's result (call when readable) and whether the worker is still alive."""
        assert self.job is not None
        message = _receive(self.stdout)
        result = _result_from(message)
        alive = result is not None
        if result is None:
            if message is not None:
                self.kill()
                result = self._failed("worker sent an invalid result")
            else:
                result = self._failed(f"worker died ({_describe_exit(self.process)})")
        self.job, self.deadline = None, float("inf")
        return result, alive

    def expire(self) -> EpisodeResult:
        """Kill a worker that overran its episode deadline; the job fails as a timeout."""
        self.kill()
        result = self._failed(
            f"episode timeout: worker unresponsive after {self.limits.episode_timeout:g} s"
        )
        self.job, self.deadline = None, float("inf")
        return result

    def _failed(self, error: str) -> EpisodeResult:
        job = self.job
        assert job is not None
        return EpisodeResult(
            job.suite, job.task.name, job.seed, suite_hash=job.suite_hash, error=error
        )

    def run(self, job: EpisodeJob) -> tuple[EpisodeResult, bool]:
        """Blocking: run one job; returns the result and whether the worker survived."""
        self.submit(job)
        if wait([self.stdout], max(0.0, self.deadline - time.monotonic())):
            return self.collect()
        return self.expire(), False

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the whole group is gone already
        self.process.wait()
        self.sandbox.remove_home()

    def close(self) -> None:
        """Ask the worker to exit (end of input), killing it if it lingers."""
        try:
            self.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
        self.stdout.close()
        self.sandbox.remove_home()


def _result_from(message: Any) -> EpisodeResult | None:
    """The worker's result, or None when the message is not one."""
    try:
        result = EpisodeResult.from_dict(message["result"])
        frames = message["frames"]
    except (KeyError, TypeError, ValueError):
        return None
    if frames is not None and not isinstance(frames, list):
        return None
    result.frames = frames
    return result


def _start(policy: AnyPolicySpec, limits: Limits, count: int) -> list[IsolatedWorker]:
    workers = [IsolatedWorker(policy, limits) for _ in range(count)]  # start-ups overlap
    try:
        for worker in workers:
            worker.wait_ready()
    except PolicyLoadError:
        for worker in workers:
            worker.kill()
        raise
    return workers


def run_local(
    jobs: Iterable[EpisodeJob],
    policy: AnyPolicySpec,
    limits: Limits,
    workers: int,
    on_result: Callable[[EpisodeResult], None],
) -> None:
    """Run jobs over a pool of `workers` isolated processes, reporting each result as it ends."""
    pending = deque(jobs)
    pool = _start(policy, limits, max(1, min(workers, len(pending))))
    try:
        while True:
            for worker in pool:
                if worker.job is None and pending:
                    worker.submit(pending.popleft())
            busy = [w for w in pool if w.job is not None]
            if not busy:
                return
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = set(wait(busy, timeout))
            for index, worker in enumerate(pool):
                if worker in ready:
                    result, alive = worker.collect()
                elif worker.job is not None and time.monotonic() > worker.deadline:
                    result, alive = worker.expire(), False
                else:
                    continue
                if not alive:
                    worker.kill()
                    pool[index] = replacement = IsolatedWorker(policy, limits)
                    replacement.wait_ready()
                on_result(result)
    finally:
        for worker in pool:
            worker.close()


def _serve() -> None:
    """Worker main loop: read jobs from stdin, write results to the original stdout."""
    # Keep the protocol pipes private: a policy that prints writes to stderr, one that reads
    # standard input reads nothing.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    protocol_in = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    with open(os.devnull, "rb") as null:
        os.dup2(null.fileno(), sys.stdin.fileno())
    start = _receive(protocol_in)
    limits = Limits(**start["limits"])
    holder = PolicyHolder(spec_from_dict(start["policy"]), limits, start["files"])
    try:
        holder.load()
    except PolicyLoadError as exc:
        _send(protocol_out, str(exc))
        return
    _send(protocol_out, "ready")
    while (job := _receive(protocol_in)) is not None:
        result = run_episode(EpisodeJob.from_dict(job), holder, limits)
        _send(protocol_out, {"result": result.to_dict(), "frames": result.frames})


if __name__ == "__main__":
    _serve()
