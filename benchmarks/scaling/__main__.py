"""The scaling-law workbench's benchmarks, one after the other, each with its default options:
`python -m benchmarks scaling`. Run a module on its own to pass options, e.g.
`python -m benchmarks.scaling.comparison --resamples 200`.
"""

import sys
from importlib import import_module

BENCHMARKS = (
    "chinchilla_fit",
    "bootstrap",
    "comparison",
    "per_run_inversion",
    "allocation",
    "overtraining",
    "revisiting",
)


def main() -> int:
    """Runs them all, even after one fails (e.g. without the reference data); 1 if any failed."""
    failed = []
    for name in BENCHMARKS:
        print(f"-- scaling.{name}", flush=True)
        sys.argv = [f"benchmarks.scaling.{name}"]  # each parses its own options from sys.argv
        try:
            import_module(f"benchmarks.scaling.{name}").main()
        except SystemExit as exit_:
            if exit_.code not in (None, 0):
                print(f"-- scaling.{name} failed: {exit_.code}", flush=True)
                failed.append(name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
