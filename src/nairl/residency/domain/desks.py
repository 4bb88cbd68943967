"""Desk bookings for the days of a stay: single days and recurring weekdays, check-in, release
of no-shows, and suggestions of free desks near the host's team.

The rules are checked here to give a clear message; the database guarantees the one rule that
races could break (a desk is booked once a day): a concurrent booking that loses fails on the
constraint and gets the same "already booked" answer.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nairl.common.dates import each_day

from ..models import DeskBooking, DeskSeries, Stay
from ..models.bookings import BookingStatus
from ..models.spaces import Desk, Room
from ..models.stays import ACTIVE_STATUSES
from .calendar import closed_days, hub_today, hub_zone

MAX_DAYS = 400  # a recurring booking covers at most a long stay


def check_in_deadline(day: datetime.date) -> datetime.datetime:
    """The time by which a booked desk must be checked in, or it is released (hub time)."""
    hour, minute = (int(part) for part in settings.RESIDENCY_CHECK_IN_BY.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=hub_zone())


def day_text(day: datetime.date) -> str:
    return date_format(day, "Y-m-d")


def refuse_unbookable(stay: Stay, desk: Desk) -> None:
    if stay.status not in ACTIVE_STATUSES:
        raise ValidationError(
            _("Desks are booked for approved, confirmed or current stays; this one is %(status)s.")
            % {"status": stay.get_status_display().lower()}
        )
    if not desk.is_bookable:
        raise ValidationError({"desk": _("Desk %(desk)s cannot be booked.") % {"desk": desk}})


def day_problem(stay: Stay, day: datetime.date, closed: dict) -> str | None:
    """Why the stay cannot have a desk on the day regardless of the desk, or None."""
    if not stay.start <= day <= stay.end:
        return _("%(day)s is outside the stay (%(start)s – %(end)s).") % {
            "day": day_text(day),
            "start": day_text(stay.start),
            "end": day_text(stay.end),
        }
    if day < hub_today():
        return _("%(day)s has passed.") % {"day": day_text(day)}
    if day in closed:
        return _("The hub is closed on %(day)s (%(reason)s).") % {
            "day": day_text(day),
            "reason": closed[day],
        }
    return None


def taken_problem(stay: Stay, desk: Desk, day: datetime.date) -> str | None:
    """Whether the desk is taken that day, or the visitor already has another desk (fresh
    reads: after a lost race they see the winner's committed row)."""
    holding = DeskBooking.objects.holding().filter(day=day)
    if holding.filter(desk=desk).exists():
        return _("Desk %(desk)s is already booked on %(day)s.") % {
            "desk": desk,
            "day": day_text(day),
        }
    other = holding.filter(stay=stay).select_related("desk").first()
    if other is not None:
        return _("This stay already has desk %(desk)s on %(day)s.") % {
            "desk": other.desk,
            "day": day_text(day),
        }
    return None


def release_if_no_show(desk: Desk, day: datetime.date, now: datetime.datetime) -> None:
    """A booking of the desk that day not checked in by the deadline gives the desk up."""
    if now >= check_in_deadline(day):
        for booking in DeskBooking.objects.filter(desk=desk, day=day, status=BookingStatus.BOOKED):
            booking.status = BookingStatus.RELEASED
            booking.save()


def book_desk(
    *, stay: Stay, desk: Desk, day: datetime.date, by, series: DeskSeries | None = None
) -> DeskBooking:
    """Books the desk for the stay's visitor on one day; a clear error if it cannot be."""
    refuse_unbookable(stay, desk)
    problem = day_problem(stay, day, closed_days(day, day))
    if problem:
        raise ValidationError({"day": problem})
    release_if_no_show(desk, day, timezone.now())
    booking = DeskBooking(
        stay=stay,
        desk=desk,
        day=day,
        series=series,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    return save_booking(booking)


def save_booking(booking: DeskBooking) -> DeskBooking:
    problem = taken_problem(booking.stay, booking.desk, booking.day)
    if problem is None:
        try:
            with transaction.atomic():
                booking.save()
            return booking
        except IntegrityError:
            # Another request booked it between our check and our insert: say what it did.
            problem = taken_problem(booking.stay, booking.desk, booking.day) or _(
                "Desk %(desk)s is already booked on %(day)s."
            ) % {"desk": booking.desk, "day": day_text(booking.day)}
    raise ValidationError({"day": problem})


@dataclass
class SeriesPlan:
    """What a recurring booking would give: the dates it books, those it skips by itself
    (closed, past, outside the stay) and those in conflict (the desk or the visitor is taken),
    each with the reason."""

    bookable: list[datetime.date] = field(default_factory=list)
    skipped: dict[datetime.date, str] = field(default_factory=dict)
    conflicts: dict[datetime.date, str] = field(default_factory=dict)


def validate_series(series: DeskSeries) -> None:
    errors = {}
    if series.end < series.start:
        errors["end"] = _("The last day is before the first.")
    elif (series.end - series.start).days >= MAX_DAYS:
        errors["end"] = _("A recurring booking covers at most %(days)d days.") % {"days": MAX_DAYS}
    if not series.weekdays or any(
        not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6 for d in series.weekdays
    ):
        errors["weekdays"] = _("Choose at least one weekday.")
    if errors:
        raise ValidationError(errors)


def plan_series(series: DeskSeries) -> SeriesPlan:
    """The dates a recurring booking covers, and those it would skip (closed, outside the
    stay, desk taken) — shown before anything is saved."""
    validate_series(series)
    refuse_unbookable(series.stay, series.desk)
    plan = SeriesPlan()
    closed = closed_days(series.start, series.end)
    wanted = [day for day in each_day(series.start, series.end) if day.weekday() in series.weekdays]
    holding = DeskBooking.objects.holding().filter(day__in=wanted)
    taken = set(holding.filter(desk=series.desk).values_list("day", flat=True))
    has_other = set(holding.filter(stay=series.stay).values_list("day", flat=True))
    for day in wanted:
        problem = day_problem(series.stay, day, closed)
        if problem:
            plan.skipped[day] = problem
        elif day in taken:
            plan.conflicts[day] = _("Desk %(desk)s is already booked on %(day)s.") % {
                "desk": series.desk,
                "day": day_text(day),
            }
        elif day in has_other:
            plan.conflicts[day] = _("This stay already has a desk on %(day)s.") % {
                "day": day_text(day)
            }
        else:
            plan.bookable.append(day)
    return plan


def book_series(*, series: DeskSeries, by, skip_taken: bool = False) -> SeriesPlan:
    """Books every date of a recurring booking. Closed days are skipped by themselves; dates
    where the desk is taken refuse the whole booking unless `skip_taken`, when they are
    skipped (and can be re-added later, should the desk free up)."""
    plan = plan_series(series)
    if plan.conflicts and not skip_taken:
        shown = " ".join(list(plan.conflicts.values())[:5])
        raise ValidationError({"desk": shown})
    if not plan.bookable:
        raise ValidationError({"start": _("None of these dates can be booked.")})
    series.created_by = by if getattr(by, "is_authenticated", False) else None
    series.save()
    for day in list(plan.bookable):
        booking = DeskBooking(
            stay=series.stay, desk=series.desk, day=day, series=series, created_by=series.created_by
        )
        try:
            save_booking(booking)
        except ValidationError as refusal:
            if not skip_taken:
                raise
            plan.bookable.remove(day)
            plan.conflicts[day] = refusal.message_dict["day"][0]
    return plan


def skipped_days(series: DeskSeries) -> list[datetime.date]:
    """The series' dates without a holding booking (skipped or cancelled), still ahead."""
    held = set(series.bookings.holding().values_list("day", flat=True))
    closed = closed_days(series.start, series.end)
    today = hub_today()
    return [
        day
        for day in each_day(max(series.start, today), series.end)
        if day.weekday() in series.weekdays and day not in held and day not in closed
    ]


def readd_day(*, series: DeskSeries, day: datetime.date, by) -> DeskBooking:
    """Books a skipped date of a recurring booking again."""
    if day.weekday() not in series.weekdays or not series.start <= day <= series.end:
        raise ValidationError(
            {"day": _("%(day)s is not a date of this recurring booking.") % {"day": day_text(day)}}
        )
    return book_desk(stay=series.stay, desk=series.desk, day=day, by=by, series=series)


def cancel_booking(*, booking: DeskBooking, by) -> DeskBooking:
    """Cancels one day (for a recurring booking: skips that date)."""
    if not booking.is_holding:
        raise ValidationError(_("This booking is no longer active."))
    if booking.day < hub_today():
        raise ValidationError(_("A past booking cannot be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.save()
    return booking


def check_in(*, booking: DeskBooking, by, now: datetime.datetime | None = None) -> DeskBooking:
    now = now or timezone.now()
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("Only a booked desk can be checked in."))
    if booking.day != timezone.localdate(now, timezone=hub_zone()):
        raise ValidationError(_("A desk is checked in on its day."))
    booking.status = BookingStatus.CHECKED_IN
    booking.checked_in_at = now
    booking.save()
    return booking


def release_no_shows(*, now: datetime.datetime | None = None) -> int:
    """Releases today's bookings not checked in by the deadline (run every few minutes, and
    lazily whenever someone books the desk); returns how many were released."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone=hub_zone())
    if now < check_in_deadline(today):
        return 0
    released = 0
    for booking in DeskBooking.objects.filter(day=today, status=BookingStatus.BOOKED):
        booking.status = BookingStatus.RELEASED
        booking.save()
        released += 1
    return released


def suggest_desks(
    *, stay: Stay, days: list[datetime.date], features=(), accessible: bool = False, limit=12
) -> list[Desk]:
    """Free, bookable desks for all the days, nearest the host's team first (the room of the
    host's own desk or of the desks the host and the project's people book, then that floor),
    then by how many wanted features they have."""
    desks = Desk.objects.filter(is_bookable=True).select_related("room__floor")
    if accessible:
        desks = desks.filter(is_accessible=True)
    taken = DeskBooking.objects.holding().filter(day__in=days).values("desk_id")
    desks = desks.exclude(pk__in=taken)
    team_rooms, team_floors = host_team_places(stay)
    wanted = set(features)
    candidates = list(desks.order_by("code")[:2000])

    def rank(desk):
        near = 0 if desk.room_id in team_rooms else 1 if desk.room.floor_id in team_floors else 2
        return (near, -len(wanted & set(desk.features)), desk.code)

    ranked = sorted(candidates, key=rank)
    for desk in ranked:
        desk.near_team = desk.room_id in team_rooms or desk.room.floor_id in team_floors
    return ranked[:limit]


def host_team_places(stay: Stay) -> tuple[set[int], set[int]]:
    """The rooms and floors where the host's team sits: the host's own desk, and the desks that
    the host and the stay's project members have booked around the stay's dates."""
    people = Q(assigned_to_id=stay.host_id)
    if stay.project_id:
        people |= Q(assigned_to__research_memberships__project_id=stay.project_id)
    rooms = set(Desk.objects.filter(people).values_list("room_id", flat=True))
    window = (stay.start - datetime.timedelta(days=30), stay.end)
    booked = DeskBooking.objects.holding().filter(day__range=window, stay__visitor_id=stay.host_id)
    rooms |= set(booked.values_list("desk__room_id", flat=True))
    floors = set(Room.objects.filter(pk__in=rooms).values_list("floor_id", flat=True))
    return rooms, floors
