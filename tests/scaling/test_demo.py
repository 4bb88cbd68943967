import io

import pytest

from nairl.scaling.demo import CURVE_BASELINE, CURVE_METHOD, create_demo_study, load
from nairl.scaling.domain.presenting import steepness_verdict
from nairl.scaling.models import Comparison, Run, Study

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(django_capture_on_commit_callbacks):
    """`loaded()`: what `load` prints, its queued jobs run as the worker would run them."""

    def load_and_run() -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            load("small", out)
        return out.getvalue()

    return load_and_run


def test_demo_study_is_public_with_two_groups_and_a_finished_fit(
    loaded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        study = create_demo_study(bootstrap=0, comparison=False, learning_curves=False)
    assert study.is_public
    assert set(study.runs.values_list("group", flat=True)) == {"baseline", "method"}
    fit = study.fits.get()
    assert fit.status == "done", fit.error
    alpha = {p["name"]: p["value"] for p in fit.result["params"]}["alpha"]
    assert alpha == pytest.approx(0.34, abs=0.08)
    assert create_demo_study(learning_curves=False) == study  # idempotent
    assert Study.objects.count() == 1 and not study.comparisons.exists()
    # a demo study made before the learning curves were part of it is given them, once
    assert loaded() == "scaling: learning-curve check added to the demo study"
    assert study.comparisons.get().status == "done"
    assert loaded() == "scaling: demo study already there"
    assert study.comparisons.count() == 1 and study.runs.filter(group=CURVE_METHOD).count() == 10


def test_demo_has_a_learning_curve_check_that_finds_the_method_steeper_and_loads_once(loaded):
    assert "60 runs and 3 job(s) queued for the worker" in loaded()  # fit, comparison, check
    study = Study.objects.get()
    assert set(study.runs.values_list("group", flat=True)) == {
        "baseline",
        "method",
        CURVE_BASELINE,
        CURVE_METHOD,
    }
    check = study.comparisons.get(kind="steepness")
    assert check.status == "done", check.error
    assert (check.baseline_group, check.method_group) == (CURVE_BASELINE, CURVE_METHOD)
    assert check.result["method_steeper"] and not check.result["baseline_steeper"]
    assert steepness_verdict(check.result)["kind"] == "better"
    assert set(check.plots) == {"curves"}
    # the curves (D only) leave the other groups' jobs their N
    assert set(study.fits.values_list("status", flat=True)) == {"done"}
    assert study.comparisons.get(kind="law").status == "done"
    counts = (Study.objects.count(), Run.objects.count(), Comparison.objects.count())
    assert loaded() == "scaling: demo study already there"
    assert (Study.objects.count(), Run.objects.count(), Comparison.objects.count()) == counts


def test_demo_step_is_found_by_nairl_demo():
    from nairl.common.management.demo import demo_steps

    assert any(step.load is load for step in demo_steps())
