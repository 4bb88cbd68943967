"""What `common` itself puts on the personal home: background work that failed lately, for hub
staff (one query per kind of job, whatever the number of jobs)."""

import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .jobs import BackgroundJob, JobStatus
from .registries import Section, home_panels
from .roles import Role, has_role

SHOWN = 10
LATELY = datetime.timedelta(days=7)


def job_models():
    return [model for model in apps.get_models() if issubclass(model, BackgroundJob)]


def failed_jobs(request, subject=None):
    user = request.user
    if not (user.is_authenticated and has_role(user, Role.HUB_STAFF)):
        return None
    since = timezone.now() - LATELY
    failed = []
    for model in job_models():
        deferred = getattr(model, "LIST_DEFERRED", ())
        jobs = model.objects.filter(status=JobStatus.FAILED, finished_at__gte=since).defer(
            *(name for name in deferred if name != "error")
        )
        failed += [(model._meta.verbose_name, job) for job in jobs[:SHOWN]]
    failed.sort(key=lambda kind_and_job: kind_and_job[1].finished_at, reverse=True)
    return {"failed_jobs": failed[:SHOWN]}


def register() -> None:
    home_panels.register(
        Section(
            "common-failed-jobs",
            _("Background work that failed this week"),
            "common/_home_failed_jobs.html",
            failed_jobs,
            8,
        )
    )
