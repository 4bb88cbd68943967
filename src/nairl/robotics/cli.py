"""Command line of the robot evaluation harness (no Django).

Run as ``python -m nairl.robotics.cli`` or, through the Django app, as ``nairl robotics``:
the management command calls `add_subcommands` on its parser and `run` with the parsed options.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

# Small matrices train fastest on one BLAS thread (threads thrash on a shared 2-core machine);
# effective only when numpy is not imported yet, as with `python -m nairl.robotics.cli`.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from nairl.robotics.harness.episodes import Limits  # noqa: E402
from nairl.robotics.harness.policies import PolicyLoadError  # noqa: E402
from nairl.robotics.harness.results import EpisodeResult, EvaluationReport, write_jsonl  # noqa: E402
from nairl.robotics.harness.stats import Estimate  # noqa: E402
from nairl.robotics.harness.suites import UnknownSuiteError, list_suites, resolve_suites  # noqa: E402

USAGE_ERRORS = (
    UnknownSuiteError,
    PolicyLoadError,
    FileNotFoundError,
    ValueError,
    ConnectionError,
    TimeoutError,
)


def add_subcommands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    suites = commands.add_parser("suites", help="list the evaluation suites")
    suites.add_argument("--json", action="store_true", help="print JSON")

    evaluate = commands.add_parser("eval", help="evaluate a policy on suites")
    _add_run_options(evaluate)
    evaluate.add_argument("--out", type=Path, help="per-episode JSON lines (+ .summary.json)")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--backend", choices=("local", "celery"), default="local")

    train = commands.add_parser("train-baseline", help="train the multi-task MLP baseline")
    train.add_argument("--demos", type=int, default=200)
    train.add_argument("--epochs", type=int, default=150)
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--out", type=Path, help="where to save the .npz (default var/robotics)")

    serve = commands.add_parser(
        "serve-policy", help="serve a policy to remote evaluations (openpi's websocket protocol)"
    )
    serve.add_argument(
        "--policy", required=True, help="MODULE:FACTORY | random | expert | baseline"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port (0: any free port)")

    export = commands.add_parser("export-dataset", help="record episodes as a LeRobot v3 dataset")
    _add_run_options(export, default_episodes=2)
    export.add_argument("--out", type=Path, required=True, help="dataset directory")


def _add_run_options(parser: argparse.ArgumentParser, default_episodes: int | None = None) -> None:
    parser.add_argument(
        "--policy",
        required=True,
        help="MODULE:FACTORY | random | expert | baseline[:PATH] | ws://HOST:PORT (a server)",
    )
    parser.add_argument("--suite", required=True, help="suite name(s), comma-separated, or 'all'")
    parser.add_argument("--episodes", type=_positive, default=default_episodes, help="per task")
    parser.add_argument("--seed", type=int, help="first seed (default: the suite's held-out seeds)")
    parser.add_argument("--episode-length", type=_positive, help="steps per episode")
    parser.add_argument("--tasks", help="comma-separated subset of the suite's tasks")
    parser.add_argument("--workers", type=_positive, default=1)
    parser.add_argument("--step-timeout", type=float, default=Limits.step_timeout)
    parser.add_argument("--episode-timeout", type=float, default=Limits.episode_timeout)
    parser.add_argument("--memory-mb", type=_positive, default=Limits.memory_mb)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Execute parsed arguments; usage errors print one line to stderr and return 2."""
    try:
        return COMMANDS[args.command](args, stdout)
    except USAGE_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nairl robotics", description=__doc__.splitlines()[0])
    add_subcommands(parser)
    return run(parser.parse_args(argv), stdout or sys.stdout)


def _suites(args: argparse.Namespace, stdout: TextIO) -> int:
    summaries = [suite.summary() for suite in list_suites()]
    if args.json:
        json.dump(summaries, stdout, indent=2)
        stdout.write("\n")
        return 0
    for s in summaries:
        stdout.write(
            f"{s['name']:<18} {s['capability']:<11} {len(s['tasks']):>3} tasks "
            f"x {s['episodes_per_task']} seeds, {s['episode_length']} steps  hash {s['hash']}\n"
            f"    {s['description']}\n"
        )
    return 0


def _selected_suites(args: argparse.Namespace) -> list:
    tasks = [t.strip() for t in args.tasks.split(",")] if args.tasks else None
    try:
        return [
            suite.with_overrides(args.episodes, args.seed, args.episode_length, tasks)
            for suite in resolve_suites(args.suite)
        ]
    except UnknownSuiteError:
        raise
    except KeyError as exc:  # an unknown task: KeyError's str() would add quotes
        raise ValueError(exc.args[0]) from None


def _evaluate(args: argparse.Namespace, stdout: TextIO, record: bool = False):
    from nairl.robotics.harness.runner import evaluate

    limits = Limits(args.step_timeout, args.episode_timeout, args.memory_mb)
    return evaluate(
        args.policy,
        _selected_suites(args),
        workers=args.workers,
        limits=limits,
        progress=_progress,
        backend=getattr(args, "backend", "local"),
        record=record,
    )


def _progress(done: int, total: int, result: EpisodeResult) -> None:
    if done == total or done % max(1, total // 20) == 0:
        print(f"[{done}/{total}] {result.suite} {result.task} seed {result.seed}", file=sys.stderr)


def _eval(args: argparse.Namespace, stdout: TextIO) -> int:
    report, episodes = _evaluate(args, stdout)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w") as stream:
            write_jsonl(episodes, stream)
        args.out.with_suffix(".summary.json").write_text(json.dumps(report.to_dict(), indent=2))
    if args.json:
        json.dump(report.to_dict(), stdout, indent=2)
        stdout.write("\n")
    else:
        stdout.write(format_report(report))
    return 0


def _interval(estimate: Estimate) -> str:
    return f"{estimate.mean:6.1%}  [{estimate.low:6.1%}, {estimate.high:6.1%}]"


def format_report(report: EvaluationReport) -> str:
    """A plain-text table: tasks, capabilities, overall, with 95% Wilson intervals."""
    lines = [f"policy {report.policy}"]
    lines += [f"suite {s['name']} ({s['capability']}) hash {s['hash']}" for s in report.suites]
    lines.append(f"{'task':<52} {'success':>7}  {'95% interval':<18} {'n':>4} {'failed':>6}")
    for t in report.tasks:
        extra = "  ".join(f"{k}={v['mean']:.3f}" for k, v in t.metrics.items())
        lines.append(
            f"{t.suite + ' ' + t.task:<52} {_interval(t.success)} {t.episodes:>4} "
            f"{t.failed_episodes:>6}  {extra}".rstrip()
        )
    for c in report.capabilities:
        lines.append(f"{'capability ' + c.capability + ' (score)':<52} {_interval(c.score)}")
        for d in c.perturbation_drops:
            drop = f"drop {d.drop:+.1%} [{d.low:+.1%}, {d.high:+.1%}]"
            lines.append(f"    {d.perturbation} perturbation: {drop}")
    lines.append(f"{'overall':<52} {_interval(report.overall)}")
    lines.append(
        f"{report.episodes} episodes, {report.failed_episodes} failed, {report.duration:.1f} s"
    )
    return "\n".join(lines) + "\n"


def _train_baseline(args: argparse.Namespace, stdout: TextIO) -> int:
    from nairl.robotics.harness.baseline import train_baseline

    summary = train_baseline(
        args.demos, args.epochs, args.out, args.seed, log=lambda m: stdout.write(m + "\n")
    )
    stdout.write(f"saved {summary.path}\n")
    return 0


def _serve_policy(args: argparse.Namespace, stdout: TextIO) -> int:
    from nairl.robotics.harness.policies import PolicySpec
    from nairl.robotics.harness.policy_server import PolicyServer

    spec = PolicySpec.parse(args.policy)
    if not isinstance(spec, PolicySpec):
        raise ValueError("serve-policy serves an installed policy, not another server")
    try:
        server = PolicyServer(spec, args.host, args.port)
    except OSError as exc:
        raise ValueError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    stdout.write(f"serving {args.policy} on {server.url}\n")  # the first line: where
    stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def _export_dataset(args: argparse.Namespace, stdout: TextIO) -> int:
    from nairl.robotics.harness.lerobot_export import export_lerobot

    _, episodes = _evaluate(args, stdout, record=True)
    written = export_lerobot(episodes, args.out)
    stdout.write(f"wrote {written.episodes} episodes, {written.frames} frames to {args.out}\n")
    for note in written.notes:
        stdout.write(f"note: {note}\n")
    return 0


COMMANDS = {
    "suites": _suites,
    "eval": _eval,
    "train-baseline": _train_baseline,
    "export-dataset": _export_dataset,
    "serve-policy": _serve_policy,
}

if __name__ == "__main__":
    sys.exit(main())
