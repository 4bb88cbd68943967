"""Room bookings for meetings and seminars. Other modules (seminars) book through `book_room`:
the same checks, and the database's guarantee that a room is never held twice at once — a
pre-booking (tentative) holds it too, so plans in progress are not overbooked."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import RoomBooking
from ..models.bookings import HOLDING, BookingStatus
from ..models.spaces import Room
from .calendar import closed_days, hub_zone

MAX_LENGTH = datetime.timedelta(hours=14)


def conflicts(
    room: Room, starts_at: datetime.datetime, ends_at: datetime.datetime, *, exclude=None
) -> list[RoomBooking]:
    """The bookings (and pre-bookings) holding the room at some moment of the time given."""
    found = RoomBooking.objects.filter(
        room=room, status__in=HOLDING, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).order_by("starts_at")
    if exclude is not None and exclude.pk:
        found = found.exclude(pk=exclude.pk)
    return list(found)


def conflict_message(found: list[RoomBooking]) -> str:
    zone = timezone.get_current_timezone()
    described = "; ".join(
        _("%(start)s–%(end)s %(title)s%(tentative)s")
        % {
            "start": timezone.localtime(booking.starts_at, zone).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(booking.ends_at, zone).strftime("%H:%M"),
            "title": booking.title,
            "tentative": _(" (pre-booking)") if booking.is_tentative else "",
        }
        for booking in found[:5]
    )
    return _("The room is already booked then: %(bookings)s.") % {"bookings": described}


def refuse_invalid(booking: RoomBooking) -> None:
    booking.full_clean()
    room = booking.room
    if not room.is_bookable:
        raise ValidationError({"room": _("Room %(room)s cannot be booked.") % {"room": room}})
    if booking.ends_at - booking.starts_at > MAX_LENGTH:
        raise ValidationError({"ends_at": _("A room is booked for at most 14 hours at a time.")})
    if booking.pk is None and booking.starts_at < timezone.now():
        raise ValidationError({"starts_at": _("This time has passed.")})
    zone = hub_zone()
    first = timezone.localdate(booking.starts_at, timezone=zone)
    last = timezone.localdate(booking.ends_at, timezone=zone)
    closed = closed_days(first, last)
    if closed:
        day, reason = next(iter(closed.items()))
        raise ValidationError(
            {
                "starts_at": _("The hub is closed on %(day)s (%(reason)s).")
                % {"day": day.isoformat(), "reason": reason}
            }
        )


def book_room(*, booking: RoomBooking, by) -> RoomBooking:
    """Books a room (or pre-books it, `is_tentative`); refused with the conflicting bookings
    named when the room is held at that time."""
    refuse_invalid(booking)
    if booking.pk is None:
        booking.booked_by = by if getattr(by, "is_authenticated", False) else None
    found = conflicts(booking.room, booking.starts_at, booking.ends_at, exclude=booking)
    if not found:
        try:
            with transaction.atomic():
                booking.save()
            return booking
        except IntegrityError:  # booked by a concurrent request since we looked
            found = conflicts(booking.room, booking.starts_at, booking.ends_at, exclude=booking)
    raise ValidationError({"starts_at": conflict_message(found) if found else _("Try again.")})


def confirm_pre_booking(*, booking: RoomBooking, by) -> RoomBooking:
    if not booking.is_tentative or not booking.is_holding:
        raise ValidationError(_("Only an active pre-booking can be confirmed."))
    if booking.ends_at < timezone.now():
        raise ValidationError(_("This pre-booking has ended."))
    booking.is_tentative = False
    booking.save()
    return booking


def cancel_room_booking(*, booking: RoomBooking, by) -> RoomBooking:
    if not booking.is_holding:
        raise ValidationError(_("This booking is no longer active."))
    if booking.ends_at < timezone.now():
        raise ValidationError(_("A past booking cannot be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.save()
    return booking
