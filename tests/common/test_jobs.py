"""The one background-job lifecycle: queued → running → done or failed, whatever happens."""

import pytest
from django.utils import translation

from factories import make_user
from nairl.common.jobs import (
    JobFailed,
    cancel_job,
    report_progress,
    run_job,
    start_job,
)
from nairl.common.models import AuditEntry, JobStatus
from nairl.common.roles import Role
from nairl.scaling.models import Fit, Study

pytestmark = pytest.mark.django_db


def new_fit():
    """Fits are the common jobs' concrete example."""
    owner = make_user("jobs-study-owner", Role.RESEARCHER)
    return Fit(study=Study.objects.create(owner=owner, title_en="Jobs"), law="power")


def test_start_saves_queued_with_who_started_it_and_runs_after_commit(
    django_capture_on_commit_callbacks,
):
    owner = make_user("job-owner", Role.RESEARCHER)
    with django_capture_on_commit_callbacks() as callbacks:
        fit = start_job(new_fit(), by=owner)
    assert fit.status == JobStatus.QUEUED and fit.created_by == owner
    assert len(callbacks) == 1  # the task is sent only once the row is committed
    assert AuditEntry.objects.filter(object_id=str(fit.pk), action="create").exists()


def test_a_job_runs_once_even_when_delivered_twice():
    fit = start_job(new_fit())
    calls = []

    def compute(job):
        calls.append(job.pk)
        assert Fit.objects.get(pk=job.pk).status == JobStatus.RUNNING
        return {"result": {"answer": 42}}

    assert run_job(Fit, fit.pk, compute) == JobStatus.DONE
    assert run_job(Fit, fit.pk, compute) == "skipped"
    fit.refresh_from_db()
    assert calls == [fit.pk] and fit.result == {"answer": 42}
    assert fit.started_at <= fit.finished_at and fit.error == ""


def test_a_refusal_is_stored_with_its_reason_and_detail():
    fit = start_job(new_fit())

    def compute(job):
        raise JobFailed("the fit did not converge", result={"failure": "not_converged"})

    assert run_job(Fit, fit.pk, compute) == JobStatus.FAILED
    fit.refresh_from_db()
    assert fit.error == "the fit did not converge"
    assert fit.result == {"failure": "not_converged"} and fit.finished_at is not None


def test_a_bug_leaves_the_job_failed_not_running():
    fit = start_job(new_fit())

    def compute(job):
        raise FileNotFoundError("/srv/nairl/var/secret.npz")

    assert run_job(Fit, fit.pk, compute) == JobStatus.FAILED
    fit.refresh_from_db()
    assert fit.error == (  # the exception, which names a server path, goes to the log only
        "An unexpected error stopped this job; the hub's administrators can find it in the log."
    )
    assert fit.result == {"failure": "unexpected"}
    with translation.override("ko"):
        assert fit.error_text == (
            "예기치 못한 오류로 이 작업이 멈췄습니다. 허브 관리자가 로그에서 확인할 수 있습니다."
        )


def test_progress_is_recorded_and_a_cancel_stops_the_work_at_the_next_report():
    fit = start_job(new_fit())
    seen = []

    def compute(job):
        report_progress(job, 1, 4, "first quarter")
        seen.append(Fit.objects.get(pk=job.pk).progress_percent)
        cancel_job(Fit.objects.get(pk=job.pk), by=None)
        report_progress(job, 2, 4, "half")
        seen.append("not reached")
        return {}

    assert run_job(Fit, fit.pk, compute) == JobStatus.FAILED
    fit.refresh_from_db()
    assert seen == [25] and fit.error == "cancelled"
    assert fit.progress_message == "half" and fit.heartbeat_at is not None


def test_a_cancelled_queued_job_never_runs():
    fit = start_job(new_fit())
    cancel_job(fit, by=None)
    assert run_job(Fit, fit.pk, lambda job: pytest.fail("ran")) == "skipped"
    fit.refresh_from_db()
    assert fit.status == JobStatus.FAILED and fit.error == "cancelled"
