import pytest
from django.core.exceptions import ValidationError

from nairl.common.models import TaskRecord
from nairl.common.roles import Role
from nairl.scaling.domain.jobs import execute_fit, start_analysis
from nairl.scaling.models import Comparison, Fit, Run

from ..helpers import (
    chinchilla_runs,
    faster_method_runs,
    make_study,
    power_runs,
    run_comparison,
    run_job,
)

pytestmark = pytest.mark.django_db


def test_too_few_points_is_stored_as_failed_with_a_clear_message(
    owner, django_capture_on_commit_callbacks, client_for
):
    study = make_study(owner)
    Run.objects.bulk_create(
        [
            Run(study=study, n=1e7, d=1e9, c=6e16, loss=3.0),
            Run(study=study, n=1e8, d=1e10, c=6e18, loss=2.7),
        ]
    )
    fit = run_job(
        Fit(study=study, law="chinchilla", bootstrap=0, created_by=owner),
        django_capture_on_commit_callbacks,
    )
    assert fit.status == "failed"
    assert "needs at least 6 runs; got 2" in fit.error
    assert fit.finished_at is not None
    page = client_for(owner).get(fit.get_absolute_url())
    text = page.content.decode()
    assert "The runs or settings cannot be fitted." in text
    assert "needs at least 6 runs" in text
    assert "Parameters with 95% bootstrap intervals" not in text and "<svg" not in text


def test_law_needing_missing_inputs_is_refused_before_anything_is_queued(owner):
    study = make_study(owner)
    power_runs(study)  # compute only: no N and D
    with pytest.raises(ValidationError) as refusal:
        start_analysis(job=Fit(study=study, law="chinchilla", group="baseline"), by=owner)
    assert refusal.value.message_dict == {
        "group": [
            "This law needs the model size N and the data size D, which the runs of group "
            "“baseline” do not have."
        ]
    }
    assert not Fit.objects.exists() and not TaskRecord.objects.exists()


def test_a_job_that_meets_missing_inputs_in_the_worker_still_fails_clearly(
    owner, django_capture_on_commit_callbacks
):
    """Runs can change between the start and the work: the core's refusal is stored."""
    study = make_study(owner)
    power_runs(study)
    fit = Fit.objects.create(study=study, law="chinchilla", bootstrap=0)
    assert execute_fit(fit.pk) == "failed"
    fit.refresh_from_db()
    assert "model parameters N" in fit.error and fit.result == {"failure": "input"}


def test_done_fit_page_shows_parameters_intervals_plot_and_predictions(
    owner, django_capture_on_commit_callbacks, client_for
):
    study = make_study(owner)
    power_runs(study, group="<b>baseline</b>")
    fit = run_job(
        Fit(study=study, law="power", bootstrap=20, created_by=owner),
        django_capture_on_commit_callbacks,
    )
    assert fit.status == "done", fit.error
    assert fit.result["predictions"][1]["extrapolations"]  # 10× the largest run is one
    text = client_for(owner).get(fit.get_absolute_url()).content.decode()
    assert "alpha" in text and "<svg" in text and "extrapolated" in text
    assert "<b>baseline</b>" not in text  # a group name never reaches the page as markup
    owner.language = "ko"
    owner.save()
    korean = client_for(owner).get(fit.get_absolute_url())
    assert fit.plots["fit"]["ko"] in korean.content.decode()
    assert fit.plots["fit"]["ko"] != fit.plots["fit"]["en"]


def test_comparison_finds_the_method_more_efficient(
    owner, django_capture_on_commit_callbacks, client_for
):
    study = make_study(owner)
    power_runs(study, seed=1)
    faster_method_runs(study, speedup=3.0)
    job = run_comparison(study, django_capture_on_commit_callbacks, bootstrap=20)
    assert job.status == "done", job.error
    assert job.result["multiplier"] == pytest.approx(3, rel=0.35)
    text = client_for(owner).get(job.get_absolute_url()).content.decode()
    assert "less compute" in text and "<svg" in text
    owner.language = "ko"
    owner.save()
    korean = client_for(owner).get(job.get_absolute_url())
    assert "적은 연산량" in korean.content.decode()


def test_a_group_lacking_a_column_does_not_take_it_from_another_groups_jobs(
    owner, django_capture_on_commit_callbacks
):
    """A learning curve (D and loss only) in the study must not cost the other groups their N."""
    study = make_study(owner)
    chinchilla_runs(study)
    chinchilla_runs(study, group="method", gain=2.0, seed=1)
    Run.objects.bulk_create(
        Run(study=study, group="curve", d=d, loss=1 / d**0.1) for d in (1e8, 1e9, 1e10)
    )
    fit = run_job(
        Fit(study=study, law="chinchilla", group="baseline", bootstrap=0),
        django_capture_on_commit_callbacks,
    )
    assert fit.status == "done", fit.error
    job = run_job(
        Comparison(
            study=study,
            law="chinchilla",
            baseline_group="baseline",
            method_group="method",
            bootstrap=5,
        ),
        django_capture_on_commit_callbacks,
    )
    assert job.status == "done", job.error
    assert job.result["method_group"] == "method"
    empty = run_job(
        Fit(study=study, law="chinchilla", group="absent", bootstrap=0),
        django_capture_on_commit_callbacks,
    )
    assert empty.status == "failed" and empty.error == "There are no runs to fit in group “absent”."
    with pytest.raises(ValidationError) as refusal:  # all runs: the curve's have no N
        start_analysis(job=Fit(study=study, law="chinchilla", bootstrap=0), by=owner)
    assert refusal.value.message_dict == {
        "law": ["This law needs the model size N, which not every run of this study has."]
    }


def test_a_finished_job_is_not_run_again(owner, django_capture_on_commit_callbacks):
    from nairl.scaling.tasks import run_fit

    study = make_study(owner)
    fit = Fit.objects.create(study=study, status="failed", error="x")
    assert run_fit(fit.pk) == "skipped"
    assert run_fit(10**9) == "skipped"


def test_pages_render_for_the_owner(owner, client_for):
    study = make_study(owner)
    power_runs(study)
    browser = client_for(owner)
    for url in (
        "/scaling/",
        f"/scaling/{study.pk}/",
        f"/scaling/{study.pk}/runs/",
        f"/scaling/{study.pk}/edit/",
        f"/scaling/{study.pk}/fits/new/",
        f"/scaling/{study.pk}/comparisons/new/",
        f"/scaling/{study.pk}/runs/upload/",
        "/scaling/new/",
        "/scaling/fits/",
        "/scaling/comparisons/",
    ):
        assert browser.get(url).status_code == 200, url


def test_creating_a_study_and_a_fit_through_pages(
    owner, client_for, django_capture_on_commit_callbacks
):
    browser = client_for(owner)
    response = browser.post(
        "/scaling/new/", {"title_en": "Through pages", "program": "other", "members": "nobody"}
    )
    assert response.status_code == 400
    response = browser.post(
        "/scaling/new/", {"title_en": "Through pages", "program": "other", "members": ""}
    )
    assert response.status_code == 302
    study = owner.scaling_studies.get()
    power_runs(study)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            f"/scaling/{study.pk}/fits/new/",
            {
                "law": "power",
                "variable": "",
                "huber_delta": "0.001",
                "drop_highest": "0",
                "bootstrap": "0",
                "group": "",
            },
        )
    assert response.status_code == 302
    assert Fit.objects.get().status == "done"


def test_private_study_pages_are_404_for_others(owner, client_for, role_users):
    study = make_study(owner)
    fit = Fit.objects.create(study=study)
    other = client_for(role_users[Role.RESEARCHER])
    for url in (
        f"/scaling/{study.pk}/",
        f"/scaling/{study.pk}/runs/",
        fit.get_absolute_url(),
        f"/scaling/{study.pk}/edit/",
    ):
        assert other.get(url).status_code == 404, url
    assert (
        client_for(role_users[Role.PROGRAM_DIRECTOR]).get(f"/scaling/{study.pk}/").status_code
        == 200
    )


def test_extrapolation_notes_are_in_the_readers_language(
    owner, django_capture_on_commit_callbacks, client_for
):
    study = make_study(owner)
    power_runs(study)
    fit = run_job(
        Fit(study=study, law="power", bootstrap=0, created_by=owner),
        django_capture_on_commit_callbacks,
    )
    beyond = fit.result["predictions"][1]["extrapolations"][0]
    assert beyond["quantity"] == "c" and beyond["above"]
    owner.language = "ko"
    owner.save()
    page = client_for(owner).get(fit.get_absolute_url()).content.decode()
    assert "가장 큰 실행" in page and "외삽" in page
    assert "above the largest run" not in page


def test_a_new_comparison_starts_with_two_different_groups(owner, client_for):
    study = make_study(owner)
    power_runs(study, group="curve-a")
    power_runs(study, group="curve-b", seed=2)
    form = client_for(owner).get(f"/scaling/{study.pk}/comparisons/new/").context["form"]
    assert (form["baseline_group"].value(), form["method_group"].value()) == ("curve-a", "curve-b")


def test_a_comparison_page_shows_the_multiplier_by_budget_and_the_diagnostic_apart(
    owner, django_capture_on_commit_callbacks, client_for
):
    """A method with twice the compute, runs on a grid of sizes and token ratios (most of them
    off its frontier, too narrow at equal compute to fit its own law): k(C) by budget with
    intervals in a table and a figure, the model used and why; the per-run ratio only as a
    labelled diagnostic."""
    study = make_study(owner)
    chinchilla_runs(study)
    chinchilla_runs(study, group="method", gain=2.0, seed=1)
    job = run_comparison(study, django_capture_on_commit_callbacks, law="chinchilla", bootstrap=20)
    assert job.status == "done", job.error
    frontier = job.result["frontier"]
    assert frontier["model"] == "compute_shift" and len(frontier["budgets"]) == 9
    assert "model sizes at equal compute" in frontier["reason"]
    assert job.result["multiplier"] == pytest.approx(2, rel=0.25)
    assert job.result["per_run_diagnostic"]["multiplier"] < job.result["multiplier"]
    assert set(job.plots) == {"comparison", "multiplier"}
    text = client_for(owner).get(job.get_absolute_url()).content.decode()
    assert "Effective-compute multiplier by budget" in text
    assert text.count('<th scope="row">') >= 9 and "Diagnostic, not the estimate" in text
    assert "Its own law was not fitted: the method runs&#x27; model sizes at equal" in text
    assert job.plots["multiplier"]["en"] in text
    owner.language = "ko"
    owner.save()
    korean = client_for(owner).get(job.get_absolute_url()).content.decode()
    assert job.plots["multiplier"]["ko"] in korean and "유효 연산량 배수" in korean


def test_the_over_training_law_fits_five_runs_and_allocates(
    owner, django_capture_on_commit_callbacks, client_for
):
    study = make_study(owner)
    law = {"A": 300.0, "B": 900.0, "E": 1.9, "eta": 0.3}
    sizes = [(1e7, 20), (8e7, 20), (1.5e8, 20), (4e8, 20), (1e7, 320)]
    Run.objects.bulk_create(
        [
            Run(
                study=study,
                n=n,
                d=m * n,
                c=6 * m * n * n,
                loss=law["E"] + law["A"] * n ** -law["eta"] + law["B"] * (m * n) ** -law["eta"],
            )
            for n, m in sizes
        ]
    )
    fit = run_job(
        Fit(study=study, law="overtraining", bootstrap=0, created_by=owner),
        django_capture_on_commit_callbacks,
    )
    assert fit.status == "done", fit.error
    eta = next(row["value"] for row in fit.result["params"] if row["name"] == "eta")
    assert eta == pytest.approx(0.3, rel=1e-3)
    ratios = [row["tokens_per_param"] for row in fit.result["allocation"]["rows"]]
    assert ratios == pytest.approx([(900 / 300) ** (1 / 0.3)] * len(ratios), rel=1e-3)
    text = client_for(owner).get(fit.get_absolute_url()).content.decode()
    assert "Inference tokens T" in text  # the serving question is asked of this law too
