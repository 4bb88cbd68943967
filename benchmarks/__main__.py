"""Runs the benchmarks: `python -m benchmarks` runs every group, `python -m benchmarks people`
(or several names) only those, `python -m benchmarks scaling.overtraining` one module of a
group. A group is a package or module under benchmarks/ with a `main()`;
arguments after `--` are passed to each group's `main(argv)` when it takes one.

A group that fails is reported and the others still run; the exit status is 1 if any failed.
"""

import inspect
import sys
import time
import traceback
from importlib import import_module
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_GROUPS = {"common", "results", "__pycache__"}


def groups() -> list[str]:
    found = []
    for entry in sorted(HERE.iterdir()):
        name = entry.stem if entry.suffix == ".py" else entry.name
        if name.startswith(("_", ".")) or name in NOT_GROUPS:
            continue
        if entry.is_dir() and any(entry.glob("*.py")) or entry.suffix == ".py":
            found.append(name)
    return found


def exists(name: str, available: list[str]) -> bool:
    """A group, or group.module for one module of a group."""
    group, _, module = name.partition(".")
    return group in available and (not module or (HERE / group / f"{module}.py").is_file())


def entry_point(group: str):
    """The group's main(): on the package itself, else on its __main__ module."""
    module = import_module(f"benchmarks.{group}")
    main = getattr(module, "main", None)
    if main is None and (HERE / group / "__main__.py").exists():
        main = getattr(import_module(f"benchmarks.{group}.__main__"), "main", None)
    return main


def run(argv: list[str]) -> int:
    names, extra = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    )
    available = groups()
    unknown = [name for name in names if not exists(name, available)]
    if unknown:
        print(
            f"Unknown benchmark group(s): {', '.join(unknown)}. Available: {', '.join(available)}.",
            file=sys.stderr,
        )
        return 2
    failed = []
    for group in names or available:
        main = entry_point(group)
        if main is None:
            print(f"== {group}: no main(), skipped")
            continue
        print(f"== {group}", flush=True)
        started = time.perf_counter()
        try:
            takes_argv = bool(inspect.signature(main).parameters)
            status = main(extra) if takes_argv else main()
        except SystemExit as exit_:
            status = exit_.code
        except Exception:
            traceback.print_exc()
            status = 1
        if status not in (None, 0):
            failed.append(group)
        print(
            f"== {group}: {'FAILED' if status not in (None, 0) else 'done'} in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
