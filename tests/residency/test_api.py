"""The residency API: same rules and policies as the pages."""

import pytest

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.residency.models import DeskBooking, Stay

from .helpers import make_desk, make_room, make_stay, open_days, settle, visitor_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_api(api_client_for):
    return api_client_for(make_user("api-staff", Role.HUB_STAFF))


def test_staff_create_a_stay_and_move_it_through_its_statuses(staff_api):
    days = open_days(2)
    created = staff_api.post(
        "/api/v1/residency/stays/",
        {
            "visitor": make_person().pk,
            "host": make_person().pk,
            "home_institution": make_institution(country="AE").pk,
            "start": days[0].isoformat(),
            "end": days[1].isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    stay = Stay.objects.get(pk=created.json()["id"])
    assert created.json()["status"] == "proposed" and stay.checklist.count() == 5
    out_of_order = staff_api.post(
        f"/api/v1/residency/stays/{stay.pk}/status/", {"status": "arrived"}, format="json"
    )
    assert out_of_order.status_code == 400 and "cannot become arrived" in str(out_of_order.json())
    approved = staff_api.post(
        f"/api/v1/residency/stays/{stay.pk}/status/", {"status": "approved"}, format="json"
    )
    assert approved.json()["status"] == "approved"


def test_reversed_dates_name_the_field(staff_api):
    days = open_days(2)
    answer = staff_api.post(
        "/api/v1/residency/stays/",
        {
            "visitor": make_person().pk,
            "host": make_person().pk,
            "home_institution": make_institution().pk,
            "start": days[1].isoformat(),
            "end": days[0].isoformat(),
        },
        format="json",
    )
    assert answer.status_code == 400 and "end" in answer.json()
    assert not Stay.objects.exists()


def test_a_visitor_books_for_their_own_stay_only(api_client_for):
    user, person = visitor_account("api-visitor")
    own, other = make_stay(person), make_stay()
    desk = make_desk()
    api = api_client_for(user)
    mine = api.post(
        "/api/v1/residency/desk-bookings/",
        {"stay": own.pk, "desk": desk.pk, "day": own.start.isoformat()},
        format="json",
    )
    assert mine.status_code == 201
    theirs = api.post(
        "/api/v1/residency/desk-bookings/",
        {"stay": other.pk, "desk": make_desk().pk, "day": other.start.isoformat()},
        format="json",
    )
    assert theirs.status_code == 400 and "does not exist" in str(theirs.json()["stay"])
    listed = api.get("/api/v1/residency/stays/").json()["results"]
    assert [row["id"] for row in listed] == [own.pk]
    cancelled = api.post(f"/api/v1/residency/desk-bookings/{mine.json()['id']}/cancel/")
    assert cancelled.json()["status"] == "cancelled"
    assert DeskBooking.objects.holding().count() == 0


def test_the_checklist_owner_settles_their_item(api_client_for):
    user, person = visitor_account("api-owner")
    stay = make_stay(person)
    item = stay.checklist.get(kind="insurance")
    assert item.owner == user
    answer = api_client_for(user).patch(
        f"/api/v1/residency/checklist-items/{item.pk}/", {"state": "done"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["completed_at"]
    letter = stay.checklist.get(kind="invitation_letter")
    refused = api_client_for(user).patch(
        f"/api/v1/residency/checklist-items/{letter.pk}/", {"state": "done"}, format="json"
    )
    assert refused.status_code == 403


def test_room_conflicts_are_asked_before_booking(api_client_for):
    from .domain.test_rooms import at

    api = api_client_for(make_user("api-booker", Role.RESEARCHER))
    room = make_room(code="API-1")
    day = open_days(1)[0]
    first = api.post(
        "/api/v1/residency/room-bookings/",
        {
            "room": room.pk,
            "title": "Talk",
            "starts_at": at(day, 10).isoformat(),
            "ends_at": at(day, 11).isoformat(),
            "is_tentative": True,
        },
        format="json",
    )
    assert first.status_code == 201
    asked = api.post(
        "/api/v1/residency/room-bookings/conflicts/",
        {
            "room": room.pk,
            "starts_at": at(day, 10, 30).isoformat(),
            "ends_at": at(day, 12).isoformat(),
        },
        format="json",
    )
    assert [row["title"] for row in asked.json()] == ["Talk"]


def test_a_settled_stay_confirms_through_the_api(staff_api):
    stay = make_stay()
    settle(stay)
    answer = staff_api.post(
        f"/api/v1/residency/stays/{stay.pk}/status/", {"status": "confirmed"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "confirmed"
