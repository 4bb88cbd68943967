"""Background jobs: one model base and one lifecycle for fits, comparisons, evaluations, reports.

    queued ──claim──▶ running ──finish──▶ done
                         └──────fail───▶ failed      (a cancel request is honoured at the next
                                                      progress report: failed, "cancelled")

A module's job model inherits `BackgroundJob` and names the task that runs it; a domain verb
starts one with `start_job(job, by=user)`, and the task calls `run_job(Model, pk, compute)`,
where `compute(job)` does the work (reporting progress with `report_progress`) and returns the
result fields to store. Whatever happens, the job ends done or failed — never running forever.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from .audit import Audited
from .models import JobStatus, user_or_none
from .tasks import enqueue

logger = logging.getLogger(__name__)
# What a job that met a bug says: the exception's text can name the server's files, so it goes
# to the log (with its traceback) and never to the page.
UNEXPECTED = gettext_noop(
    "An unexpected error stopped this job; the hub's administrators can find it in the log."
)


class JobFailed(Exception):
    """The work ran but has no result to show; `reason` says why (stored on the job), `fields`
    are stored with it (what the page needs to explain the failure, or what was measured)."""

    def __init__(self, reason: str, **fields):
        super().__init__(reason)
        self.reason = reason
        self.fields = fields


class JobCancelled(Exception):
    """Raised in the worker by `report_progress` when someone asked the job to stop."""


class BackgroundJob(Audited):
    Status = JobStatus

    #: Dotted path of the task that runs a job of this kind, given its id.
    task = ""
    #: Name of the URL of the job's status (JSON, `common.job_pages.JobStatusView`), which its
    #: page polls to move its progress bar.
    status_url_name = ""

    status = models.CharField(
        _("status"),
        max_length=8,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
        db_index=True,
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("to do"), default=0)
    progress_message = models.CharField(_("progress"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    created_by = user_or_none(_("started by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Written by the worker while it works: a running job whose heartbeat stops was interrupted.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    audit_exclude = ("progress_done", "progress_total", "progress_message", "heartbeat_at")

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def progress_percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def error_text(self) -> str:
        """Why the job failed, in the reader's language when the hub wrote the reason."""
        return gettext(self.error) if self.error else ""

    @property
    def progress_text(self) -> str:
        """The progress message in the reader's language (stored as its English msgid)."""
        return gettext(self.progress_message) if self.progress_message else ""

    def get_status_url(self) -> str:
        return reverse(self.status_url_name, args=[self.pk])

    def status_summary(self) -> dict:
        """What the job's page shows of where it is, as its status endpoint answers it."""
        return {
            "status": self.status,
            "label": str(self.get_status_display()),
            "finished": self.is_finished,
            "done": self.progress_done,
            "total": self.progress_total,
            "percent": self.progress_percent,
            "message": self.progress_text,
        }


def active_jobs_of(user) -> int:
    """Jobs of every kind the user started that are queued or running."""
    active = [JobStatus.QUEUED, JobStatus.RUNNING]
    return sum(
        model.objects.filter(created_by=user, status__in=active).count()
        for model in apps.get_models()
        if issubclass(model, BackgroundJob)
    )


def start_job(job: BackgroundJob, *, by=None) -> BackgroundJob:
    """Saves a new job as queued and has it run in the background; refused (ValidationError)
    when the user already has `NAIRL_MAX_ACTIVE_JOBS_PER_USER` jobs queued or running."""
    if by is not None and getattr(by, "is_authenticated", False):
        limit = settings.NAIRL_MAX_ACTIVE_JOBS_PER_USER
        if active_jobs_of(by) >= limit:
            raise ValidationError(
                ngettext(
                    "You already have %(count)d job queued or running; start another when it "
                    "has finished.",
                    "You already have %(count)d jobs queued or running; start another when one "
                    "has finished.",
                    limit,
                )
                % {"count": limit}
            )
    with transaction.atomic():
        job.status = JobStatus.QUEUED
        if by is not None and getattr(by, "is_authenticated", False):
            job.created_by = by
        job.save()
        enqueue(job.task, job.pk, for_job=job)
    return job


def claim_job(model, pk):
    """Marks a queued job running and returns it; None when it is gone or was already claimed
    (a task delivered twice runs once)."""
    now = timezone.now()
    claimed = model.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, error=""
    )
    return model.objects.get(pk=pk) if claimed else None


def report_progress(job: BackgroundJob, done: int, total: int, message: str = "") -> None:
    """Records how far the job is (no save signals, one query) and stops it if cancelled."""
    job.progress_done, job.progress_total = done, total
    job.progress_message = message[:200]
    type(job).objects.filter(pk=job.pk).update(
        progress_done=done,
        progress_total=total,
        progress_message=job.progress_message,
        heartbeat_at=timezone.now(),
    )
    if type(job).objects.filter(pk=job.pk, cancel_requested=True).exists():
        raise JobCancelled


def finish_job(job: BackgroundJob, **results) -> None:
    for name, value in results.items():
        setattr(job, name, value)
    job.status, job.error, job.finished_at = JobStatus.DONE, "", timezone.now()
    job.save(update_fields=[*results, "status", "error", "finished_at"])


def fail_job(job: BackgroundJob, reason: str, **results) -> None:
    for name, value in results.items():
        setattr(job, name, value)
    job.status, job.error, job.finished_at = JobStatus.FAILED, reason, timezone.now()
    job.save(update_fields=[*results, "status", "error", "finished_at"])


def cancel_job(job: BackgroundJob, *, by) -> BackgroundJob:
    """A queued job never starts; a running one stops at its next progress report."""
    if job.status == JobStatus.QUEUED:
        fail_job(job, "cancelled", cancel_requested=True)
    elif job.status == JobStatus.RUNNING:
        job.cancel_requested = True
        job.save(update_fields=["cancel_requested"])
    return job


def run_job(model, pk, compute) -> str:
    """Claims the job, runs `compute(job)` and stores the result fields it returns, or why it
    failed. Returns the final status ("skipped" when there was nothing to claim)."""
    job = claim_job(model, pk)
    if job is None:
        return "skipped"
    try:
        results = compute(job) or {}
    except JobFailed as failure:
        fail_job(job, failure.reason, **failure.fields)
    except JobCancelled:
        fail_job(job, "cancelled")
    except Exception:  # a bug must still leave the job failed, not running forever
        logger.exception("background job %s #%s failed", model.__name__, pk)
        unexpected = {"result": {"failure": "unexpected"}} if hasattr(job, "result") else {}
        fail_job(job, UNEXPECTED, **unexpected)
    else:
        finish_job(job, **results)
    return job.status
