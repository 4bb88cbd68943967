"""Success of the reference policies on the full suites (50 held-out seeds per task).

Run ``python -m benchmarks.robotics.reference_scores [--train] [--workers 2]``: trains the
baseline when asked (or when its file is missing), then evaluates random, expert and baseline
on control-mt10 and decision-mt10 (both policies that read the state), and random on
perception-mt10 (which no state policy can read). Writes
benchmarks/results/robotics-reference-scores.json with per-task and per-capability intervals.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from nairl.robotics.cli import format_report  # noqa: E402
from nairl.robotics.harness.baseline import default_path, train_baseline  # noqa: E402
from nairl.robotics.harness.runner import evaluate  # noqa: E402
from nairl.robotics.harness.suites import get_suite  # noqa: E402

RESULTS = Path(__file__).resolve().parents[1] / "results" / "robotics-reference-scores.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="retrain the baseline first")
    parser.add_argument("--demos", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--suites", default="control-mt10,decision-mt10")
    parser.add_argument("--policies", default="random,expert,baseline")
    args = parser.parse_args()
    output: dict = {"runs": []}
    baseline = default_path()
    if args.train or not baseline.exists():
        summary = train_baseline(args.demos, out=baseline, log=print)
        output["training"] = summary.to_dict()
    for suite_name in args.suites.split(","):
        for policy in args.policies.split(","):
            started = time.perf_counter()
            report, _ = evaluate(policy, [get_suite(suite_name)], workers=args.workers)
            print(format_report(report))
            output["runs"].append(
                {"policy": policy, "seconds": time.perf_counter() - started, **report.to_dict()}
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
