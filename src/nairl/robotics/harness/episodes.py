"""One episode, run inside a worker process: the policy acts, the harness checks and scores.

Everything a policy can do wrong (raise, hang, return garbage, exhaust memory) ends the episode
as a failure with the error recorded; nothing it does escapes this module as an exception.
"""

from __future__ import annotations

import signal
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from nairl.robotics.harness.envs import (
    MT10_TASKS,
    TaskEnv,
    cached_env,
    task_one_hot,
    variation_seed,
)
from nairl.robotics.harness.language import instruction_for
from nairl.robotics.harness.policies import (
    ActionSpec,
    AnyPolicySpec,
    Policy,
    PolicyLoadError,
    PolicyTask,
    RemotePolicySpec,
    make_policy,
    resolve_factory,
)
from nairl.robotics.harness.remote import RemotePolicy, RemotePolicyError, connect_policy
from nairl.robotics.harness.rendering import perturbed, render
from nairl.robotics.harness.results import EpisodeResult
from nairl.robotics.harness.suites import POSE_PROBE_TOLERANCE_M, TaskSpec

ARM_ACTION = ActionSpec((4,), -1.0, 1.0)  # xyz end-effector displacement and gripper effort
POSE_ESTIMATE = ActionSpec((3,), -1.0, 1.0)  # object position in metres, world frame
OBSERVATION_KEYS = {
    "state": ("state", "task_onehot"),
    "pixels": ("image", "proprio", "task_onehot"),
    "language": ("state", "instruction"),
}
_PERTURBATION_SALT = 7_777


@dataclass(frozen=True)
class Limits:
    """Resource limits for a policy; enforced in the worker and, as a backstop, by its parent."""

    step_timeout: float = 5.0  # seconds for one reset() or act()
    episode_timeout: float = 600.0  # seconds for a whole episode
    memory_mb: int = 4096  # address-space limit of the worker process (RLIMIT_AS)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EpisodeJob:
    """Everything a worker needs to run one episode; plain data so it crosses any queue."""

    suite: str
    suite_hash: str
    capability: str
    observation: str
    task: TaskSpec
    seed: int
    episode_length: int
    image_size: int = 64
    camera: str = "corner"
    record: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeJob:
        task = dict(data["task"])
        task["env_tasks"] = tuple(task["env_tasks"])
        return cls(**{**data, "task": TaskSpec(**task)})


class EpisodeFailure(Exception):
    """Ends an episode as failed; the message is what the results record."""


class _StepTimeout(BaseException):
    """Raised by the alarm; a BaseException so that a policy's `except Exception` cannot hide it."""


def _expire(signum: int, frame: Any) -> None:
    raise _StepTimeout


@contextmanager
def _alarm_handler() -> Iterator[None]:
    """Route SIGALRM to `_expire` for the episode; each policy call then only arms the timer."""
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class PolicyHolder:
    """The worker's policy: loaded at start-up, rebuilt after a failed episode.

    Loading imports an installed policy's module or connects to a remote policy's server, so
    that a policy that cannot be used stops the evaluation before any episode.
    """

    def __init__(
        self, spec: AnyPolicySpec, limits: Limits, contents: dict[str, bytes] | None = None
    ) -> None:
        self.spec, self.limits, self.contents = spec, limits, contents
        self._policy: Any = None

    def load(self) -> None:
        """Raise PolicyLoadError when the policy cannot be used at all."""
        if isinstance(self.spec, RemotePolicySpec):
            self._policy = connect_policy(self.spec, self.limits.step_timeout)
        else:
            resolve_factory(self.spec.entry_point)

    def get(self) -> Policy:
        if self._policy is None:
            try:
                self._policy = self._build()
            except (RemotePolicyError, PolicyLoadError) as exc:
                raise EpisodeFailure(str(exc)) from exc
            except Exception as exc:
                raise EpisodeFailure(f"policy factory failed: {type(exc).__name__}: {exc}") from exc
        return self._policy

    def _build(self) -> Policy:
        if isinstance(self.spec, RemotePolicySpec):
            return RemotePolicy(self.spec, self.limits.step_timeout)
        return make_policy(self.spec, self.contents)

    def discard(self) -> None:
        if isinstance(self._policy, RemotePolicy):
            self._policy.close()  # a connection in an unknown state (mid-answer) is not reused
        self._policy = None


class _Episode:
    """State of one running episode: guards every policy call and accumulates the result."""

    def __init__(self, job: EpisodeJob, policy: Policy, limits: Limits) -> None:
        self.job = job
        self.policy = policy
        self.limits = limits
        self.deadline = time.monotonic() + limits.episode_timeout
        self.steps = 0
        self.total_return = 0.0
        self.frames: list[dict[str, Any]] | None = [] if job.record else None

    def call(self, method: Callable[[Any], Any], argument: Any, name: str) -> Any:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise EpisodeFailure(f"episode timeout: exceeded {self.limits.episode_timeout:g} s")
        budget = min(self.limits.step_timeout, remaining)
        try:
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                return method(argument)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _StepTimeout:
            if budget < self.limits.step_timeout:
                raise EpisodeFailure(
                    f"episode timeout: exceeded {self.limits.episode_timeout:g} s"
                ) from None
            raise EpisodeFailure(
                f"step timeout: {name}() took over {self.limits.step_timeout:g} s"
            ) from None
        except MemoryError as exc:
            raise EpisodeFailure(f"memory limit exceeded in {name}(): {exc}") from None
        except RemotePolicyError as exc:
            raise EpisodeFailure(str(exc)) from None
        except Exception as exc:
            raise EpisodeFailure(f"policy raised in {name}(): {type(exc).__name__}: {exc}") from exc

    def checked_action(self, observation: dict[str, Any], spec: ActionSpec) -> np.ndarray:
        action = self.call(self.policy.act, observation, "act")
        problem = spec.violation(action)
        if problem:
            raise EpisodeFailure(f"invalid action at step {self.steps}: {problem}")
        return np.asarray(action, dtype=np.float64)

    def policy_task(self, kind: str, env_task: str, link: int, action: ActionSpec) -> PolicyTask:
        language = self.job.observation == "language"
        return PolicyTask(
            suite=self.job.suite,
            capability=self.job.capability,
            kind=kind,
            name=None if language else env_task,
            instruction=instruction_for(env_task, self.job.seed + link) if language else None,
            seed=self.job.seed,
            observation_keys=OBSERVATION_KEYS[self.job.observation],
            action=action,
            task_names=() if language else MT10_TASKS,
        )

    def observe(self, env: TaskEnv, state: np.ndarray, task: PolicyTask) -> dict[str, Any]:
        mode = self.job.observation
        if mode == "state":
            return {"state": state, "task_onehot": task_one_hot(env.task)}
        if mode == "language":
            return {"state": state, "instruction": task.instruction}
        return {
            "image": render(env, self.job.image_size, self.job.camera),
            "proprio": state[:4].copy(),
            "task_onehot": task_one_hot(env.task),
        }

    def run_link(self, env_task: str, link: int) -> bool:
        """Run one task to success or the step limit; True when it succeeded."""
        env = cached_env(env_task, self.job.observation != "pixels")
        kind = "chain-link" if self.job.task.kind == "chain" else "manipulation"
        task = self.policy_task(kind, env_task, link, ARM_ACTION)
        self.call(self.policy.reset, task, "reset")
        state = env.reset(variation_seed(self.job.seed, link))
        rng = np.random.default_rng([self.job.seed, link, _PERTURBATION_SALT])
        with perturbed(env, self.job.task.perturbation, rng):
            for _ in range(self.job.episode_length):
                observation = self.observe(env, state, task)
                action = self.checked_action(observation, ARM_ACTION)
                state, reward, success = env.step(action)
                self.steps += 1
                self.total_return += reward
                if self.frames is not None:
                    self.record(observation, action, reward, success, link)
                if success:
                    return True
        return False

    def record(
        self, observation: dict[str, Any], action: Any, reward: float, success: bool, link: int
    ) -> None:
        state = observation.get("state", observation.get("proprio"))
        self.frames.append(
            {
                "state": np.asarray(state, dtype=np.float32),
                "action": np.asarray(action, dtype=np.float32),
                "reward": reward,
                "success": success,
                "link": link,
            }
        )

    def run_probe(self, env_task: str) -> float:
        """Pose probe: one image, one estimate; returns the position error in metres."""
        env = cached_env(env_task, False)
        task = self.policy_task("pose-probe", env_task, 0, POSE_ESTIMATE)
        self.call(self.policy.reset, task, "reset")
        state = env.reset(variation_seed(self.job.seed))
        estimate = self.checked_action(self.observe(env, state, task), POSE_ESTIMATE)
        self.steps = 1
        return float(np.linalg.norm(estimate - env.object_position()))


def _play(job: EpisodeJob, episode: _Episode, result: EpisodeResult) -> None:
    """Run the task (probe, single task or chain) and score it into `result`."""
    if job.task.kind == "pose-probe":
        error = episode.run_probe(job.task.env_tasks[0])
        result.success = error <= POSE_PROBE_TOLERANCE_M
        result.score = float(result.success)
        result.metrics = {"position_error_m": error}
        episode.total_return = -error
        return
    completed = 0
    for link, env_task in enumerate(job.task.env_tasks):
        if not episode.run_link(env_task, link):
            break
        completed += 1
    links = len(job.task.env_tasks)
    result.success = completed == links
    result.score = completed / links
    if job.task.kind == "chain":
        result.metrics = {"completed": float(completed)}


def run_episode(job: EpisodeJob, holder: PolicyHolder, limits: Limits) -> EpisodeResult:
    """Run `job` with the holder's policy; a failure of any kind becomes `result.error`."""
    result = EpisodeResult(job.suite, job.task.name, job.seed, suite_hash=job.suite_hash)
    started = time.monotonic()
    episode: _Episode | None = None
    try:
        goal_visible = job.observation != "pixels" and job.task.kind != "pose-probe"
        for env_task in job.task.env_tasks:  # a worker's one-off set-up, not the episode's time
            cached_env(env_task, goal_visible)
        started = time.monotonic()
        episode = _Episode(job, holder.get(), limits)
        with _alarm_handler():
            _play(job, episode, result)
    except EpisodeFailure as failure:
        result.error = str(failure)
    except Exception as exc:  # a harness or simulator fault; recorded, never fatal
        result.error = f"harness error: {type(exc).__name__}: {exc}"
        traceback.print_exc()
    if result.error is not None:
        result.success, result.score = False, 0.0
        holder.discard()  # its internal state is suspect after a failure
    if episode is not None:
        result.return_ = episode.total_return
        result.steps = episode.steps
        result.frames = episode.frames
    result.duration = time.monotonic() - started
    return result
