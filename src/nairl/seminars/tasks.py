"""Background tasks of the seminars (thin: they call domain/). Queued with
`nairl.common.tasks.enqueue`, they read fresh rows by id."""

from .domain.notifications import send_due_reminders, send_registration_mail
from .models import Registration, Talk


def send_registration_mail_task(registration_id: int, kind: str) -> int:
    registration = (
        Registration.objects.select_related("talk__series", "talk__speaker")
        .prefetch_related("talk__keywords")
        .filter(pk=registration_id)
        .first()
    )
    return send_registration_mail(registration, kind) if registration else 0


def send_talk_mail(talk_id: int, kind: str) -> int:
    """Tells everyone with a place at the talk (a seat or the waiting list) of a change."""
    talk = Talk.objects.filter(pk=talk_id).first()
    if talk is None:
        return 0
    sent = 0
    for registration in talk.registrations.select_related("talk__series", "talk__speaker").filter(
        status__in=Registration.ACTIVE
    ):
        sent += send_registration_mail(registration, kind)
    return sent


def send_reminders() -> int:
    return send_due_reminders()
