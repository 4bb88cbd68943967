"""Registration: seats, the waiting list, confirmation, cancellation and check-in.

Every change to who holds a seat at a talk happens inside one transaction that first locks the
talk's row (`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the hub's IMMEDIATE transactions
take the database's write lock at their start), so concurrent registrations and cancellations
are applied one after the other: the seats are counted and given under the lock, never over the
capacity, and the waiting list moves up first come, first served (`queued_at`, then id).
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Registration, Talk
from .notifications import notify

Status = Registration.Status


def locked(talk: Talk) -> Talk:
    return Talk.objects.select_for_update().select_related("series").get(pk=talk.pk)


def normalized_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid email address.")}) from error
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def refuse_unless_open(talk: Talk, now) -> None:
    """Registration is open for published talks that are not cancelled and have not started."""
    if not talk.is_published:
        raise ValidationError(_("This talk is not open for registration."))
    if talk.is_cancelled:
        raise ValidationError(_("This talk is cancelled; registration is closed."))
    if talk.start <= now:
        raise ValidationError(_("This talk has already started; registration is closed."))


def take_place(talk: Talk, registration: Registration, now) -> Registration:
    """A seat if one is free, else the end of the waiting list (the talk is locked)."""
    seated = talk.registrations.filter(status=Status.SEATED).count()
    has_room = talk.capacity is None or seated < talk.capacity
    registration.status = Status.SEATED if has_room else Status.WAITLISTED
    registration.queued_at = now
    registration.save()
    notify(registration, "seated" if has_room else "waitlisted")
    return registration


def register(
    *, talk: Talk, name: str, email: str, language: str, user=None, by=None
) -> Registration:
    """Registers someone. A signed-in person registering with their account's email takes a
    seat (or joins the waiting list) at once; anyone else first confirms their email."""
    email = normalized_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter your name.")})
    now = timezone.now()
    with transaction.atomic():
        talk = locked(talk)
        refuse_unless_open(talk, now)
        active = talk.registrations.exclude(status=Status.CANCELLED)
        if active.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("This email is already registered for this talk.")})
        registration = Registration(
            talk=talk,
            user=user if getattr(user, "is_authenticated", False) else None,
            name=name,
            email=email,
            language=language,
        )
        registration.full_clean(exclude=["token_salt"], validate_constraints=False)
        confirmed = registration.user is not None and (user.email or "").lower() == email.lower()
        if confirmed:
            return take_place(talk, registration, now)
        registration.status = Status.PENDING
        registration.save()
        notify(registration, "confirm-email")
        return registration


def confirm(*, registration: Registration, by=None) -> Registration:
    """The registrant confirmed their email: a seat, or the waiting list."""
    now = timezone.now()
    with transaction.atomic():
        talk = locked(registration.talk)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.PENDING:
            raise ValidationError(_("This registration is already confirmed."))
        refuse_unless_open(talk, now)
        return take_place(talk, registration, now)


def promote(talk: Talk) -> list[Registration]:
    """Seats people from the waiting list while seats are free, first come, first served.
    Called with the talk locked (inside the transaction that freed the seats)."""
    if talk.capacity is None:
        waiting = list(talk.registrations.filter(status=Status.WAITLISTED))
    else:
        seated = talk.registrations.filter(status=Status.SEATED).count()
        free = max(0, talk.capacity - seated)
        waiting = list(
            talk.registrations.filter(status=Status.WAITLISTED).order_by("queued_at", "id")[:free]
        )
    now = timezone.now()
    for registration in waiting:
        registration.status = Status.SEATED
        registration.promoted_at = now
        registration.save()
        notify(registration, "promoted")
    return waiting


def cancel_registration(*, registration: Registration, by=None) -> Registration:
    """Gives the place up; a freed seat goes to the first person on the waiting list."""
    with transaction.atomic():
        talk = locked(registration.talk)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise ValidationError(_("This registration was already cancelled."))
        if talk.start <= timezone.now() and not talk.is_cancelled:
            raise ValidationError(_("This talk has already started; nothing to cancel."))
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save()
        notify(registration, "cancelled")
        promote(talk)
    return registration


def check_in(*, registration: Registration, by) -> Registration:
    """Marks someone present at the door (a seat or the waiting list, not before confirming)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            raise ValidationError(_("Only confirmed registrations can be checked in."))
        if registration.checked_in_at is not None:
            raise ValidationError(_("Already checked in."))
        registration.checked_in_at = timezone.now()
        registration.save()
    return registration
