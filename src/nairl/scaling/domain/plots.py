"""The research core's figures for a stored fit or comparison, as inline SVG in each language.

All drawing is the core's (`nairl.scaling.core.plots`); this module chooses which figures a job
shows and renders each once per interface language when the job runs, so a page only picks the
reader's version: ``{"fit": {"en": svg, "ko": svg}, "frontier": ..., "contours": ...}``.
Nothing here imports Django.
"""

from __future__ import annotations

import numpy as np

from nairl.scaling.core import plots as core_plots

from .conventions import EXTRAPOLATION_FACTORS, LEVEL, is_two_variable

FRONTIER_POINTS = 24  # the frontier is nearly straight on log-log axes


def _rendered(name: str, draw) -> dict[str, str]:
    """``draw(lang)`` in every language, as SVG whose ids are unique to this plot and language
    (several plots share one page)."""
    return {
        lang: core_plots.to_svg(draw(lang), salt=f"{name}-{lang}") for lang in core_plots.LANGUAGES
    }


def _with_draws(result, boot):
    """The bootstrap (for bands) when it has usable draws, else the plain fit."""
    return boot if boot is not None and len(boot.valid) else result


def fit_plots(law, runs, result, boot) -> dict:
    """The runs with the fitted law, its band and extrapolation (as far as the predictions go);
    for laws in N and D also the compute-optimal frontier and the iso-loss contours."""
    source = _with_draws(result, boot)
    extend = EXTRAPOLATION_FACTORS[-1]
    plots = {
        "fit": _rendered(
            "fit",
            lambda lang: core_plots.plot_fit(source, runs, lang=lang, level=LEVEL, extend=extend),
        )
    }
    if is_two_variable(law):
        compute = np.geomspace(runs.c.min(), runs.c.max() * extend, FRONTIER_POINTS)
        plots["frontier"] = _rendered(
            "frontier",
            lambda lang: core_plots.plot_frontier(
                source, compute, lang=lang, level=LEVEL, runs=runs
            ),
        )
        plots["contours"] = _rendered(
            "contours", lambda lang: core_plots.plot_iso_loss(result, runs, lang=lang)
        )
    return plots


def curve_plots(outcome) -> dict:
    """Both learning curves with the form each is extrapolated with."""
    return {
        "curves": _rendered(
            "curves", lambda lang: core_plots.plot_learning_curves(outcome, lang=lang)
        )
    }


def comparison_plots(outcome, baseline_runs, method_runs) -> dict:
    """The baseline's runs and law with its band, the method's runs, the verdict as title; and
    the effective-compute multiplier k(C) with the per-run ratios beside it."""
    return {
        "comparison": _rendered(
            "comparison",
            lambda lang: core_plots.plot_comparison(outcome, baseline_runs, method_runs, lang=lang),
        ),
        "multiplier": _rendered(
            "multiplier",
            lambda lang: core_plots.plot_multiplier(outcome, method_runs, lang=lang),
        ),
    }
