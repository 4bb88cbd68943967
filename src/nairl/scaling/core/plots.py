"""Figures: fitted curves with data and intervals, iso-loss contours, the compute-optimal
frontier, method against baseline, learning curves against each other. Labels in English or
Korean (``LANGUAGES``); for Korean a CJK font is used when one is installed (Noto Sans CJK),
otherwise matplotlib's default font.

Figures are plain ``matplotlib.figure.Figure`` objects, never shown and never registered with
pyplot, so drawing one changes no global matplotlib state (backend, rcParams). ``save`` and
``to_bytes`` write files; ``to_svg`` gives markup to embed in a web page.
"""

from __future__ import annotations

import functools
import html
import io
import math
import re
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.text
import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatter

from .allocation import compute_optimal
from .bootstrap import BootstrapResult
from .comparison import Comparison
from .errors import ScalingInputError
from .learning_curves import CurveComparison
from .prediction import predict
from .runs import Runs

CJK_FONTS = (
    "Noto Sans CJK KR",
    "Noto Sans CJK JP",
    "Noto Sans KR",
    "NanumGothic",
    "Malgun Gothic",
    "AppleGothic",
)

LABELS = {
    "en": {
        "n": "parameters N",
        "d": "tokens D",
        "c": "compute C (FLOPs)",
        "loss": "loss",
        "error": "error",
        "fit": "fit",
        "runs": "runs",
        "interval": "{:.0%} interval",
        "frontier": "compute-optimal N",
        "tokens": "compute-optimal D",
        "contours": "iso-loss contours",
        "optimal": "compute-optimal frontier",
        "baseline": "baseline law",
        "method": "method",
        "count": "count",
        "extrapolation": "extrapolation",
        "sizes": "parameters N, tokens D",
        "range": "range of the runs",
        "data": "data size D",
        "curves": "learning curves",
        "held_out": "held out for the steepness test",
        "power": "power law (M2)",
        "exponential": "exponential",
        "broken": "broken power law",
        "k": "effective-compute multiplier k(C)",
        "k_title": "k(C): baseline compute for the method's optimal loss at C, over C",
        "per_run": "per-run ratio (diagnostic, biased low off the frontier)",
        "no_gain": "no gain (k = 1)",
    },
    "ko": {
        "n": "매개변수 수 N",
        "d": "토큰 수 D",
        "c": "연산량 C (FLOPs)",
        "loss": "손실",
        "error": "오류율",
        "fit": "적합",
        "runs": "실험",
        "interval": "{:.0%} 구간",
        "frontier": "연산 최적 N",
        "tokens": "연산 최적 D",
        "contours": "등손실 곡선",
        "optimal": "연산 최적 경계",
        "baseline": "기준선 법칙",
        "method": "방법",
        "count": "개수",
        "extrapolation": "외삽",
        "sizes": "매개변수 수 N, 토큰 수 D",
        "range": "실험 범위",
        "data": "데이터 크기 D",
        "curves": "학습 곡선",
        "held_out": "가파름 검정에서 제외한 점",
        "power": "거듭제곱 법칙(M2)",
        "exponential": "지수 법칙",
        "broken": "꺾인 거듭제곱 법칙",
        "k": "유효 연산량 배수 k(C)",
        "k_title": "k(C): 방법이 C로 도달하는 최적 손실에 기준선이 필요한 연산량 ÷ C",
        "per_run": "실험별 비율 (진단용, 경계 밖에서는 낮게 치우침)",
        "no_gain": "이득 없음 (k = 1)",
    },
}
LANGUAGES = tuple(LABELS)
FIGURE_SIZE = (6.4, 4.4)  # inches
CURVE_POINTS = 200
SVG_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Characters per line of a small-type title across the figure (Hangul is about twice as wide).
# Wrapped here, not by matplotlib: its ``wrap=True`` measures the lines as mathtext whatever the
# text's ``parse_math`` says, so a title with two dollar signs would fail to draw.
TITLE_CHARS = {"en": 90, "ko": 50}
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class PlainLogLabels(LogFormatter):
    """Log-axis tick labels as plain text (2.5, 10¹⁹, 3×10⁻⁴) on the ticks matplotlib's own log
    formatter would label. Its default writes TeX-like math, whose parsing is most of the time
    it takes to draw a figure."""

    def __call__(self, x, pos=None):
        return tick_text(x) if x > 0 and super().__call__(x, pos) else ""


def tick_text(x: float) -> str:
    """A positive number as a log-axis label: 2.5, 10¹⁹, 3×10⁻⁴."""
    if 1e-3 <= x < 1e4:
        return f"{x:.4g}"
    exponent = math.floor(math.log10(x) + 1e-9)
    mantissa = round(x / 10.0**exponent, 3)
    power = "10" + str(exponent).translate(SUPERSCRIPT)
    return power if mantissa == 1 else f"{mantissa:g}×{power}"


def _log_axes(axes: Axes) -> None:
    """Both axes logarithmic, with plain-text tick labels."""
    axes.set_xscale("log")
    axes.set_yscale("log")
    for axis in (axes.xaxis, axes.yaxis):
        axis.set_major_formatter(PlainLogLabels(10))
        axis.set_minor_formatter(PlainLogLabels(10, labelOnlyBase=False))


def korean_font() -> str | None:
    """The first installed CJK font family that can show Hangul, or None."""
    return _korean_font(len(font_manager.fontManager.ttflist))


@functools.lru_cache(maxsize=4)
def _korean_font(_font_count: int) -> str | None:  # re-scanned when fonts are added
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise ScalingInputError(f"language must be 'en' or 'ko', not '{lang}'")
    return LABELS[lang]


def _localised(draw):
    """Draw every text of the figure as plain text, never as mathtext (group, study and method
    names are typed by users: ``$\\frac{a}{b}$`` is shown as written, and an unknown command
    cannot make drawing fail), and give it a CJK font for lang='ko' (when one is installed),
    without touching the global matplotlib settings. Tick labels, made at drawing time, are
    plain already (``PlainLogLabels``)."""

    @functools.wraps(draw)
    def wrapper(*args, lang: str = "en", **kwargs):
        _labels(lang)
        figure = draw(*args, lang=lang, **kwargs)
        family = korean_font() if lang == "ko" else None
        for text in figure.findobj(matplotlib.text.Text):
            text.set_parse_math(False)
            if family:
                text.set_fontfamily([family, "DejaVu Sans"])
        return figure

    return wrapper


def _figure(lang: str) -> tuple[Figure, Axes]:
    figure = Figure(figsize=FIGURE_SIZE, layout="constrained")
    return figure, figure.add_subplot()


def _fit_of(result):
    return result.fit if isinstance(result, BootstrapResult) else result


def _has_draws(result) -> bool:
    return isinstance(result, BootstrapResult) and len(result.valid) > 0


def _line(
    axes: Axes,
    x: np.ndarray,
    y: np.ndarray,
    last_observed: float,
    label: str,
    extrapolation_label: str | None,
    **style,
) -> None:
    """A curve drawn solid over the observed range and dashed beyond ``last_observed``."""
    inside = int(np.searchsorted(x, last_observed * (1 + 1e-9), side="right"))
    line = axes.plot(x[: max(inside, 1)], y[: max(inside, 1)], label=label, **style)[0]
    if inside < len(x):
        start = max(inside - 1, 0)  # join the two parts
        axes.plot(
            x[start:],
            y[start:],
            linestyle="--",
            color=line.get_color(),
            label=extrapolation_label,
            **{k: v for k, v in style.items() if k != "color"},
        )


@_localised
def plot_fit(
    result, runs: Runs, lang: str = "en", level: float = 0.95, extend: float = 10.0
) -> Figure:
    """Data and fitted law against its x variable (``d`` for laws in N and D, with one curve per
    model size), with the bootstrap interval when ``result`` is a BootstrapResult, extended
    ``extend`` times beyond the largest run; the extrapolated part is dashed."""
    text = _labels(lang)
    fit = _fit_of(result)
    law = fit.law
    source = result if _has_draws(result) or not isinstance(result, BootstrapResult) else fit
    figure, axes = _figure(lang)
    band = text["interval"].format(level)
    if law.inputs in (("c",), ("d",), ("n",)):
        key = law.inputs[0]
        values = getattr(runs, key)
        grid = np.geomspace(values.min(), values.max() * max(extend, 1.0), CURVE_POINTS)
        prediction = predict(source, level, **{key: grid})
        axes.scatter(values, runs.value, s=14, color="0.3", label=text["runs"], zorder=3)
        _line(
            axes,
            grid,
            prediction.value,
            values.max(),
            text["fit"],
            text["extrapolation"],
            color="C0",
        )
        if prediction.lower is not None:
            axes.fill_between(
                grid, prediction.lower, prediction.upper, color="C0", alpha=0.2, label=band
            )
        axes.set_xlabel(text[key])
    else:
        # One curve per model size band, against tokens.
        sizes = np.quantile(runs.n, [0.1, 0.5, 0.9])
        d_grid = np.geomspace(runs.d.min(), runs.d.max() * max(extend, 1.0), CURVE_POINTS)
        points = axes.scatter(
            runs.d,
            runs.value,
            c=np.log10(runs.n),
            s=12,
            cmap="viridis",
            label=text["runs"],
            zorder=3,
        )
        figure.colorbar(points, ax=axes, label=f"log10 {text['n']}")
        for k, size in enumerate(sizes):
            prediction = predict(source, level, n=np.full_like(d_grid, size), d=d_grid)
            _line(
                axes,
                d_grid,
                prediction.value,
                runs.d.max(),
                f"{text['fit']} N={size:.2g}",
                text["extrapolation"] if k == 0 else None,
                color=f"C{k}",
            )
            if prediction.lower is not None:
                axes.fill_between(
                    d_grid,
                    prediction.lower,
                    prediction.upper,
                    color=f"C{k}",
                    alpha=0.15,
                    label=band if k == 0 else None,
                )
        axes.set_xlabel(text["d"])
    _log_axes(axes)
    axes.set_ylabel(text[runs.metric])
    axes.set_title(law.title, fontsize="medium")
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
    contour = axes.contour(
        cc,
        nn,
        loss,
        levels=np.geomspace(loss.min(), np.quantile(loss, 0.9), levels),
        cmap="viridis",
    )
    axes.clabel(contour, fontsize="x-small", fmt="%.2f")
    frontier = compute_optimal(fit, c_grid)
    axes.plot(c_grid, frontier.n, color="C3", label=text["optimal"])
    if runs is not None and runs.has("c"):
        axes.scatter(runs.c, runs.n, s=8, color="0.3", label=text["runs"])
    _log_axes(axes)
    axes.set_xlabel(text["c"])
    axes.set_ylabel(text["n"])
    axes.set_title(text["contours"])
    axes.legend(fontsize="small")
    return figure


@_localised
def plot_frontier(
    result,
    compute: np.ndarray | None = None,
    lang: str = "en",
    level: float = 0.95,
    runs: Runs | None = None,
) -> Figure:
    """N_opt(C) and D_opt(C), with bootstrap bands when available; with ``runs``, the range of
    compute the runs cover is shaded (beyond it the frontier is an extrapolation)."""
    text = _labels(lang)
    compute = np.geomspace(1e18, 1e26, 40) if compute is None else np.asarray(compute, float)
    allocation = compute_optimal(result if _has_draws(result) else _fit_of(result), compute, level)
    figure, axes = _figure(lang)
    if runs is not None and runs.has("c"):
        axes.axvspan(runs.c.min(), runs.c.max(), color="0.92", label=text["range"])
    for key, color, label in (("n", "C0", text["frontier"]), ("d", "C1", text["tokens"])):
        axes.plot(compute, getattr(allocation, key), color=color, label=label)
        if key in allocation.intervals:
            lo, hi = allocation.intervals[key]
            axes.fill_between(compute, lo, hi, color=color, alpha=0.2)
    _log_axes(axes)
    axes.set_xlabel(text["c"])
    axes.set_ylabel(text["sizes"])
    axes.set_title(text["optimal"])
    axes.legend(fontsize="small")
    return figure


@_localised
def plot_comparison(
    comparison: Comparison, baseline_runs: Runs, method_runs: Runs, lang: str = "en"
) -> Figure:
    """Baseline runs and law (with interval) against compute, method runs on top, verdict as
    the title. For laws in N and D the baseline's curve is its compute-optimal loss."""
    text = _labels(lang)
    boot = comparison.baseline
    figure, axes = _figure(lang)
    c_all = np.concatenate([baseline_runs.c, method_runs.c])
    law = boot.law
    draws = _has_draws(boot)
    if law.inputs == ("c",):
        grid = np.geomspace(c_all.min(), c_all.max() * 3, CURVE_POINTS)
        prediction = predict(boot if draws else boot.fit, comparison.level, c=grid)
        value, lower, upper = prediction.value, prediction.lower, prediction.upper
    else:
        grid = np.geomspace(c_all.min(), c_all.max() * 3, 80)  # an optimisation per point
        frontier = compute_optimal(boot if draws else boot.fit, grid, comparison.level)
        value = frontier.loss
        lower, upper = frontier.intervals.get("loss", (None, None))
    axes.plot(grid, value, color="C0", label=text["baseline"])
    if lower is not None:
        axes.fill_between(
            grid,
            lower,
            upper,
            color="C0",
            alpha=0.2,
            label=text["interval"].format(comparison.level),
        )
    axes.scatter(
        baseline_runs.c, baseline_runs.value, s=12, color="C0", alpha=0.6, label=text["runs"]
    )
    axes.scatter(
        method_runs.c,
        method_runs.value,
        s=24,
        color="C3",
        marker="D",
        label=f"{text['method']} {comparison.method}",
    )
    _log_axes(axes)
    axes.set_xlabel(text["c"])
    axes.set_ylabel(text[baseline_runs.metric])
    axes.set_title(textwrap.fill(comparison.verdict(lang), TITLE_CHARS[lang]), fontsize="small")
    axes.legend(fontsize="small")
    return figure


@_localised
def plot_multiplier(comparison: Comparison, method_runs: Runs, lang: str = "en") -> Figure:
    """k(C) over the method's compute range with its interval, the line of no gain, and each
    method run's own ratio (the diagnostic) at its compute."""
    text = _labels(lang)
    frontier = comparison.frontier
    figure, axes = _figure(lang)
    axes.plot(frontier.budgets, frontier.values, color="C3", marker="o", label=text["k"])
    axes.fill_between(
        frontier.budgets,
        frontier.lower,
        frontier.upper,
        color="C3",
        alpha=0.2,
        label=text["interval"].format(comparison.level),
    )
    finite = np.isfinite(comparison.run_multipliers)
    axes.scatter(
        method_runs.c[finite],
        comparison.run_multipliers[finite],
        s=14,
        color="0.4",
        marker="x",
        label=text["per_run"],
    )
    axes.axhline(1.0, color="0.5", linestyle=":", label=text["no_gain"])
    _log_axes(axes)
    axes.set_xlabel(text["c"])
    axes.set_ylabel(text["k"])
    axes.set_title(textwrap.fill(text["k_title"], TITLE_CHARS[lang]), fontsize="small")
    axes.legend(fontsize="small")
    return figure


@_localised
def plot_learning_curves(comparison: CurveComparison, lang: str = "en") -> Figure:
    """Both learning curves against data size, each with the form it is extrapolated with
    (fitted to all its points; dashed beyond its largest size) out to the largest compared
    size; the points each steepness test held out are hollow."""
    text = _labels(lang)
    figure, axes = _figure(lang)
    top = float(comparison.sizes.max())
    for curve, color, marker in ((comparison.baseline, "C0", "o"), (comparison.method, "C3", "D")):
        held = curve.test.holdout
        axes.scatter(
            curve.x[:-held],
            curve.y[:-held],
            s=18,
            color=color,
            marker=marker,
            label=f"{curve.name}",
            zorder=3,
        )
        axes.scatter(
            curve.x[-held:],
            curve.y[-held:],
            s=18,
            marker=marker,
            zorder=3,
            facecolors="none",
            edgecolors=color,
            label=text["held_out"],
        )
        grid = np.geomspace(curve.x[0], max(top, curve.x[-1]), CURVE_POINTS)
        _line(
            axes,
            grid,
            curve.predict(grid),
            curve.x[-1],
            f"{curve.name}: {text[curve.test.form]}",
            text["extrapolation"],
            color=color,
        )
    _log_axes(axes)
    axes.set_xlabel(text["data"])
    axes.set_ylabel(text.get(comparison.metric, comparison.metric))
    axes.set_title(text["curves"])
    entries = dict(zip(*axes.get_legend_handles_labels()[::-1], strict=True))  # each label once
    axes.legend(entries.values(), entries.keys(), fontsize="small")
    return figure


def describe(figure: Figure) -> str:
    """The figure's words (titles, axis labels, legend entries), for a text alternative."""
    words = []
    for axes in figure.axes:
        legend = axes.get_legend()
        entries = [t.get_text() for t in legend.get_texts()] if legend is not None else []
        words += [axes.get_title(), axes.get_xlabel(), axes.get_ylabel(), *entries]
    lines = (" ".join(w.split()) for w in words if w)  # a wrapped title reads as one line
    return "; ".join(dict.fromkeys(line for line in lines if line))


def to_bytes(figure: Figure, fmt: str = "svg") -> bytes:
    """The figure as an SVG or PNG file's bytes."""
    if fmt not in ("svg", "png"):
        raise ScalingInputError(f"figure format must be svg or png, not '{fmt}'")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt)
    return buffer.getvalue()


def to_svg(figure: Figure, salt: str = "nairl") -> str:
    """The figure as SVG markup to put inside an HTML page.

    Text is drawn as glyph outlines, so Korean shows without any font on the reader's side. The
    markup has no XML prolog and no comments (matplotlib copies each label into a comment; with
    them gone nothing typed by a user reaches the page as text), a ``<title>`` in the figure's
    language (``describe``) for screen readers, scales down to the width of its container, and
    is the same for the same figure: ids derive from ``salt`` (give each figure of a page its
    own) and no date is written.
    """
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    markup = buffer.getvalue().decode("utf-8")
    markup = SVG_COMMENT.sub("", markup[markup.index("<svg") :])
    head_end = markup.index(">") + 1
    title = html.escape(describe(figure), quote=True)
    head = markup[: head_end - 1] + ' role="img" style="max-width: 100%; height: auto">'
    return f"{head}\n <title>{title}</title>{markup[head_end:]}"


def save(figure: Figure, path: str | Path) -> Path:
    """Write the figure; the format follows the suffix (.svg or .png)."""
    path = Path(path)
    path.write_bytes(to_bytes(figure, path.suffix.lstrip(".").lower()))
    return path
