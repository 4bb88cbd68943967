"""The residency's e-mails: few, and each to the person it concerns, in their language.

A confirmed stay is announced to the visitor and to the host (not to everyone on the stay);
checklist reminders go out as one digest per owner, listing only their own open items that
are due within a week or overdue, and at most every few days.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q

from nairl.common.notifications import notify

from ..models import ChecklistItem, Stay

REMIND_AHEAD = datetime.timedelta(days=7)
REMIND_EVERY = datetime.timedelta(days=3)


def notify_stay_confirmed(stay: Stay) -> int:
    return sum(
        notify(person, "residency/email/stay_confirmed", stay=stay, role=role)
        for person, role in ((stay.visitor, "visitor"), (stay.host, "host"))
    )


def send_checklist_reminders(*, today: datetime.date) -> int:
    """One e-mail per owner with open items due by a week from today; returns how many."""
    items = ChecklistItem.objects.filter(
        state=ChecklistItem.State.OPEN,
        due__lte=today + REMIND_AHEAD,
        owner__isnull=False,
        stay__status__in=("proposed", "approved", "confirmed"),
    ).filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - REMIND_EVERY))
    due = list(items.order_by("due", "id"))
    by_owner: dict[int, list[ChecklistItem]] = {}
    for item in due:
        by_owner.setdefault(item.owner_id, []).append(item)
    owners = get_user_model().objects.in_bulk(list(by_owner))
    sent = sum(
        notify(owners[owner_id], "residency/email/checklist_reminder", items=owned)
        for owner_id, owned in by_owner.items()
    )
    ChecklistItem.objects.filter(pk__in=[item.pk for item in due]).update(reminded_on=today)
    return sent
