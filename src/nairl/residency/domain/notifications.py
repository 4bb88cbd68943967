"""The residency's e-mails: few, and each to the person it concerns, in their language.

A confirmed stay is announced to the visitor and to the host (not to everyone on the stay);
checklist reminders go out as one digest per owner, listing only their own open items that
are due within a week or overdue, and at most every few days.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q

from nairl.common.emails import address_of, language_of, send_in_language

from ..models import ChecklistItem, Stay

REMIND_AHEAD = datetime.timedelta(days=7)
REMIND_EVERY = datetime.timedelta(days=3)


def notify_stay_confirmed(stay: Stay) -> int:
    sent = 0
    for person, role in ((stay.visitor, "visitor"), (stay.host, "host")):
        sent += send_in_language(
            to=address_of(person),
            language=language_of(person),
            template="residency/email/stay_confirmed",
            context="nairl.residency.domain.notifications.stay_context",
            object_id=stay.pk,
            role=role,
        )
    return sent


def stay_context(stay_id: int, role: str) -> dict | None:
    stay = (
        Stay.objects.select_related("visitor", "host", "home_institution", "project")
        .filter(pk=stay_id)
        .first()
    )
    return None if stay is None else {"stay": stay, "role": role}


def send_checklist_reminders(*, today: datetime.date) -> int:
    """One e-mail per owner with open items due by a week from today; returns how many."""
    items = ChecklistItem.objects.filter(
        state=ChecklistItem.State.OPEN,
        due__lte=today + REMIND_AHEAD,
        owner__isnull=False,
        stay__status__in=("proposed", "approved", "confirmed"),
    ).filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - REMIND_EVERY))
    by_owner: dict[int, list[int]] = {}
    for item_id, owner_id in items.values_list("id", "owner_id"):
        by_owner.setdefault(owner_id, []).append(item_id)
    owners = get_user_model().objects.in_bulk(list(by_owner))
    sent = 0
    for owner_id, item_ids in by_owner.items():
        owner = owners[owner_id]
        sent += send_in_language(
            to=owner.email,
            language=owner.language,
            template="residency/email/checklist_reminder",
            context="nairl.residency.domain.notifications.reminder_context",
            object_id=owner_id,
            item_ids=item_ids,
        )
    ChecklistItem.objects.filter(pk__in=[i for ids in by_owner.values() for i in ids]).update(
        reminded_on=today
    )
    return sent


def reminder_context(owner_id: int, item_ids: list[int]) -> dict | None:
    items = list(
        ChecklistItem.objects.filter(pk__in=item_ids, state=ChecklistItem.State.OPEN)
        .select_related("stay__visitor")
        .order_by("due", "id")
    )
    return {"items": items} if items else None
