"""Desk bookings: the date rules, closed days, recurring weekdays with skipped and re-added
dates, check-in and release of no-shows, suggestions near the host's team."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factories import make_person
from nairl.common.dates import korean_holidays
from nairl.residency.domain.calendar import hub_zone
from nairl.residency.domain.desks import (
    book_desk,
    book_series,
    cancel_booking,
    check_in,
    check_in_deadline,
    plan_series,
    readd_day,
    release_no_shows,
    skipped_days,
    suggest_desks,
)
from nairl.residency.models import ClosedDay, DeskBooking, DeskSeries

from ..helpers import make_desk, make_floor, make_room, make_stay, open_days

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def refusal_text(refusal) -> str:
    return " ".join(refusal.value.messages)


def test_a_desk_is_booked_once_a_day():
    desk = make_desk(code="7-101")
    first, second = make_stay(), make_stay()
    book_desk(stay=first, desk=desk, day=first.start, by=None)
    with pytest.raises(ValidationError) as refusal:
        book_desk(stay=second, desk=desk, day=first.start, by=None)
    assert refusal_text(refusal) == f"Desk 7-101 is already booked on {first.start:%Y-%m-%d}."
    assert DeskBooking.objects.count() == 1


def test_a_visitor_sits_at_one_desk_a_day():
    stay = make_stay()
    book_desk(stay=stay, desk=make_desk(), day=stay.start, by=None)
    with pytest.raises(ValidationError) as refusal:
        book_desk(stay=stay, desk=make_desk(), day=stay.start, by=None)
    assert "already has desk" in refusal_text(refusal)


def test_booking_outside_the_stay_is_refused():
    days = open_days(4)
    stay = make_stay(start=days[1], end=days[2])
    for day in (days[0], days[3]):
        with pytest.raises(ValidationError) as refusal:
            book_desk(stay=stay, desk=make_desk(), day=day, by=None)
        assert "outside the stay" in refusal_text(refusal)
    assert not DeskBooking.objects.exists()


def test_weekends_holidays_and_staff_closed_days_are_refused():
    stay = make_stay(start=open_days(1)[0], end=open_days(1)[0] + 400 * DAY)
    desk = make_desk()
    saturday = stay.start + (5 - stay.start.weekday()) % 7 * DAY
    with pytest.raises(ValidationError) as refusal:
        book_desk(stay=stay, desk=desk, day=saturday, by=None)
    assert "closed" in refusal_text(refusal) and "Weekend" in refusal_text(refusal)
    liberation_day = datetime.date(stay.start.year + 1, 8, 15)
    assert liberation_day in korean_holidays(liberation_day.year)
    if liberation_day.weekday() < 5:
        with pytest.raises(ValidationError) as refusal:
            book_desk(stay=stay, desk=desk, day=liberation_day, by=None)
        assert "Liberation Day" in refusal_text(refusal)
    closed = open_days(1, after=stay.start)[0]
    ClosedDay.objects.create(day=closed, reason_en="Move to the new wing")
    with pytest.raises(ValidationError) as refusal:
        book_desk(stay=stay, desk=desk, day=closed, by=None)
    assert "Move to the new wing" in refusal_text(refusal)


def test_a_desk_that_is_not_bookable_and_a_stay_not_approved_are_refused():
    stay = make_stay()
    with pytest.raises(ValidationError) as refusal:
        book_desk(stay=stay, desk=make_desk(is_bookable=False, code="X-1"), day=stay.start, by=None)
    assert "X-1 cannot be booked" in refusal_text(refusal)
    proposed = make_stay(status="proposed")
    with pytest.raises(ValidationError) as refusal:
        book_desk(stay=proposed, desk=make_desk(), day=proposed.start, by=None)
    assert "proposed" in refusal_text(refusal)


def test_the_database_refuses_a_second_booking_of_a_desk_day():
    """The guarantee does not depend on the domain's check (PostgreSQL: exclusion constraint;
    SQLite: partial unique index); a cancelled booking takes no place."""
    desk = make_desk()
    first, second = make_stay(), make_stay()
    cancelled = DeskBooking.objects.create(
        desk=desk, stay=second, day=first.start, status="cancelled"
    )
    DeskBooking.objects.create(desk=desk, stay=first, day=first.start)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeskBooking.objects.create(desk=desk, stay=second, day=first.start)
    cancelled.status = "booked"
    with pytest.raises(IntegrityError), transaction.atomic():
        cancelled.save()


def weekdays_series(stay, desk, start, end, weekdays=(0, 1, 2, 3, 4)):
    return DeskSeries(stay=stay, desk=desk, start=start, end=end, weekdays=list(weekdays))


def test_a_recurring_booking_skips_closed_days_and_reports_conflicts_first():
    days = open_days(10)
    stay = make_stay(start=days[0], end=days[-1])
    desk = make_desk(code="5-12")
    rival = make_stay(start=days[0], end=days[-1])
    book_desk(stay=rival, desk=desk, day=days[3], by=None)
    series = weekdays_series(stay, desk, days[0] - 3 * DAY, days[-1])
    plan = plan_series(series)
    assert days[3] in plan.conflicts and days[3] not in plan.bookable
    assert set(plan.bookable) == set(days) - {days[3]}
    assert all(day < days[0] or day.weekday() > 4 or day not in days for day in plan.skipped)
    with pytest.raises(ValidationError) as refusal:
        book_series(series=series, by=None)
    assert "5-12 is already booked" in refusal_text(refusal)
    assert not DeskSeries.objects.exists()
    plan = book_series(series=series, by=None, skip_taken=True)
    held = set(stay.desk_bookings.holding().values_list("day", flat=True))
    assert held == set(days) - {days[3]}
    assert days[3] in skipped_days(series)


def test_skipped_dates_of_a_recurring_booking_can_be_added_again():
    days = open_days(5)
    stay = make_stay(start=days[0], end=days[-1])
    series = weekdays_series(stay, make_desk(), days[0], days[-1])
    book_series(series=series, by=None)
    skipped = stay.desk_bookings.get(day=days[2])
    cancel_booking(booking=skipped, by=None)
    assert skipped_days(series) == [days[2]]
    again = readd_day(series=series, day=days[2], by=None)
    assert again.series == series and again.status == "booked"
    assert skipped_days(series) == []
    with pytest.raises(ValidationError):
        readd_day(series=series, day=days[-1] + 7 * DAY, by=None)


def test_a_recurring_booking_needs_weekdays_and_ordered_dates():
    stay = make_stay()
    for weekdays, start, end in (([], stay.start, stay.end), ([0], stay.end, stay.start)):
        with pytest.raises(ValidationError):
            plan_series(weekdays_series(stay, make_desk(), start, end, weekdays))


def test_check_in_keeps_the_desk_and_no_shows_are_released():
    days = open_days(1)
    stay = make_stay(start=days[0], end=days[0])
    desk = make_desk()
    booking = book_desk(stay=stay, desk=desk, day=days[0], by=None)
    deadline = check_in_deadline(days[0])
    assert release_no_shows(now=deadline - datetime.timedelta(minutes=1)) == 0
    assert release_no_shows(now=deadline) == 1
    booking.refresh_from_db()
    assert booking.status == "released"
    other = make_stay(start=days[0], end=days[0])
    taken = book_desk(stay=other, desk=desk, day=days[0], by=None)
    morning = datetime.datetime.combine(days[0], datetime.time(9), tzinfo=hub_zone())
    assert check_in(booking=taken, by=None, now=morning).status == "checked_in"
    assert release_no_shows(now=deadline) == 0
    with pytest.raises(ValidationError):
        check_in(booking=taken, by=None, now=morning)


def test_a_desk_is_checked_in_on_its_day_only():
    stay = make_stay()
    booking = book_desk(stay=stay, desk=make_desk(), day=stay.start, by=None)
    with pytest.raises(ValidationError) as refusal:
        check_in(booking=booking, by=None)
    assert "on its day" in refusal_text(refusal)


def test_suggestions_put_the_hosts_team_first_then_wanted_features():
    host = make_person("Host")
    team_room = make_room(make_floor(7))
    make_desk(team_room, assigned_to=host, is_bookable=False)
    near = make_desk(team_room, code="7-02")
    same_floor = make_desk(make_room(make_floor(7)), code="7-50", features=["gpu"])
    far_gpu = make_desk(make_room(make_floor(3)), code="3-01", features=["gpu", "monitor"])
    stay = make_stay(host=host)
    taken = make_desk(team_room, code="7-03")
    book_desk(stay=make_stay(), desk=taken, day=stay.start, by=None)
    found = suggest_desks(stay=stay, days=[stay.start], features=["gpu"])
    assert [desk.code for desk in found] == [near.code, same_floor.code, far_gpu.code]
    assert found[0].near_team and not found[2].near_team
