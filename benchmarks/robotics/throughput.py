"""Harness throughput against raw environment stepping, and scaling with workers.

Not a timed test: run ``python -m benchmarks.robotics.throughput``. The raw loop steps the same
environments with the same random policy in this process, with no isolation, no checks and no
worker; the harness runs the identical episodes through its isolated workers. Overhead is
reported twice: steady state (episode time measured inside the worker against raw stepping) and
end to end (harness wall time, worker start-up included, against raw stepping plus building
the environments), plus CPU seconds per step of all harness processes against the raw loop,
which other load on a shared machine hardly moves. Medians over interleaved rounds; writes
benchmarks/results/robotics-throughput.json."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from nairl.robotics.harness.envs import TaskEnv, task_one_hot, variation_seed  # noqa: E402
from nairl.robotics.harness.policies import ActionSpec, PolicyTask  # noqa: E402
from nairl.robotics.harness.reference import RandomPolicy  # noqa: E402
from nairl.robotics.harness.runner import evaluate  # noqa: E402
from nairl.robotics.harness.suites import get_suite  # noqa: E402

RESULTS = Path(__file__).resolve().parents[1] / "results" / "robotics-throughput.json"


def raw_run(suite) -> dict[str, float]:
    """Build the suite's environments, then step its episodes directly in this process."""
    cpu_started = time.process_time()
    started = time.perf_counter()
    envs = {task.name: TaskEnv(task.env_tasks[0]) for task in suite.tasks}
    build = time.perf_counter() - started
    steps, stepping = 0, 0.0
    for task in suite.tasks:
        env, one_hot = envs[task.name], task_one_hot(task.env_tasks[0])
        for seed in suite.seeds:
            policy = RandomPolicy()
            spec = PolicyTask(suite.name, "control", "manipulation", task.name, None, seed,
                              ("state", "task_onehot"), ActionSpec((4,), -1.0, 1.0))  # fmt: skip
            started = time.perf_counter()
            policy.reset(spec)
            state = env.reset(variation_seed(seed))
            for _ in range(suite.episode_length):
                state, _, success = env.step(policy.act({"state": state, "task_onehot": one_hot}))
                steps += 1
                if success:
                    break
            stepping += time.perf_counter() - started
    return {
        "steps": steps,
        "cpu_s": time.process_time() - cpu_started,
        "build_s": build,
        "steps_per_s_stepping": steps / stepping,
        "steps_per_s_with_build": steps / (stepping + build),
    }


def _cpu_seconds() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def harness_run(suite, workers: int) -> dict[str, float]:
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    _, episodes = evaluate("random", [suite], workers=workers)
    wall = time.perf_counter() - started
    steps = sum(e.steps for e in episodes)
    in_worker = sum(e.duration for e in episodes)
    return {
        "workers": workers,
        "steps": steps,
        "wall_s": wall,
        "cpu_s": _cpu_seconds() - cpu_before,  # this process and its (exited) workers
        "steps_per_s_wall": steps / wall,
        "steps_per_s_per_worker_steady": steps / in_worker,
        "failed_episodes": sum(e.error is not None for e in episodes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=5, help="per task")
    parser.add_argument("--episode-length", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    suite = get_suite("control-mt10").with_overrides(args.episodes, None, args.episode_length)
    raw_run(suite.with_overrides(episodes=1, episode_length=20))  # warm imports and caches
    rounds = []
    for _ in range(args.rounds):
        # Each round measures every configuration back to back, and overheads are taken within
        # a round: background load on a shared machine then shifts both sides of each ratio.
        raw = raw_run(suite)
        one, two = harness_run(suite, 1), harness_run(suite, 2)
        rounds.append(
            {
                "raw": raw,
                "harness": [one, two],
                "overhead_steady": 1
                - one["steps_per_s_per_worker_steady"] / raw["steps_per_s_stepping"],
                "overhead_end_to_end": 1 - one["steps_per_s_wall"] / raw["steps_per_s_with_build"],
                "speedup_2_workers": two["steps_per_s_wall"] / one["steps_per_s_wall"],
                # CPU seconds per step barely move with other load on the machine.
                "cpu_overhead": (one["cpu_s"] / one["steps"]) / (raw["cpu_s"] / raw["steps"]) - 1,
            }
        )
    summary = {
        key: statistics.median(r[key] for r in rounds)
        for key in ("overhead_steady", "overhead_end_to_end", "cpu_overhead", "speedup_2_workers")
    }
    for key in ("steps_per_s_stepping", "steps_per_s_with_build"):
        summary[f"raw_{key}"] = statistics.median(r["raw"][key] for r in rounds)
    for workers in (1, 2):
        summary[f"harness_{workers}_worker_steps_per_s"] = statistics.median(
            r["harness"][workers - 1]["steps_per_s_wall"] for r in rounds
        )
    summary["harness_1_worker_steady_steps_per_s"] = statistics.median(
        r["harness"][0]["steps_per_s_per_worker_steady"] for r in rounds
    )
    result = {
        "suite": suite.name,
        "episodes": len(suite.tasks) * len(suite.seeds),
        "episode_length": suite.episode_length,
        "cpu_count": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "median": summary,
        "rounds": rounds,
    }
    print(f"median of {args.rounds} rounds, {result['episodes']} random-policy episodes each")
    print(f"{'configuration':<40} {'env steps/s':>12}")
    rows = (
        ("raw loop, stepping only", "raw_steps_per_s_stepping"),
        ("harness, 1 worker, inside the worker", "harness_1_worker_steady_steps_per_s"),
        ("raw loop, with building environments", "raw_steps_per_s_with_build"),
        ("harness, 1 worker, end to end", "harness_1_worker_steps_per_s"),
        ("harness, 2 workers, end to end", "harness_2_worker_steps_per_s"),
    )
    for label, key in rows:
        print(f"{label:<40} {summary[key]:>12.0f}")
    print(
        f"overhead: steady {summary['overhead_steady']:.1%}, end to end (worker start-up) "
        f"{summary['overhead_end_to_end']:.1%}; 2 workers: {summary['speedup_2_workers']:.2f}x"
    )
    print(f"CPU time per step, harness (all processes) vs raw: {summary['cpu_overhead']:+.1%}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
