"""Figures of the core: files and inline SVG, Korean labels, bands, extrapolation; no Django.

Fits here start from one point near the truth and bootstraps use a few draws: what is tested is
the drawing, not the fitting (tests/scaling/core/test_fitting.py covers that).
"""

import re

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from nairl.scaling.core import bootstrap, compare, fit, plots
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.laws import ChinchillaLaw, PowerLaw
from nairl.scaling.core.runs import Runs
from nairl.scaling.core.synthetic import synthetic_runs

HOFFMANN = {"A": 477.8, "B": 2143.0, "E": 1.8172, "alpha": 0.3473, "beta": 0.3672}
DRAWS = 8


def near(law, params):
    """One starting point (in the optimiser's coordinates) at ``params``."""
    return law.to_theta(law.params_array(params))[None, :]


@pytest.fixture(scope="module")
def power_fit(power_runs):
    return fit(PowerLaw("c"), power_runs)


@pytest.fixture(scope="module")
def power_boot(power_runs, power_fit):
    return bootstrap(PowerLaw("c"), power_runs, DRAWS, seed=1, full_fit=power_fit)


@pytest.fixture(scope="module")
def chin():
    return synthetic_runs(ChinchillaLaw(), HOFFMANN, n_runs=20, noise=0.01)


@pytest.fixture(scope="module")
def chin_fit(chin):
    return fit(ChinchillaLaw(), chin, starts=near(ChinchillaLaw(), HOFFMANN))


@pytest.fixture(scope="module")
def chin_boot(chin, chin_fit):
    return bootstrap(ChinchillaLaw(), chin, DRAWS, seed=1, full_fit=chin_fit)


def test_plots_bytes_and_korean_font(power_runs, power_fit, chin, chin_fit):
    svg = plots.to_bytes(plots.plot_fit(power_fit, power_runs, lang="ko"), "svg")
    png = plots.to_bytes(plots.plot_fit(power_fit, power_runs), "png")
    assert svg.lstrip().startswith(b"<?xml") and png.startswith(b"\x89PNG")
    figure = plots.plot_iso_loss(chin_fit, chin)
    assert plots.to_bytes(figure)
    assert plots.to_bytes(plots.plot_frontier((ChinchillaLaw(), HOFFMANN), lang="ko"))
    with pytest.raises(ScalingInputError, match="language must be"):
        plots.plot_fit(power_fit, power_runs, lang="fr")


def test_to_svg_is_inline_markup_with_a_title_in_the_figure_language(power_runs, power_boot):
    english = plots.to_svg(plots.plot_fit(power_boot, power_runs, lang="en"))
    korean = plots.to_svg(plots.plot_fit(power_boot, power_runs, lang="ko"))
    for markup in (english, korean):
        assert markup.startswith("<svg") and markup.rstrip().endswith("</svg>")
        assert "<?xml" not in markup and "<!DOCTYPE" not in markup and "<!--" not in markup
        assert 'role="img"' in markup and "max-width: 100%" in markup
        assert "<text" not in markup  # glyphs are outlines: no font needed to read them
    title = re.search(r"<title>(.*?)</title>", korean).group(1)
    assert "연산량 C (FLOPs)" in title and "손실" in title and "95% 구간" in title
    assert "외삽" in title  # the dashed extrapolation is in the legend
    assert "compute C (FLOPs)" in english and "연산량" not in english
    if plots.korean_font():
        assert "NotoSansCJK" in korean and "NotoSansCJK" not in english


def test_to_svg_is_deterministic_and_ids_follow_the_salt():
    figure = Figure(figsize=(2, 2))
    figure.add_subplot().plot([1, 2], [3, 4])
    first, again = plots.to_svg(figure, salt="a"), plots.to_svg(figure, salt="a")
    other = plots.to_svg(figure, salt="b")
    assert first == again
    clip_ids = set(re.findall(r'clipPath id="([^"]+)"', first))
    assert clip_ids and not clip_ids & set(re.findall(r'clipPath id="([^"]+)"', other))


def test_text_a_user_typed_never_reaches_the_markup_as_markup(chin, chin_boot):
    law = ChinchillaLaw()
    method = Runs(
        value=law.evaluate(HOFFMANN, n=chin.n[:6] * 2, d=chin.d[:6] * 2),
        n=chin.n[:6],
        d=chin.d[:6],
        c=chin.c[:6],
    )
    outcome = compare(
        chin, method, law, method="<b>x</b>", n_resamples=DRAWS, seed=1, baseline=chin_boot
    )
    markup = plots.to_svg(plots.plot_comparison(outcome, chin, method, lang="ko"))
    assert "<b>" not in markup and "&lt;b&gt;x&lt;/b&gt;" in markup  # only in the escaped title


def test_plot_fit_dashes_the_extrapolation_and_draws_the_band(
    power_runs, power_boot, chin, chin_boot
):
    for result, runs, curves in ((power_boot, power_runs, 1), (chin_boot, chin, 3)):
        figure = plots.plot_fit(result, runs, extend=100)
        axes = figure.axes[0]
        dashed = [line for line in axes.get_lines() if line.get_linestyle() == "--"]
        assert len(dashed) == curves
        top = runs.c.max() if runs.has("c") and result.law.inputs == ("c",) else runs.d.max()
        assert all(line.get_xdata()[0] <= top < line.get_xdata()[-1] for line in dashed)
        assert len(axes.collections) >= 1 + curves  # the runs and one band per curve
        within = plots.plot_fit(result, runs, extend=1).axes[0]
        assert not [line for line in within.get_lines() if line.get_linestyle() == "--"]


def test_frontier_shades_the_runs_range_and_has_bands(chin, chin_boot):
    compute = np.geomspace(chin.c.min(), chin.c.max() * 1000, 12)
    figure = plots.plot_frontier(chin_boot, compute, runs=chin, lang="ko")
    axes = figure.axes[0]
    assert axes.get_ylabel() == "매개변수 수 N, 토큰 수 D"
    assert "실험 범위" in [t.get_text() for t in axes.get_legend().get_texts()]
    assert len(axes.collections) == 2  # an interval band for N and one for D


def test_comparison_of_a_law_in_n_and_d_has_a_band(chin, chin_boot):
    law = ChinchillaLaw()
    method = Runs(
        value=law.evaluate(HOFFMANN, n=chin.n[:6], d=chin.d[:6]),
        n=chin.n[:6],
        d=chin.d[:6],
        c=chin.c[:6],
    )
    outcome = compare(chin, method, law, method="m", n_resamples=DRAWS, seed=1, baseline=chin_boot)
    axes = plots.plot_comparison(outcome, chin, method).axes[0]
    assert any(t.get_text() == "95% interval" for t in axes.get_legend().get_texts())


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2.5, "2.5"),
        (3.0, "3"),
        (0.002, "0.002"),
        (1e19, "10¹⁹"),
        (3e-5, "3×10⁻⁵"),
        (2e21, "2×10²¹"),
    ],
)
def test_log_tick_labels_are_plain_text(value, text):
    assert plots.tick_text(value) == text


def test_log_axes_label_the_ticks_matplotlib_labels_in_plain_text(power_runs, power_fit):
    axis = plots.plot_fit(power_fit, power_runs).axes[0].xaxis
    assert isinstance(axis.get_major_formatter(), plots.PlainLogLabels)
    labels = [
        text for text in axis.get_major_formatter().format_ticks(axis.get_majorticklocs()) if text
    ]
    assert labels and all(re.fullmatch(r"10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+", label) for label in labels)


def test_drawing_changes_no_global_matplotlib_state(power_runs, power_fit):
    before = matplotlib.rcParams.copy()  # the backend included, unresolved
    plots.to_svg(plots.plot_fit(power_fit, power_runs, lang="ko"), salt="x")
    assert matplotlib.rcParams.copy() == before
