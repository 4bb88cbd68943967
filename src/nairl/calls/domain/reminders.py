"""Reminders before the review deadline: reviewers with unsubmitted reviews are mailed once,
when the deadline is near (`nairl calls remind`, run daily by the system's scheduler)."""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from nairl.common.notifications import notify

from ..models import Assignment, Review

REMIND_BEFORE = datetime.timedelta(days=3)


def send_reminders(at=None) -> int:
    """Mails each reviewer with reviews still to do in a call whose review deadline is within
    three days; returns how many reviewers were mailed."""
    at = at or timezone.now()
    due = (
        Assignment.objects.filter(
            reminded_at__isnull=True,
            call__review_ends_at__gt=at,
            call__review_ends_at__lte=at + REMIND_BEFORE,
            application__status="under_review",
        )
        .filter(Q(review__isnull=True) | ~Q(review__status=Review.Status.SUBMITTED))
        .select_related("call", "reviewer")
    )
    waiting = defaultdict(list)
    for assignment in due:
        waiting[(assignment.reviewer, assignment.call)].append(assignment.pk)
    for (reviewer, call), ids in waiting.items():
        notify(reviewer, "calls/email/reminder", call=call, count=len(ids))
        Assignment.objects.filter(pk__in=ids).update(reminded_at=at)
    return len(waiting)
