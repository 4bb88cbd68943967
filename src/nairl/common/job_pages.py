"""Pages of background jobs (`common.jobs`) as a person sees them: the form that starts one
says what really happened, and the job's page follows it (`JobStatusView`, polled by
`static/common/job_progress.js`, with a plain refresh link for browsers without JavaScript).

    class FitCreateView(JobStartMixin, ObjectCreateView): ...
    class FitStatusView(JobStatusView):
        model = Fit
        policy = part_policy
"""

from django.contrib import messages
from django.http import JsonResponse
from django.utils.translation import gettext as _

from .models import JobStatus
from .pages import PolicyView, visible_or_404


def started_message(job) -> tuple[int, str]:
    """(message level, text) saying truthfully where a job stands just after it was started:
    read again from the database, since the inline backend may already have run it."""
    job.refresh_from_db(fields=["status"])
    kind = job._meta.verbose_name
    if job.status == JobStatus.QUEUED:
        text = _("Queued: the %(kind)s will start when a worker is free. This page follows it.")
        return messages.INFO, text % {"kind": kind}
    if job.status == JobStatus.RUNNING:
        return messages.INFO, _("The %(kind)s is running. This page follows it.") % {"kind": kind}
    if job.status == JobStatus.DONE:
        return messages.SUCCESS, _("The %(kind)s has finished; its result is below.") % {
            "kind": kind
        }
    return messages.ERROR, _("The %(kind)s has failed; the reason is below.") % {"kind": kind}


class JobStartMixin:
    """For an `ObjectCreateView` whose operation starts a job: its message is the job's state."""

    def announce(self, request, saved) -> None:
        level, text = started_message(saved)
        messages.add_message(request, level, text)


class JobStatusView(PolicyView):
    """Where a job stands, as JSON, for whoever may see the job (404 otherwise)."""

    def get(self, request, pk, **kwargs):
        job = visible_or_404(self.policy, request.user, self.get_queryset(), pk=pk)
        response = JsonResponse(job.status_summary())
        response["Cache-Control"] = "no-store"
        return response
