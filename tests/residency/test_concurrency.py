"""Twenty simultaneous requests for the same desk and day (and the same room and hour): exactly
one succeeds, the others are told it is already booked — on SQLite (writers queue) and on
PostgreSQL (the exclusion constraint makes the losers wait for the winner, then fail)."""

import threading

import pytest
from django.db import connections
from rest_framework.test import APIClient

from factories import make_user
from nairl.common.roles import Role
from nairl.residency.models import DeskBooking, RoomBooking

from .domain.test_rooms import at
from .helpers import make_desk, make_room, make_stay

REQUESTS = 20


def race(user, url, payloads) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(len(payloads))
    answers = []

    def send(payload):
        api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        api.force_authenticate(user)
        barrier.wait()
        try:
            response = api.post(url, payload, format="json")
            answers.append((response.status_code, response.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(payload,)) for payload in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_twenty_requests_for_one_desk_day_book_it_once():
    staff = make_user("race-staff", Role.HUB_STAFF)
    desk = make_desk(code="9-001")
    stays = [make_stay() for _ in range(REQUESTS)]
    day = stays[0].start
    payloads = [{"stay": stay.pk, "desk": desk.pk, "day": day.isoformat()} for stay in stays]
    answers = race(staff, "/api/v1/residency/desk-bookings/", payloads)
    statuses = sorted(status for status, _body in answers)
    assert statuses == [201] + [400] * (REQUESTS - 1)
    for status, body in answers:
        if status == 400:
            assert body == {"day": [f"Desk 9-001 is already booked on {day:%Y-%m-%d}."]}
    assert DeskBooking.objects.filter(desk=desk, day=day).count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_requests_for_one_room_hour_book_it_once():
    staff = make_user("race-room-staff", Role.HUB_STAFF)
    room = make_room(code="B1-02", capacity=80)
    day = make_stay().start
    payloads = [
        {
            "room": room.pk,
            "title": f"Seminar {n}",
            "starts_at": at(day, 10, n).isoformat(),
            "ends_at": at(day, 11, n).isoformat(),
        }
        for n in range(REQUESTS)
    ]
    answers = race(staff, "/api/v1/residency/room-bookings/", payloads)
    assert sorted(status for status, _body in answers) == [201] + [400] * (REQUESTS - 1)
    for status, body in answers:
        if status == 400:
            assert "already booked" in body["starts_at"][0]
    assert RoomBooking.objects.filter(room=room).count() == 1
