"""Command line of the scaling-law workbench (no Django): ``python -m nairl.scaling.cli ...``.

A Django management command exposes the same commands as ``nairl scaling ...`` by calling
``add_subcommands(parser)`` and then ``run(options, stdout, stderr)``. Bad input prints one line
to stderr and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .core import (
    BENCHMARK_FORMS,
    DEFAULT_BOOTSTRAP,
    DEFAULT_LAW,
    LAW_NAMES,
    ScalingInputError,
    bootstrap,
    compare,
    compare_curves,
    compute_optimal,
    exponent,
    fit,
    get_law,
    load_runs,
    plots,
    predict,
    revisiting_benchmark,
    serving_optimal,
    steeper_than_power_law,
)
from .core.effective_compute import MODELS
from .core.learning_curves import DEFAULT_MARGIN, LEVEL, curve_of

EXIT_INPUT_ERROR = 2


def _floats(text: str) -> list[float]:
    try:
        return [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected numbers separated by commas, got '{text}'"
        ) from None


def _params(text: str) -> dict[str, float]:
    """``A=406.4,B=410.7,...`` or a JSON object (or a file holding one, e.g. a saved fit)."""
    path = Path(text)
    if path.is_file():
        text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        return {k: float(v) for k, v in data.get("params", data).items()}
    except (json.JSONDecodeError, AttributeError, TypeError, ValueError):
        pass
    out = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = item.partition("=")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise argparse.ArgumentTypeError(f"parameter '{item}' is not name=number")
    return out


def _data_options(parser: argparse.ArgumentParser, file_required: bool = True) -> None:
    if file_required:
        parser.add_argument("file", help="runs as CSV or JSON")
    parser.add_argument("--columns", help="mapping, e.g. 'n=Model Size,c=Training FLOP,loss=loss'")
    parser.add_argument("--law", default=DEFAULT_LAW, help=f"one of {', '.join(LAW_NAMES)}")
    parser.add_argument(
        "--variable",
        choices=["n", "d", "c"],
        help="the variable of a one-variable law (power: c, curves: d)",
    )
    parser.add_argument(
        "--huber-delta",
        type=float,
        default=1e-3,
        help="Huber delta on log values; 0 for least squares",
    )
    parser.add_argument(
        "--drop-highest-loss",
        type=int,
        default=0,
        metavar="K",
        help="drop the K runs with the highest loss before fitting",
    )
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=DEFAULT_BOOTSTRAP,
        metavar="B",
        help="bootstrap resamples for intervals (0: none)",
    )
    parser.add_argument("--workers", type=int, default=1, help="processes for the bootstrap")
    parser.add_argument("--seed", type=int, default=0, help="seed of the bootstrap resamples")
    parser.add_argument("--level", type=float, default=0.95, help="interval level")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _subcommand(subparsers, name: str, **kwargs) -> argparse.ArgumentParser:
    """A subcommand whose --help shows every option's default."""
    return subparsers.add_parser(
        name, formatter_class=argparse.ArgumentDefaultsHelpFormatter, **kwargs
    )


def add_subcommands(target: argparse.ArgumentParser | argparse._SubParsersAction) -> None:
    """Add the scaling subcommands to a parser (or to an existing subparsers action)."""
    subparsers = (
        target
        if isinstance(target, argparse._SubParsersAction)
        else target.add_subparsers(dest="command", required=True, metavar="command")
    )

    p = _subcommand(subparsers, "fit", help="fit a law to runs")
    _data_options(p)
    p.add_argument("--save", help="write the fit as JSON to this file")
    p.set_defaults(handler=_cmd_fit)

    p = _subcommand(subparsers, "predict", help="predict at new N, D, C or x")
    _data_options(p, file_required=False)
    p.add_argument("file", nargs="?", help="runs to fit (or give --params)")
    p.add_argument("--params", type=_params, help="parameters instead of a fit")
    for key in ("n", "d", "c"):
        p.add_argument(f"--{key}", type=_floats, help=f"values of {key.upper()}, comma-separated")
    p.set_defaults(handler=_cmd_predict)

    p = _subcommand(subparsers, "optimal", help="compute-optimal N and D for a budget")
    _data_options(p, file_required=False)
    p.add_argument("file", nargs="?", help="runs to fit (or give --params)")
    p.add_argument("--params", type=_params, help="parameters instead of a fit")
    p.add_argument("--compute", type=_floats, required=True, help="budgets in FLOPs")
    p.add_argument(
        "--inference-tokens",
        type=float,
        default=0.0,
        metavar="T",
        help="tokens served over the model's life (adds 2·N·T FLOPs)",
    )
    p.set_defaults(handler=_cmd_optimal)

    p = _subcommand(subparsers, "compare", help="does a method beat the baseline's law?")
    _data_options(p, file_required=False)
    p.add_argument("--baseline", required=True, help="baseline runs")
    p.add_argument("--method", required=True, help="method runs")
    p.add_argument("--name", default="method", help="the method's name in the verdict")
    p.add_argument(
        "--method-model",
        choices=MODELS,
        default="auto",
        help="the method's frontier: its runs fitted with the law (own_law), the law shifted "
        "in compute (compute_shift), or own_law when its runs allow (auto)",
    )
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="language of the text")
    p.set_defaults(handler=_cmd_compare)

    p = _subcommand(subparsers, "steepness", help="is a learning curve steeper than a power law?")
    p.add_argument(
        "file", help="a learning curve as CSV or JSON (the baseline's with --method-file)"
    )
    p.add_argument("--method-file", help="a method's learning curve, to compare with FILE's")
    p.add_argument("--columns", help="mapping, e.g. 'd=Seen Examples,error=Error'")
    p.add_argument(
        "--holdout",
        type=int,
        default=3,
        metavar="K",
        help="largest sizes held out of each fit and predicted",
    )
    p.add_argument(
        "--margin",
        type=float,
        default=DEFAULT_MARGIN,
        help="steeper when an alternative's held-out error is below this share of "
        f"the power law's (calibrated: at most {LEVEL:.0%} of noisy power laws are called "
        "steeper)",
    )
    p.add_argument("--name", default="method", help="the method's name in the verdict")
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="language of the text")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_steepness)

    p = _subcommand(subparsers, "plot", help="draw a fit, contours, frontier or comparison")
    _data_options(p)
    p.add_argument(
        "--kind",
        choices=["fit", "contours", "frontier", "compare"],
        default="fit",
        help="what to draw",
    )
    p.add_argument("--method-file", help="method runs (for --kind compare)")
    p.add_argument("--lang", choices=["en", "ko"], default="en", help="language of the text")
    p.add_argument("--out", required=True, help="output file (.svg or .png)")
    p.set_defaults(handler=_cmd_plot)

    p = _subcommand(subparsers, "benchmark", help="Revisiting extrapolation benchmark")
    p.add_argument("data_dir", help="folder with revisiting_benchmark_*.csv")
    p.add_argument(
        "--forms",
        default=",".join(BENCHMARK_FORMS),
        help="m1-m4 fitted as in the paper, m3_lsq/m4_lsq at their least-squares "
        "optimum, bnsl1, bnsl2",
    )
    p.add_argument("--domains", help="e.g. IC,NMT (default: all)")
    p.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes (one per core)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_benchmark)


def _law(args):
    return get_law(args.law, args.variable)


def _delta(args):
    return None if args.huber_delta == 0 else args.huber_delta


def _runs(path, args, group=None):
    runs = load_runs(path, args.columns, group=group)
    return runs.drop_highest(args.drop_highest_loss) if args.drop_highest_loss else runs


def _fitted(args):
    """A FitResult or BootstrapResult from the file, or (law, params) from --params."""
    law = _law(args)
    if getattr(args, "params", None):
        return (law, args.params)
    if not args.file:
        raise ScalingInputError("give a runs file to fit, or --params")
    runs = _runs(args.file, args)
    if args.bootstrap:
        return bootstrap(
            law,
            runs,
            args.bootstrap,
            seed=args.seed,
            workers=args.workers,
            huber_delta=_delta(args),
        )
    return fit(law, runs, huber_delta=_delta(args))


def _describe(result, level) -> tuple[dict, str]:
    out = result.to_dict(level) if hasattr(result, "intervals") else result.to_dict()
    fit_ = getattr(result, "fit", result)
    intervals = out.get("intervals", {})
    lines = [
        f"law: {fit_.law.title}",
        f"runs: {fit_.n_points}   objective: {fit_.objective:.6g}"
        f"   converged: {'yes' if fit_.converged else 'NO'}",
    ]
    for name, value in fit_.params.items():
        span = intervals.get(name)
        tail = f"   [{span[0]:.4g}, {span[1]:.4g}]" if span else ""
        lines.append(f"  {name:>8} = {value:.6g}{tail}")
    lines += [f"warning: {flag}" for flag in fit_.flags + out.get("bootstrap", {}).get("flags", [])]
    return out, "\n".join(lines)


def _cmd_fit(args, out: TextIO) -> None:
    result = _fitted(args)
    data, text = _describe(result, args.level)
    if args.save:
        Path(args.save).write_text(json.dumps(data, indent=2), encoding="utf-8")
    out.write((json.dumps(data) if args.json else text) + "\n")


def _cmd_predict(args, out: TextIO) -> None:
    result = _fitted(args)
    inputs = {k: getattr(args, k) for k in ("n", "d", "c") if getattr(args, k) is not None}
    prediction = predict(result, args.level, **inputs)
    if args.json:
        out.write(json.dumps(prediction.to_dict()) + "\n")
        return
    for i, value in enumerate(prediction.value):
        where = ", ".join(f"{k}={v[i]:.4g}" for k, v in prediction.inputs.items())
        span = (
            ""
            if prediction.lower is None
            else f"   [{prediction.lower[i]:.4g}, {prediction.upper[i]:.4g}]"
        )
        out.write(f"{where}: {value:.5g}{span}\n")
    for warning in prediction.warnings:
        out.write(f"warning: {warning}\n")


def _cmd_optimal(args, out: TextIO) -> None:
    result = _fitted(args)
    allocation = compute_optimal(result, args.compute, args.level)
    data = allocation.to_dict()
    data["n_opt_exponent"] = exponent(result)
    serving = None
    if args.inference_tokens > 0:
        serving = [
            serving_optimal(result, float(loss), args.inference_tokens) for loss in allocation.loss
        ]
        data["serving"] = [s.to_dict() for s in serving]
    if args.json:
        out.write(json.dumps(data) + "\n")
        return
    out.write(f"N_opt ∝ C^{data['n_opt_exponent']:.3f}\n")
    for i, c in enumerate(allocation.compute):
        out.write(
            f"C={c:.3g}: N_opt={allocation.n[i]:.3g}  D_opt={allocation.d[i]:.3g}  "
            f"tokens/param={allocation.tokens_per_param[i]:.1f}  "
            f"loss={allocation.loss[i]:.4f}\n"
        )
        if allocation.intervals:
            lo, hi = allocation.intervals["n"]
            out.write(f"  N_opt interval [{lo[i]:.3g}, {hi[i]:.3g}]\n")
        if serving:
            s = serving[i]
            out.write(
                f"  serving {s.inference_tokens:.3g} tokens: N={s.n:.3g}  D={s.d:.3g}  "
                f"tokens/param={s.d / s.n:.1f}  total FLOPs={s.total_flops:.3g}\n"
            )


def _cmd_compare(args, out: TextIO) -> None:
    law = _law(args)
    baseline = _runs(args.baseline, args)
    method = load_runs(args.method, args.columns)
    result = compare(
        baseline,
        method,
        law,
        method=args.name,
        n_resamples=args.bootstrap,
        seed=args.seed,
        workers=args.workers,
        level=args.level,
        method_model=args.method_model,
    )
    if args.json:
        out.write(json.dumps(result.to_dict()) + "\n")
        return
    out.write(result.verdict(args.lang) + "\n")
    frontier = result.frontier
    out.write(f"method frontier: {frontier.model}")
    out.write(f" ({frontier.reason})\n" if frontier.reason else "\n")
    for c, k, lo, hi in zip(
        frontier.budgets, frontier.values, frontier.lower, frontier.upper, strict=True
    ):
        out.write(f"  C={c:.3g}: k(C)={k:.3g}  [{lo:.3g}, {hi:.3g}]\n")
    lo, hi = result.run_interval
    out.write(
        f"diagnostic (not the estimate; biased low for runs off the frontier): per-run ratio "
        f"geometric mean {result.run_multiplier:.3g} [{lo:.3g}, {hi:.3g}]\n"
    )
    for flag in result.flags:
        out.write(f"warning: {flag}\n")


def _cmd_steepness(args, out: TextIO) -> None:
    """One curve: the steepness test; with --method-file, both tests and the comparison of
    their extrapolations."""
    runs = load_runs(args.file, args.columns)
    baseline = curve_of(runs, args.file)
    if args.method_file:
        method = curve_of(load_runs(args.method_file, args.columns), args.method_file)
        result = compare_curves(
            *baseline,
            *method,
            holdout=args.holdout,
            margin=args.margin,
            method=args.name,
            metric=runs.metric,
        )
        flags = [
            f"{c.name}: {flag}"
            for c in (result.baseline, result.method)
            for flag in c.test.flags + c.fit.flags
        ]
    else:
        result = steeper_than_power_law(*baseline, args.holdout, args.margin, name=args.file)
        flags = result.flags
    if args.json:
        out.write(json.dumps(result.to_dict()) + "\n")
        return
    out.write(result.verdict(args.lang) + "\n")
    for flag in flags:
        out.write(f"warning: {flag}\n")


def _cmd_plot(args, out: TextIO) -> None:
    result = _fitted(args)
    runs = _runs(args.file, args)
    if args.kind == "fit":
        figure = plots.plot_fit(result, runs, lang=args.lang)
    elif args.kind == "contours":
        figure = plots.plot_iso_loss(result, runs, lang=args.lang)
    elif args.kind == "frontier":
        figure = plots.plot_frontier(result, lang=args.lang)
    else:
        if not args.method_file:
            raise ScalingInputError("--kind compare needs --method-file")
        method = load_runs(args.method_file, args.columns)
        comparison = compare(
            runs,
            method,
            _law(args),
            n_resamples=args.bootstrap or DEFAULT_BOOTSTRAP,
            seed=args.seed,
            workers=args.workers,
            level=args.level,
        )
        figure = plots.plot_comparison(comparison, runs, method, lang=args.lang)
    plots.save(figure, args.out)
    out.write(f"wrote {args.out}\n")


def _cmd_benchmark(args, out: TextIO) -> None:
    forms = [f.strip() for f in args.forms.split(",") if f.strip()]
    domains = args.domains.split(",") if args.domains else None
    progress = None if args.quiet or args.json else (lambda line: out.write(line + "\n"))
    result = revisiting_benchmark(
        args.data_dir, forms, domains=domains, workers=args.workers, progress=progress
    )
    out.write((json.dumps(result.to_dict()) if args.json else result.table()) + "\n")


def run(
    args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run parsed arguments; returns the exit status (2 for bad input)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        args.handler(args, stdout)
    except (ScalingInputError, OSError) as exc:
        stderr.write(f"error: {exc}\n")
        return EXIT_INPUT_ERROR
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nairl scaling", description=__doc__.splitlines()[0])
    add_subcommands(parser)
    return parser


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Parse ``argv`` and run; argparse's own usage errors also end with status 2."""
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed
        return int(exc.code or 0)
    return run(args, stdout, stderr)


if __name__ == "__main__":
    sys.exit(main())
