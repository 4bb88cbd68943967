"""Starting a fit from its page as a person sees it: a truthful message, a progress bar on the
job's page (and a refresh link without JavaScript), and a form that refuses up front what the
job would refuse later."""

import re

import pytest
from django.contrib.messages import get_messages

from nairl.common.models import TaskRecord
from nairl.scaling.models import Comparison, Fit

from .helpers import chinchilla_runs, make_study, power_runs

FIT_FORM = {"huber_delta": "0.001", "drop_highest": "0", "bootstrap": "5", "variable": ""}


def start_fit(browser, study, **fields):
    return browser.post(f"/scaling/{study.pk}/fits/new/", {**FIT_FORM, **fields})


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_a_queued_fit_says_so_and_its_page_follows_it(owner, client_for, settings):
    settings.TASK_BACKEND = "database"
    study = make_study(owner)
    power_runs(study)
    browser = client_for(owner)
    response = start_fit(browser, study, law="power", group="baseline")
    fit = Fit.objects.get()
    assert response.status_code == 302 and response.url == fit.get_absolute_url()
    assert message_texts(response) == [
        "Queued: the fit will start when a worker is free. This page follows it."
    ]
    assert TaskRecord.objects.get().job_id == fit.pk
    page = browser.get(fit.get_absolute_url()).content.decode()
    assert f'data-job-status="{fit.get_status_url()}"' in page
    assert re.search(r"<progress max=\"1\">\s*</progress>", page)  # queued: no value yet
    assert f'href="{fit.get_absolute_url()}" data-job-refresh>Refresh</a>' in page
    assert '<script src="/static/common/job_progress.js" defer></script>' in page
    assert "It will start when a worker is free." in page


@pytest.mark.django_db
def test_a_running_fit_shows_how_far_it_is(owner, client_for):
    study = make_study(owner, is_public=True)
    fit = Fit.objects.create(
        study=study,
        status="running",
        progress_done=1,
        progress_total=3,
        progress_message="Refitting on bootstrap resamples for the intervals",
    )
    page = client_for(None).get(fit.get_absolute_url()).content.decode()
    assert '<progress max="3" value="1">33%</progress>' in page
    assert "Refitting on bootstrap resamples for the intervals" in page


@pytest.mark.django_db(transaction=True)
def test_a_fit_that_already_ran_says_finished_or_failed(owner, client_for):
    """The inline backend runs the job when the request's transaction commits: before the
    message is written, which must then say what happened, not "queued"."""
    study = make_study(owner)
    power_runs(study)
    browser = client_for(owner)
    response = start_fit(browser, study, law="power", group="baseline")
    fit = Fit.objects.get()
    assert fit.status == "done", fit.error
    assert message_texts(response) == ["The fit has finished; its result is below."]
    assert (fit.progress_done, fit.progress_total) == (2, 3)  # the last step reported: plots
    assert fit.progress_message == "Drawing the figures"
    page = browser.get(fit.get_absolute_url()).content.decode()
    assert "<progress" not in page and "job_progress.js" not in page

    response = start_fit(browser, study, law="power", group="baseline", drop_highest="7")
    failed = Fit.objects.latest("id")
    assert failed.status == "failed"
    assert message_texts(response) == ["The fit has failed; the reason is below."]


@pytest.mark.django_db
def test_chinchilla_on_a_group_without_n_is_refused_on_the_form(owner, client_for):
    study = make_study(owner)
    power_runs(study)  # compute only
    browser = client_for(owner)
    response = start_fit(browser, study, law="chinchilla", group="baseline")
    assert response.status_code == 400
    text = response.content.decode()
    assert (
        "This law needs the model size N and the data size D, which the runs of group "
        "“baseline” do not have."
    ) in text
    assert "&lt;column&gt;" not in text  # no command-line advice ("map one with n=<column>")
    owner.language = "ko"
    owner.save()
    korean = start_fit(client_for(owner), study, law="chinchilla", group="baseline")
    assert (
        "이 법칙에 필요한 값(모델 크기 N, 데이터 크기 D)이 “baseline” 그룹의 학습 실행에 없습니다."
    ) in korean.content.decode()
    assert not Fit.objects.exists() and not TaskRecord.objects.exists()


@pytest.mark.django_db
def test_a_comparison_names_the_group_that_lacks_what_the_law_reads(owner, client_for):
    study = make_study(owner)
    chinchilla_runs(study)
    power_runs(study, group="method")
    response = client_for(owner).post(
        f"/scaling/{study.pk}/comparisons/new/",
        {**FIT_FORM, "law": "chinchilla", "baseline_group": "baseline", "method_group": "method"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "method_group": [
            "This law needs the model size N and the data size D, which the runs of group "
            "“method” do not have."
        ]
    }
    assert not Comparison.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_the_same_fit_naming_the_field(owner, api_client_for):
    study = make_study(owner)
    power_runs(study)
    response = api_client_for(owner).post(
        "/api/v1/scaling/fits/",
        {"study": study.pk, "law": "chinchilla", "group": "baseline"},
        format="json",
    )
    assert response.status_code == 400
    assert "the model size N" in str(response.json()["group"])
    assert not Fit.objects.exists()
