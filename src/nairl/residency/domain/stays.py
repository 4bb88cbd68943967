"""Stays: created (by staff, or from an accepted residency application), changed, moved through
their statuses with checks, and their onboarding checklist."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import ChecklistItem, ChecklistKind, DeskBooking, InvitationLetter, Stay, StayStatus
from ..models.bookings import HOLDING, BookingStatus
from .calendar import hub_today
from .notifications import notify_stay_confirmed

S = StayStatus
# Where each status may go next.
TRANSITIONS = {
    S.PROPOSED: (S.APPROVED, S.CANCELLED),
    S.APPROVED: (S.CONFIRMED, S.CANCELLED),
    S.CONFIRMED: (S.ARRIVED, S.CANCELLED),
    S.ARRIVED: (S.DEPARTED,),
    S.DEPARTED: (),
    S.CANCELLED: (),
}
# How many days before arrival each checklist item is due, and who sees to it by default.
CHECKLIST = {
    ChecklistKind.INVITATION_LETTER: (60, "staff"),
    ChecklistKind.INSURANCE: (14, "visitor"),
    ChecklistKind.ACCOMMODATION: (14, "visitor"),
    ChecklistKind.BUILDING_ACCESS: (3, "staff"),
    ChecklistKind.ACCOUNTS: (3, "host"),
}
# What must be settled (done, or marked not needed) before a stay may take a status.
NEEDED_FOR = {
    S.CONFIRMED: (ChecklistKind.INVITATION_LETTER,),
    S.ARRIVED: tuple(CHECKLIST),
}


def allowed_next(stay: Stay) -> tuple[str, ...]:
    return TRANSITIONS[StayStatus(stay.status)]


def create_stay(*, stay: Stay, by, application_id: int | None = None) -> Stay:
    """Saves a new stay (proposed, or approved when it comes from an accepted application) and
    its onboarding checklist. The calls module calls this with the application's id."""
    if stay.status not in (S.PROPOSED, S.APPROVED):
        raise ValidationError({"status": _("A new stay is proposed or approved.")})
    if application_id is not None:
        if Stay.objects.filter(application_id=application_id).exists():
            raise ValidationError(
                {"application": _("A stay was already created from this application.")}
            )
        stay.application_id = application_id
    stay.created_by = by if getattr(by, "is_authenticated", False) else None
    stay.full_clean()
    stay.save()
    create_checklist(stay, staff=stay.created_by)
    return stay


def create_checklist(stay: Stay, *, staff) -> None:
    today = hub_today()
    owners = {
        "staff": staff,
        "visitor": stay.visitor.user,
        "host": stay.host.user or staff,
    }
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            stay=stay,
            kind=kind,
            owner=owners[owner] or staff,
            due=min(stay.start, max(today, stay.start - datetime.timedelta(days=days))),
        )
        for kind, (days, owner) in CHECKLIST.items()
    )


def update_stay(*, stay: Stay, by) -> Stay:
    """Saves changed details. The status changes only through `change_status`; new dates are
    refused while desk bookings lie outside them, and revoke an invitation letter that stated
    the old ones."""
    before = Stay.objects.get(pk=stay.pk)
    if stay.status != before.status:
        raise ValidationError({"status": _("Change the status with its own buttons.")})
    if before.status in (S.DEPARTED, S.CANCELLED):
        raise ValidationError(_("A departed or cancelled stay can no longer be changed."))
    stay.full_clean()
    if (stay.start, stay.end) != (before.start, before.end):
        refuse_stranded_bookings(stay)
        revoke_letters(stay, because_dates_changed=True)
    stay.save()
    return stay


def refuse_stranded_bookings(stay: Stay) -> None:
    outside = (
        DeskBooking.objects.holding()
        .filter(stay=stay)
        .exclude(day__range=(stay.start, stay.end))
        .order_by("day")
        .values_list("day", flat=True)
    )
    days = list(outside[:6])
    if days:
        shown = ", ".join(date_format(day, "Y-m-d") for day in days[:5])
        raise ValidationError(
            {
                "start": _(
                    "Desk bookings fall outside the new dates (%(days)s%(more)s): "
                    "cancel them first, or choose dates that include them."
                )
                % {"days": shown, "more": ", …" if len(days) > 5 else ""}
            }
        )


def revoke_letters(stay: Stay, *, because_dates_changed: bool) -> None:
    revoked = InvitationLetter.objects.filter(stay=stay, revoked_at__isnull=True)
    if because_dates_changed:
        revoked = revoked.exclude(start=stay.start, end=stay.end)
    if revoked.update(revoked_at=timezone.now()):
        ChecklistItem.objects.filter(stay=stay, kind=ChecklistKind.INVITATION_LETTER).update(
            state=ChecklistItem.State.OPEN, completed_at=None
        )


def change_status(*, stay: Stay, to: str, by) -> Stay:
    """Moves a stay to its next status, if that is allowed now (a clear error otherwise).

    Cancelling or departing releases the desk bookings still ahead; confirming tells the
    visitor and the host, each in their own language.
    """
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    if to not in S.values:
        raise ValidationError({"status": _("Unknown status.")})
    if to not in allowed_next(stay):
        raise ValidationError(
            {
                "status": _("A stay that is %(now)s cannot become %(next)s.")
                % {"now": stay.get_status_display().lower(), "next": S(to).label.lower()}
            }
        )
    refuse_unsettled(stay, to)
    today = hub_today()
    if to == S.ARRIVED and not stay.start <= today <= stay.end:
        raise ValidationError(
            {
                "status": _("The visitor can arrive only during the stay (%(start)s – %(end)s).")
                % {"start": date_format(stay.start, "Y-m-d"), "end": date_format(stay.end, "Y-m-d")}
            }
        )
    stay.status = to
    stay.status_changed_at = timezone.now()
    stay.save()
    if to in (S.CANCELLED, S.DEPARTED):
        first_freed = today if to == S.CANCELLED else today + datetime.timedelta(days=1)
        for booking in DeskBooking.objects.filter(
            stay=stay, status__in=HOLDING, day__gte=first_freed
        ):
            booking.status = BookingStatus.CANCELLED
            booking.save()
    if to == S.CANCELLED:
        revoke_letters(stay, because_dates_changed=False)
    if to == S.CONFIRMED:
        notify_stay_confirmed(stay)
    return stay


def refuse_unsettled(stay: Stay, to: str) -> None:
    needed = NEEDED_FOR.get(to, ())
    if not needed:
        return
    open_items = [
        item.get_kind_display()
        for item in stay.checklist.filter(kind__in=needed, state=ChecklistItem.State.OPEN)
    ]
    if open_items:
        raise ValidationError(
            {
                "status": _("Settle these checklist items first: %(items)s.")
                % {"items": ", ".join(open_items)}
            }
        )


def update_checklist_item(*, item: ChecklistItem, by) -> ChecklistItem:
    """Saves an item's state, owner, due date or note; remembers when it was settled. The
    invitation letter is done by issuing one (or marked not needed)."""
    if item.kind == ChecklistKind.INVITATION_LETTER and item.state == ChecklistItem.State.DONE:
        if not item.stay.letters.filter(revoked_at__isnull=True).exists():
            raise ValidationError({"state": _("Issue the invitation letter to complete this.")})
    item.full_clean()
    if item.state == ChecklistItem.State.OPEN:
        item.completed_at = None
    elif item.completed_at is None:
        item.completed_at = timezone.now()
    item.save()
    return item
