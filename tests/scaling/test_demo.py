import pytest

from nairl.scaling.demo import create_demo_study, load
from nairl.scaling.models import Study


@pytest.mark.django_db
def test_demo_study_is_public_with_two_groups_and_a_finished_fit(capsys):
    study = create_demo_study(bootstrap=0, comparison=False)
    assert study.is_public
    assert set(study.runs.values_list("group", flat=True)) == {"baseline", "method"}
    fit = study.fits.get()
    assert fit.status == "done", fit.error
    alpha = {p["name"]: p["value"] for p in fit.result["params"]}["alpha"]
    assert alpha == pytest.approx(0.34, abs=0.08)
    assert create_demo_study() == study  # idempotent
    assert Study.objects.count() == 1


@pytest.mark.django_db
def test_demo_step_is_found_by_nairl_demo():
    from nairl.common.management.demo import demo_steps

    assert any(step.load is load for step in demo_steps())
