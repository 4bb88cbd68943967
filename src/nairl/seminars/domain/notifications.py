"""Emails to registrants, in their language, sent by background tasks after the transaction
that decided them commits (so a rolled-back registration sends nothing)."""

import datetime

from django.db import transaction
from django.utils import timezone

from nairl.common.calendars import CalendarInfo, calendar_bytes
from nairl.common.notifications import CALENDAR, Attachment, absolute_url, send
from nairl.common.tasks import enqueue

from ..models import Registration, Talk
from .feeds import talk_event

# What each email is about; those marked True carry the talk as an .ics attachment.
KINDS = {
    "confirm-email": False,
    "seated": True,
    "waitlisted": False,
    "promoted": True,
    "cancelled": False,
    "reminder": True,
    "changed": True,
    "talk-cancelled": True,
}
REMINDER_AHEAD = datetime.timedelta(hours=24)


def notify(registration: Registration, kind: str) -> None:
    assert kind in KINDS, kind
    enqueue("nairl.seminars.tasks.send_registration_mail_task", registration.pk, kind)


def notify_registrants(talk: Talk, kind: str) -> None:
    enqueue("nairl.seminars.tasks.send_talk_mail", talk.pk, kind)


def talk_attachment(talk: Talk, language: str) -> Attachment:
    info = CalendarInfo(
        name=str(talk.title), source_url=absolute_url(talk.get_absolute_url()), language=language
    )
    data = calendar_bytes(info, [talk_event(talk, language, absolute_url)])
    return Attachment("talk.ics", data, CALENDAR)


def send_registration_mail(registration: Registration, kind: str) -> int:
    """Sends one registrant one email (the task's work; called with fresh rows)."""
    talk = registration.talk
    context = {
        "registration": registration,
        "talk": talk,
        "talk_url": absolute_url(talk.get_absolute_url()),
        "cancel_url": absolute_url(registration.cancel_url()),
        "confirm_url": absolute_url(registration.confirm_url()),
        "local_start": talk.local_start,
        "local_end": talk.local_end,
    }
    attachments = [talk_attachment(talk, registration.language)] if KINDS[kind] else []
    return send(registration, f"seminars/mail/{kind}", context, attachments)


def send_due_reminders(now=None) -> int:
    """Reminds everyone with a seat at a talk starting within a day, once."""
    now = now or timezone.now()
    due = Registration.objects.select_related("talk__series", "talk__speaker").filter(
        status=Registration.Status.SEATED,
        reminded_at__isnull=True,
        talk__status__in=[Talk.Status.SCHEDULED, Talk.Status.MOVED],
        talk__is_published=True,
        talk__start__gt=now,
        talk__start__lte=now + REMINDER_AHEAD,
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
        if claimed:  # another worker did not send it first
            sent += send_registration_mail(registration, "reminder")
    return sent
