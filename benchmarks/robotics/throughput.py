"""Harness throughput against raw environment stepping, and scaling with workers.

Not a timed test: run ``python -m benchmarks.robotics.throughput``. The raw loop steps the same
environments with the same random policy in this process, with no isolation, no checks and no
worker; the harness runs the identical episodes through its isolated workers. Overhead is
reported twice: on the steady state (episode time measured inside the workers) and end to end
(wall time including worker start-up). Writes benchmarks/results/robotics-throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from nairl.robotics.harness.envs import cached_env, task_one_hot, variation_seed  # noqa: E402
from nairl.robotics.harness.policies import ActionSpec, PolicyTask  # noqa: E402
from nairl.robotics.harness.reference import RandomPolicy  # noqa: E402
from nairl.robotics.harness.runner import evaluate  # noqa: E402
from nairl.robotics.harness.suites import get_suite  # noqa: E402

RESULTS = Path(__file__).resolve().parents[1] / "results" / "robotics-throughput.json"


def raw_steps_per_second(suite) -> float:
    """Step the suite's episodes directly: environment and policy, nothing else."""
    steps, elapsed = 0, 0.0
    for task in suite.tasks:
        env = cached_env(task.env_tasks[0], True)
        for seed in suite.seeds:
            policy = RandomPolicy()
            spec = PolicyTask(suite.name, "control", "manipulation", task.name, None, seed,
                              ("state", "task_onehot"), ActionSpec((4,), -1.0, 1.0))  # fmt: skip
            started = time.perf_counter()
            policy.reset(spec)
            state = env.reset(variation_seed(seed))
            one_hot = task_one_hot(env.task)
            for _ in range(suite.episode_length):
                action = policy.act({"state": state, "task_onehot": one_hot})
                state, _, success = env.step(action)
                steps += 1
                if success:
                    break
            elapsed += time.perf_counter() - started
    return steps / elapsed


def harness_run(suite, workers: int) -> dict[str, float]:
    started = time.perf_counter()
    _, episodes = evaluate("random", [suite], workers=workers)
    wall = time.perf_counter() - started
    steps = sum(e.steps for e in episodes)
    in_worker = sum(e.duration for e in episodes)
    return {
        "workers": workers,
        "steps": steps,
        "wall_s": wall,
        "steps_per_s_wall": steps / wall,
        "steps_per_s_per_worker_steady": steps / in_worker,
        "failed_episodes": sum(e.error is not None for e in episodes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=3, help="per task")
    parser.add_argument("--episode-length", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved; best of each kept")
    args = parser.parse_args()
    suite = get_suite("control-mt10").with_overrides(args.episodes, None, args.episode_length)
    raw_steps_per_second(suite.with_overrides(episodes=1, episode_length=20))  # warm caches
    raws, runs = [], {1: [], 2: []}
    for _ in range(args.rounds):  # interleaving spreads any background load over all configs
        raws.append(raw_steps_per_second(suite))
        for workers in runs:
            runs[workers].append(harness_run(suite, workers))
    raw = max(raws)
    best = {w: max(r, key=lambda run: run["steps_per_s_wall"]) for w, r in runs.items()}
    steady = max(run["steps_per_s_per_worker_steady"] for run in runs[1])
    result = {
        "suite": suite.name,
        "episodes": len(suite.tasks) * len(suite.seeds),
        "episode_length": suite.episode_length,
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "rounds": args.rounds,
        "raw_steps_per_s": raw,
        "raw_rounds": raws,
        "runs": runs,
        "overhead_steady": 1 - steady / raw,
        "overhead_end_to_end": 1 - best[1]["steps_per_s_wall"] / raw,
        "speedup_2_workers": best[2]["steps_per_s_wall"] / best[1]["steps_per_s_wall"],
    }
    print(f"{'configuration (best of rounds)':<40} {'env steps/s':>12} {'wall s':>8}")
    print(f"{'raw environment loop, 1 process':<40} {raw:>12.0f}")
    print(f"{'harness, 1 worker, inside the worker':<40} {steady:>12.0f}")
    for workers, run in best.items():
        label = f"harness, {workers} worker(s), end to end"
        print(f"{label:<40} {run['steps_per_s_wall']:>12.0f} {run['wall_s']:>8.1f}")
    print(
        f"overhead: steady {result['overhead_steady']:.1%}, end to end (with worker start-up) "
        f"{result['overhead_end_to_end']:.1%}; 2 workers: {result['speedup_2_workers']:.2f}x"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
