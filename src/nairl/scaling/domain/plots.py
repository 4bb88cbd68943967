"""SVG plots of fits and comparisons, drawn once per language (Korean labels for Korean readers).

Glyphs are drawn as paths, so the SVG shows Korean without any font on the reader's side.
"""

from __future__ import annotations

import io
import math
import re

import numpy as np

from .analysis import axis_values, frontier

LANGUAGES = ("en", "ko")
LABELS = {
    "en": {"c": "Compute C (FLOP)", "d": "Data D", "n": "Parameters N", "loss": "Loss",
           "fit": "Fitted law", "band": "95% bootstrap band", "observed": "Runs",
           "extrapolated": "Extrapolation", "baseline_law": "Baseline's law (compute-optimal)",
           "fit_title": "{law}: loss against {axis}", "cmp_title": "{method} vs {baseline}"},
    "ko": {"c": "연산량 C (FLOP)", "d": "데이터 D", "n": "파라미터 수 N", "loss": "손실",
           "fit": "적합한 법칙", "band": "95% 부트스트랩 구간", "observed": "학습 실행",
           "extrapolated": "외삽", "baseline_law": "기준선 법칙 (연산 최적)",
           "fit_title": "{law}: {axis} 대비 손실", "cmp_title": "{method} 대 {baseline}"},
}
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
COLORS = ("#0b5cad", "#c2410c", "#146c2e", "#7c3aed", "#b42318", "#57606a")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    available = {font.name for font in font_manager.fontManager.ttflist}
    korean = [name for name in ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Malgun Gothic")
              if name in available]
    pyplot.rcParams.update({
        "font.family": "sans-serif", "font.sans-serif": [*korean, "DejaVu Sans"],
        "axes.unicode_minus": False, "svg.fonttype": "path", "svg.hashsalt": "nairl",
    })
    return pyplot


def _svg(figure, pyplot) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    pyplot.close(figure)
    text = buffer.getvalue()
    # Embedded in an HTML page: no XML prolog, and no comments (matplotlib writes each label's
    # text into one; the labels themselves are drawn as glyph paths, so nothing typed by a user
    # reaches the page as markup).
    return COMMENT.sub("", text[text.find("<svg"):])


def _curve(law, params, samples, log_x):
    curve = frontier(law, params[None, :], log_x)[0]
    low = high = None
    if len(samples):
        low, high = np.percentile(frontier(law, samples, log_x, points=161), [2.5, 97.5], axis=0)
    return curve, low, high


def _params(result) -> np.ndarray:
    return np.array(list(result.params.values()))


def fit_plots(law, runs, result, samples, summary) -> dict:
    pyplot = _pyplot()
    x = axis_values(law, runs)
    log_x = np.linspace(math.log(x.min()) - 0.5, math.log(x.max() * 1000), 240)
    curve, low, high = _curve(law, _params(result), samples, log_x)
    plots = {}
    for language in LANGUAGES:
        words = LABELS[language]
        figure, axes = pyplot.subplots(figsize=(7, 4.5))
        groups = runs.groups() or [""]
        for i, label in enumerate(groups):
            mask = np.ones(len(runs), bool) if runs.group is None else runs.group == label
            axes.scatter(x[mask], runs.value[mask], s=18, color=COLORS[i % len(COLORS)],
                         label=f"{words['observed']} {label}".strip(), zorder=3)
        grid = np.exp(log_x)
        inside = grid <= x.max()
        axes.plot(grid[inside], curve[inside], color="#1b1f24", label=words["fit"])
        axes.plot(grid[~inside], curve[~inside], color="#1b1f24", linestyle="--",
                  label=words["extrapolated"])
        if low is not None:
            axes.fill_between(grid, low, high, color="#1b1f24", alpha=0.12, label=words["band"])
        _finish(axes, words, summary["axis"],
                words["fit_title"].format(law=law.name, axis=words[summary["axis"]]))
        plots.setdefault("fit", {})[language] = _svg(figure, pyplot)
    return plots


def _finish(axes, words, axis, title):
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel(words[axis])
    axes.set_ylabel(words["loss"])
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)


def comparison_plots(law, baseline_runs, method_runs, result, samples, data) -> dict:
    """The baseline's runs and law (with its band) and the method's runs, along compute."""
    pyplot = _pyplot()
    xs = np.concatenate([baseline_runs.c, method_runs.c])
    log_x = np.linspace(math.log(xs.min()) - 0.5, math.log(xs.max() * 100), 240)
    curve, low, high = _curve(law, _params(result), samples, log_x)
    plots = {}
    for language in LANGUAGES:
        words = LABELS[language]
        figure, axes = pyplot.subplots(figsize=(7, 4.5))
        axes.scatter(baseline_runs.c, baseline_runs.value, s=18, color=COLORS[0], zorder=3,
                     label=f"{words['observed']} {data['baseline_group']}")
        axes.scatter(method_runs.c, method_runs.value, s=18, color=COLORS[1], zorder=3,
                     marker="D", label=f"{words['observed']} {data['method_group']}")
        axes.plot(np.exp(log_x), curve, color=COLORS[0], label=words["baseline_law"])
        if low is not None:
            axes.fill_between(np.exp(log_x), low, high, color=COLORS[0], alpha=0.12,
                              label=words["band"])
        _finish(axes, words, "c", words["cmp_title"].format(method=data["method_group"],
                                                            baseline=data["baseline_group"]))
        plots.setdefault("comparison", {})[language] = _svg(figure, pyplot)
    return plots
