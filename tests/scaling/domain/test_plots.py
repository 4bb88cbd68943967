"""The pages show the research core's figures (domain/plots.py), in the reader's language."""

import re

import pytest

from factories import make_user
from nairl.scaling.core.plots import korean_font
from nairl.scaling.models import Fit

from ..helpers import (
    chinchilla_runs,
    faster_method_runs,
    make_study,
    power_runs,
    run_comparison,
    run_job,
)

pytestmark = pytest.mark.django_db


def run_done(job, capture):
    job = run_job(job, capture)
    assert job.status == "done", job.error
    return job


def titles(text):
    """The text alternative of each inline figure."""
    return re.findall(r'<svg [^>]*role="img"[^>]*>\s*<title>(.*?)</title>', text)


def test_a_fit_in_n_and_d_shows_the_cores_figures_in_the_readers_language(
    owner, client_for, django_capture_on_commit_callbacks
):
    study = make_study(owner)
    chinchilla_runs(study)
    fit = run_done(
        Fit(study=study, law="chinchilla", bootstrap=8, created_by=owner),
        django_capture_on_commit_callbacks,
    )
    assert set(fit.plots) == {"fit", "frontier", "contours"}
    for versions in fit.plots.values():
        assert set(versions) == {"en", "ko"} and versions["en"] != versions["ko"]
        assert all(svg.startswith("<svg") and "<!--" not in svg for svg in versions.values())
    english = client_for(owner).get(fit.get_absolute_url()).content.decode()
    fit_title, frontier_title, contours_title = titles(english)
    assert "tokens D" in fit_title and "loss" in fit_title and "95% interval" in fit_title
    assert "extrapolation" in fit_title  # dashed beyond the largest run
    assert "compute-optimal frontier" in frontier_title and "range of the runs" in frontier_title
    assert "iso-loss contours" in contours_title
    reader = make_user("korean-reader", language="ko")
    study.members.add(reader)
    korean = client_for(reader).get(fit.get_absolute_url()).content.decode()
    fit_title, frontier_title, contours_title = titles(korean)
    assert "토큰 수 D" in fit_title and "손실" in fit_title and "95% 구간" in fit_title
    assert "연산 최적 경계" in frontier_title and "등손실 곡선" in contours_title
    assert all(fit.plots[name]["ko"] in korean for name in fit.plots)
    if korean_font():  # Hangul drawn with the CJK font, not as missing-glyph boxes
        assert "NotoSansCJK" in korean and "NotoSansCJK" not in english
    # every figure of the page has its own ids
    ids = re.findall(r'<clipPath id="([^"]+)"', korean)
    assert len(ids) == len(set(ids))
    rows = fit.result["allocation"]["rows"]
    assert [row["factor"] for row in rows] == [1.0, 10.0, 100.0, 1000.0]
    assert [row["extrapolated"] for row in rows][1:] == [True] * 3


def test_a_comparison_plot_is_the_cores_with_its_verdict(
    owner, client_for, django_capture_on_commit_callbacks
):
    study = make_study(owner)
    power_runs(study, seed=1)
    faster_method_runs(study)
    job = run_comparison(study, django_capture_on_commit_callbacks)
    assert job.status == "done", job.error
    owner.language = "ko"
    owner.save()
    korean = client_for(owner).get(job.get_absolute_url()).content.decode()
    multiplier, title = titles(korean)  # k(C) by budget first, then runs and laws
    assert "유효 연산량 배수 k(C)" in multiplier and "실험별 비율 (진단용" in multiplier
    assert "기준선 법칙" in title and "방법 method" in title and "적은 연산량" in title


def test_a_one_variable_fit_has_one_figure(owner, django_capture_on_commit_callbacks):
    study = make_study(owner)
    power_runs(study)
    fit = run_done(
        Fit(study=study, law="power", bootstrap=0, created_by=owner),
        django_capture_on_commit_callbacks,
    )
    assert set(fit.plots) == {"fit"}
    assert "95% interval" not in fit.plots["fit"]["en"]  # no bootstrap, no band
    assert "extrapolation" in fit.plots["fit"]["en"]


@pytest.mark.parametrize("name", [r"$\undefinedcmd$", r"$\frac{a}{b}$"])
def test_a_group_named_like_mathtext_is_drawn_as_plain_text(
    name, owner, django_capture_on_commit_callbacks
):
    """Dollar signs a user typed are not matplotlib mathtext: an unknown command does not make
    the comparison fail, and the name is kept as written in the figure."""
    study = make_study(owner)
    power_runs(study, seed=1)
    faster_method_runs(study, group=name)
    job = run_comparison(study, django_capture_on_commit_callbacks, method_group=name)
    assert job.status == "done", job.error
    for svg in [*job.plots["comparison"].values(), *job.plots["multiplier"].values()]:
        (title,) = titles(svg)
        assert name in title or "k(C)" in title
