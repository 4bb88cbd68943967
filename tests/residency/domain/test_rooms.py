"""Room bookings: overlaps refused (pre-bookings hold the room too), conflicts named, the
database's own guarantee, and the verb other modules call."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nairl.residency.domain.calendar import hub_zone
from nairl.residency.domain.rooms import (
    book_room,
    cancel_room_booking,
    confirm_pre_booking,
    conflicts,
)
from nairl.residency.models import Room, RoomBooking

from ..helpers import make_room, open_days

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=hub_zone())


def booking(room, day, start, end, **fields):
    return RoomBooking(
        room=room,
        title=fields.pop("title", "Meeting"),
        starts_at=at(day, *start),
        ends_at=at(day, *end),
        **fields,
    )


@pytest.fixture
def seminar_room():
    return make_room(kind=Room.Kind.SEMINAR, code="B1-01", capacity=80)


def test_overlapping_bookings_are_refused_with_the_conflict_named(seminar_room):
    day = open_days(1)[0]
    book_room(booking=booking(seminar_room, day, (10,), (12,), title="Scaling seminar"), by=None)
    with pytest.raises(ValidationError) as refusal:
        book_room(booking=booking(seminar_room, day, (11, 30), (13,)), by=None)
    text = " ".join(refusal.value.messages)
    assert "already booked" in text and "Scaling seminar" in text and "10:00" in text
    assert RoomBooking.objects.count() == 1


def test_back_to_back_bookings_fit(seminar_room):
    day = open_days(1)[0]
    book_room(booking=booking(seminar_room, day, (10,), (11,)), by=None)
    book_room(booking=booking(seminar_room, day, (11,), (12,)), by=None)
    assert RoomBooking.objects.count() == 2


def test_a_pre_booking_blocks_until_cancelled(seminar_room):
    day = open_days(1)[0]
    held = book_room(booking=booking(seminar_room, day, (14,), (16,), is_tentative=True), by=None)
    assert conflicts(seminar_room, at(day, 15), at(day, 17)) == [held]
    with pytest.raises(ValidationError) as refusal:
        book_room(booking=booking(seminar_room, day, (15,), (17,)), by=None)
    assert "pre-booking" in " ".join(refusal.value.messages)
    cancel_room_booking(booking=held, by=None)
    book_room(booking=booking(seminar_room, day, (15,), (17,)), by=None)


def test_a_pre_booking_is_confirmed_once(seminar_room):
    day = open_days(1)[0]
    held = book_room(booking=booking(seminar_room, day, (9,), (10,), is_tentative=True), by=None)
    assert not confirm_pre_booking(booking=held, by=None).is_tentative
    with pytest.raises(ValidationError):
        confirm_pre_booking(booking=held, by=None)


def test_reversed_times_closed_days_and_unbookable_rooms_are_refused(seminar_room):
    day = open_days(1)[0]
    saturday = day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    office = make_room(kind=Room.Kind.OFFICE, is_bookable=False)
    for bad in (
        booking(seminar_room, day, (12,), (11,)),
        booking(seminar_room, saturday, (10,), (11,)),
        booking(office, day, (10,), (11,)),
        booking(seminar_room, day - datetime.timedelta(days=400), (10,), (11,)),
    ):
        with pytest.raises(ValidationError):
            book_room(booking=bad, by=None)
    assert not RoomBooking.objects.exists()


def test_the_database_refuses_overlaps_whatever_the_code_does(seminar_room):
    day = open_days(1)[0]
    RoomBooking.objects.create(
        room=seminar_room, title="A", starts_at=at(day, 10), ends_at=at(day, 12)
    )
    RoomBooking.objects.create(
        room=seminar_room,
        title="gone",
        starts_at=at(day, 10),
        ends_at=at(day, 12),
        status="cancelled",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomBooking.objects.create(
            room=seminar_room, title="B", starts_at=at(day, 11), ends_at=at(day, 13)
        )
    later = RoomBooking.objects.create(
        room=seminar_room, title="C", starts_at=at(day, 12), ends_at=at(day, 13)
    )
    later.starts_at = at(day, 11)
    with pytest.raises(IntegrityError), transaction.atomic():
        later.save()
