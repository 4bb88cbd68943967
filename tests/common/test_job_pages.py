"""Jobs as a person sees them: the start message says where the job really stands, and the
status endpoint answers what the job's page shows (fits are the common jobs' example)."""

import pytest
from django.contrib import messages

from factories import make_user
from nairl.common.job_pages import started_message
from nairl.common.jobs import report_progress
from nairl.common.models import JobStatus
from nairl.common.roles import Role
from nairl.scaling.models import Fit, Study

pytestmark = pytest.mark.django_db


def fit_in(status, *, public=True, **fields):
    owner = make_user("job-pages-owner", Role.RESEARCHER)
    study = Study.objects.create(owner=owner, title_en="Jobs", is_public=public)
    return Fit.objects.create(study=study, law="power", status=status, **fields)


@pytest.mark.parametrize(
    ("status", "level", "text"),
    [
        (
            JobStatus.QUEUED,
            messages.INFO,
            "Queued: the fit will start when a worker is free. This page follows it.",
        ),
        (JobStatus.RUNNING, messages.INFO, "The fit is running. This page follows it."),
        (JobStatus.DONE, messages.SUCCESS, "The fit has finished; its result is below."),
        (JobStatus.FAILED, messages.ERROR, "The fit has failed; the reason is below."),
    ],
)
def test_the_start_message_reads_the_status_again(status, level, text):
    fit = fit_in(status)
    stale = Fit.objects.get(pk=fit.pk)
    stale.status = JobStatus.QUEUED  # what the request saw when it saved the job
    assert started_message(stale) == (level, text)


def test_the_status_endpoint_answers_progress_in_the_readers_language(client_for):
    fit = fit_in(JobStatus.RUNNING)
    report_progress(fit, 1, 3, "Refitting on bootstrap resamples for the intervals")
    anonymous = client_for(None)
    response = anonymous.get(fit.get_status_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "status": "running",
        "label": "Running",
        "finished": False,
        "done": 1,
        "total": 3,
        "percent": 33,
        "message": "Refitting on bootstrap resamples for the intervals",
    }
    korean = anonymous.get(fit.get_status_url(), headers={"accept-language": "ko"}).json()
    assert korean["label"] == "실행 중"
    assert korean["message"] == "구간을 얻으려고 부트스트랩 재표본에 다시 적합하는 중"


def test_a_finished_job_reports_finished_without_a_percentage(client_for):
    fit = fit_in(JobStatus.DONE)
    state = client_for(None).get(fit.get_status_url()).json()
    assert state["finished"] is True and state["percent"] is None and state["message"] == ""


def test_a_hidden_jobs_status_is_missing(client_for, role_users):
    fit = fit_in(JobStatus.QUEUED, public=False)
    assert client_for(role_users[Role.RESEARCHER]).get(fit.get_status_url()).status_code == 404
    assert client_for(None).get(fit.get_status_url()).status_code == 404
    assert client_for(role_users[Role.ADMINISTRATOR]).get(fit.get_status_url()).status_code == 200
