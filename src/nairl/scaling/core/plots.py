"""Figures: fitted curves with data and intervals, iso-loss contours, the compute-optimal
frontier, method against baseline. Labels in English or Korean; for Korean a CJK font is used
when one is installed (Noto Sans CJK), otherwise matplotlib's default font.
Figures are built with the Agg backend and never shown; ``save``/``to_bytes`` write them.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import matplotlib
import matplotlib.text

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .allocation import compute_optimal  # noqa: E402
from .bootstrap import BootstrapResult  # noqa: E402
from .comparison import Comparison  # noqa: E402
from .errors import ScalingInputError  # noqa: E402
from .prediction import predict  # noqa: E402
from .runs import Runs  # noqa: E402

CJK_FONTS = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans KR", "NanumGothic",
             "Malgun Gothic", "AppleGothic")

LABELS = {
    "en": {"n": "parameters N", "d": "tokens D", "c": "compute C (FLOPs)", "loss": "loss",
           "error": "error", "fit": "fit", "runs": "runs", "interval": "{:.0%} interval",
           "frontier": "compute-optimal N", "tokens": "compute-optimal D",
           "contours": "iso-loss contours", "optimal": "compute-optimal frontier",
           "baseline": "baseline law", "method": "method", "count": "count"},
    "ko": {"n": "매개변수 수 N", "d": "토큰 수 D", "c": "연산량 C (FLOPs)", "loss": "손실",
           "error": "오류율", "fit": "적합", "runs": "실험", "interval": "{:.0%} 구간",
           "frontier": "연산 최적 N", "tokens": "연산 최적 D", "contours": "등손실 곡선",
           "optimal": "연산 최적 경계", "baseline": "기준선 법칙", "method": "방법",
           "count": "개수"},
}


def korean_font() -> str | None:
    """The first installed CJK font family that can show Hangul, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise ScalingInputError(f"language must be 'en' or 'ko', not '{lang}'")
    return LABELS[lang]


def _localised(draw):
    """Give every text of the figure a CJK font for lang='ko' (when one is installed), without
    touching the global matplotlib settings."""

    @functools.wraps(draw)
    def wrapper(*args, lang: str = "en", **kwargs):
        _labels(lang)
        figure = draw(*args, lang=lang, **kwargs)
        family = korean_font() if lang == "ko" else None
        if family:
            for text in figure.findobj(matplotlib.text.Text):
                text.set_fontfamily([family, "DejaVu Sans"])
        return figure

    return wrapper


def _figure(lang: str) -> tuple[Figure, plt.Axes]:
    figure = Figure(figsize=(6.4, 4.4), layout="constrained")
    return figure, figure.add_subplot()


def _fit_of(result):
    return result.fit if isinstance(result, BootstrapResult) else result


@_localised
def plot_fit(result, runs: Runs, lang: str = "en", level: float = 0.95,
             extend: float = 10.0) -> Figure:
    """Data and fitted law against its x variable (compute for laws in N and D), with the
    bootstrap interval when available, extended ``extend`` times beyond the largest run."""
    text = _labels(lang)
    fit = _fit_of(result)
    law = fit.law
    figure, axes = _figure(lang)
    if law.inputs in (("c",), ("d",), ("n",)):
        key = law.inputs[0]
        values = getattr(runs, key)
        grid = np.geomspace(values.min(), values.max() * extend, 200)
        prediction = predict(result, level, **{key: grid})
        axes.scatter(values, runs.value, s=14, color="0.3", label=text["runs"])
        axes.plot(grid, prediction.value, color="C0", label=text["fit"])
        if prediction.lower is not None:
            axes.fill_between(grid, prediction.lower, prediction.upper, color="C0", alpha=0.2,
                              label=text["interval"].format(level))
        axes.set_xlabel(text[key])
    else:
        # One curve per model size band, against tokens.
        sizes = np.quantile(runs.n, [0.1, 0.5, 0.9])
        d_grid = np.geomspace(runs.d.min(), runs.d.max() * extend, 200)
        points = axes.scatter(runs.d, runs.value, c=np.log10(runs.n), s=12, cmap="viridis",
                              label=text["runs"])
        figure.colorbar(points, ax=axes, label=f"log10 {text['n']}")
        for size in sizes:
            prediction = predict(result, level, n=np.full_like(d_grid, size), d=d_grid)
            axes.plot(d_grid, prediction.value, label=f"{text['fit']} N={size:.2g}")
            if prediction.lower is not None:
                axes.fill_between(d_grid, prediction.lower, prediction.upper, alpha=0.15)
        axes.set_xlabel(text["d"])
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_ylabel(text[runs.metric])
    axes.set_title(law.title)
    axes.legend(fontsize="small")
    return figure


@_localised
def plot_iso_loss(result, runs: Runs | None = None, lang: str = "en", levels: int = 12) -> Figure:
    """Contours of L(N, D) over the (C, N) plane with the compute-optimal frontier."""
    text = _labels(lang)
    fit = _fit_of(result)
    law = fit.law
    if not {"n", "d"} <= set(law.inputs):
        raise ScalingInputError(f"iso-loss contours need a law in N and D, not '{law.name}'")
    c_lo, c_hi = (fit.input_ranges.get("n", (1e7, 1e10))[0] * 6 * 1e8, 1e25)
    if runs is not None and runs.has("c"):
        c_lo, c_hi = runs.c.min() / 10, runs.c.max() * 100
    c_grid = np.geomspace(c_lo, c_hi, 120)
    n_grid = np.geomspace(np.sqrt(c_lo / 6) / 1e3, np.sqrt(c_hi / 6) * 1e2, 120)
    cc, nn = np.meshgrid(c_grid, n_grid)
    loss = law.evaluate(fit.params, n=nn, d=cc / (6 * nn))
    figure, axes = _figure(lang)
    contour = axes.contour(cc, nn, loss, levels=np.geomspace(loss.min(), np.quantile(loss, 0.9),
                                                             levels), cmap="viridis")
    axes.clabel(contour, fontsize="x-small", fmt="%.2f")
    frontier = compute_optimal(fit, c_grid)
    axes.plot(c_grid, frontier.n, color="C3", label=text["optimal"])
    if runs is not None and runs.has("c"):
        axes.scatter(runs.c, runs.n, s=8, color="0.3", label=text["runs"])
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel(text["c"])
    axes.set_ylabel(text["n"])
    axes.set_title(text["contours"])
    axes.legend(fontsize="small")
    return figure


@_localised
def plot_frontier(result, compute: np.ndarray | None = None, lang: str = "en",
                  level: float = 0.95) -> Figure:
    """N_opt(C) and D_opt(C), with bootstrap bands when available."""
    text = _labels(lang)
    compute = np.geomspace(1e18, 1e26, 40) if compute is None else np.asarray(compute, float)
    allocation = compute_optimal(result, compute, level)
    figure, axes = _figure(lang)
    for key, color, label in (("n", "C0", text["frontier"]), ("d", "C1", text["tokens"])):
        axes.plot(compute, getattr(allocation, key), color=color, label=label)
        if key in allocation.intervals:
            lo, hi = allocation.intervals[key]
            axes.fill_between(compute, lo, hi, color=color, alpha=0.2)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel(text["c"])
    axes.set_title(text["optimal"])
    axes.legend(fontsize="small")
    return figure


@_localised
def plot_comparison(comparison: Comparison, baseline_runs: Runs, method_runs: Runs,
                    lang: str = "en") -> Figure:
    """Baseline runs and law (with interval) against compute, method runs on top, verdict as
    the title."""
    text = _labels(lang)
    boot = comparison.baseline
    figure, axes = _figure(lang)
    c_all = np.concatenate([baseline_runs.c, method_runs.c])
    grid = np.geomspace(c_all.min(), c_all.max() * 3, 200)
    law = boot.law
    if law.inputs == ("c",):
        prediction = predict(boot, comparison.level, c=grid)
        axes.plot(grid, prediction.value, color="C0", label=text["baseline"])
        axes.fill_between(grid, prediction.lower, prediction.upper, color="C0", alpha=0.2)
    else:
        axes.plot(grid, compute_optimal(boot.fit, grid).loss, color="C0", label=text["baseline"])
    axes.scatter(baseline_runs.c, baseline_runs.value, s=12, color="C0", alpha=0.6)
    axes.scatter(method_runs.c, method_runs.value, s=24, color="C3", marker="D",
                 label=f"{text['method']} {comparison.method}")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel(text["c"])
    axes.set_ylabel(text[baseline_runs.metric])
    axes.set_title(comparison.verdict(lang), fontsize="small", wrap=True)
    axes.legend(fontsize="small")
    return figure


def to_bytes(figure: Figure, fmt: str = "svg") -> bytes:
    """The figure as SVG or PNG bytes."""
    if fmt not in ("svg", "png"):
        raise ScalingInputError(f"figure format must be svg or png, not '{fmt}'")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt)
    return buffer.getvalue()


def save(figure: Figure, path: str | Path) -> Path:
    """Write the figure; the format follows the suffix (.svg or .png)."""
    path = Path(path)
    path.write_bytes(to_bytes(figure, path.suffix.lstrip(".").lower()))
    return path
