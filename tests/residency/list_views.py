"""Residency list pages, endpoints and dashboards for the query-count test
(tests/common/test_query_counts.py): the same number of queries for 1 row and for 30."""

import datetime
import itertools

from factories import make_person, make_user
from list_views import ListView
from nairl.common.roles import Role
from nairl.research.models import Project
from nairl.residency.domain.calendar import hub_today
from nairl.residency.domain.desks import book_desk
from nairl.residency.models import ClosedDay, DeskBooking, Room, RoomBooking, Stay

from .helpers import make_desk, make_floor, make_room, make_stay, open_days

_numbers = itertools.count(1)
STAFF = Role.HUB_STAFF


def add_floors(count):
    for _ in range(count):
        number = next(_numbers)
        room = make_room(make_floor(number % 70 + 1), code=f"LF-{number}")
        make_desk(room, code=f"LF-{number}-1", features=["gpu"])


def add_rooms(count):
    for _ in range(count):
        number = next(_numbers)
        room = make_room(make_floor(3), code=f"LR-{number}", kind=Room.Kind.MEETING)
        make_desk(room, code=f"LR-{number}-1")


def add_desks(count):
    room = make_room(make_floor(4))
    for _ in range(count):
        make_desk(room, code=f"LD-{next(_numbers)}", features=["monitor", "quiet"])


def add_closed_days(count):
    first = datetime.date(2040, 1, 1)
    for _ in range(count):
        number = next(_numbers)
        ClosedDay.objects.create(
            day=first + datetime.timedelta(days=number), reason_en=f"Closure {number}"
        )


def add_stays(count):
    for _ in range(count):
        make_stay(make_person(f"Visitor {next(_numbers)}"))


def add_desk_bookings(count):
    for _ in range(count):
        stay = make_stay()
        book_desk(stay=stay, desk=make_desk(), day=stay.start, by=None)


def add_room_bookings(count):
    room = make_room(code=f"LRB-{next(_numbers)}")
    day = open_days(1)[0]
    for _ in range(count):
        number = next(_numbers)
        starts = datetime.datetime.combine(day, datetime.time(0), tzinfo=datetime.UTC)
        starts += datetime.timedelta(minutes=10 * number)
        RoomBooking.objects.create(
            room=room,
            title=f"Meeting {number}",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=5),
        )


def add_this_weeks_stays(count):
    """Stays arriving and leaving this week, here today (confirmed), with an overdue item."""
    today = hub_today()
    for _ in range(count):
        stay = make_stay(make_person(f"Resident {next(_numbers)}"), status="confirmed")
        Stay.objects.filter(pk=stay.pk).update(start=today, end=today)
        stay.checklist.filter(kind="accounts").update(
            state="open", due=today - datetime.timedelta(days=1)
        )


def add_occupied_floors(count):
    for _ in range(count):
        number = next(_numbers)
        desk = make_desk(make_room(make_floor(number % 70 + 1)), code=f"LO-{number}")
        stay = make_stay()
        DeskBooking.objects.create(desk=desk, stay=stay, day=hub_today())


def the_project():
    from research.helpers import make_project

    return Project.objects.filter(title_en="Residency list project").first() or make_project(
        title_en="Residency list project"
    )


def add_project_residents(count):
    project = the_project()
    for _ in range(count):
        make_stay(make_person(f"Project visitor {next(_numbers)}"), project=project)


def visitor_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="residency-list-visitor").first() or (
        make_user("residency-list-visitor", Role.RESEARCHER)
    )


def add_own_stays(count):
    """Stays of the viewing visitor, among others' (which the visitor must not see)."""
    user = visitor_user()
    person = getattr(user, "person", None) or make_person("List Visitor", user=user)
    for _ in range(count):
        make_stay(person)
        make_stay()


LIST_VIEWS = [
    ListView("residency:floors", "/residency/floors/", add_floors, role=Role.RESEARCHER),
    ListView("residency:rooms", "/residency/rooms/", add_rooms, role=Role.RESEARCHER),
    ListView("residency:desks", "/residency/desks/?feature=gpu", add_floors, role=STAFF),
    ListView("residency:desks", "/residency/desks/", add_desks, role=Role.RESEARCHER),
    ListView(
        "residency:closed-days", "/residency/closed-days/?year=2040", add_closed_days, role=STAFF
    ),
    ListView("residency:stays", "/residency/stays/", add_stays, role=STAFF),
    ListView(
        "residency:stays", "/residency/stays/?country=ca", add_stays, role=STAFF, label="country"
    ),
    ListView(
        "residency:stays", "/residency/stays/", add_own_stays, viewer=visitor_user, label="visitor"
    ),
    ListView("residency:dashboard", "/residency/", add_this_weeks_stays, role=STAFF),
    ListView("residency:arrivals", "/residency/arrivals/", add_this_weeks_stays, role=STAFF),
    ListView("residency:residents", "/residency/residents/", add_this_weeks_stays, role=STAFF),
    ListView(
        "residency:occupancy",
        "/residency/occupancy/?days=90",
        add_occupied_floors,
        role=Role.FUNDER_VIEWER,
    ),
    ListView(
        "research:project",
        lambda: the_project().get_absolute_url(),
        add_project_residents,
        role=STAFF,
        label="residents",
    ),
    ListView("residency-floor-list", "/api/v1/residency/floors/", add_floors, role=STAFF),
    ListView("residency-room-list", "/api/v1/residency/rooms/", add_rooms, role=STAFF),
    ListView("residency-desk-list", "/api/v1/residency/desks/", add_desks, role=STAFF),
    ListView(
        "residency-closed-day-list", "/api/v1/residency/closed-days/", add_closed_days, role=STAFF
    ),
    ListView("residency-stay-list", "/api/v1/residency/stays/", add_stays, role=STAFF),
    ListView(
        "residency-stay-list",
        "/api/v1/residency/stays/",
        add_own_stays,
        viewer=visitor_user,
        label="visitor",
    ),
    ListView(
        "residency-checklist-item-list", "/api/v1/residency/checklist-items/", add_stays, role=STAFF
    ),
    ListView(
        "residency-desk-booking-list",
        "/api/v1/residency/desk-bookings/",
        add_desk_bookings,
        role=STAFF,
    ),
    ListView(
        "residency-room-booking-list",
        "/api/v1/residency/room-bookings/",
        add_room_bookings,
        role=Role.RESEARCHER,
    ),
]
