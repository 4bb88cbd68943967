"""Builders for residency tests: a small building, stays made through the domain verbs, and
days on which the hub is open (tests run on any date: days are found, never hard-coded)."""

import datetime
import itertools

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.residency.domain.calendar import closed_days, hub_today
from nairl.residency.domain.stays import change_status, create_stay
from nairl.residency.models import ChecklistItem, Desk, Floor, Room, Stay

_serial = itertools.count(1)


def open_days(count: int, *, after: datetime.date | None = None) -> list[datetime.date]:
    """The first `count` days the hub is open, from a week after `after` (default today)."""
    day = (after or hub_today()) + datetime.timedelta(days=7)
    closed = closed_days(day, day + datetime.timedelta(days=count * 3 + 30))
    found = []
    while len(found) < count:
        if day not in closed:
            found.append(day)
        day += datetime.timedelta(days=1)
    return found


def make_floor(level: int | None = None, **fields) -> Floor:
    level = level if level is not None else next(_serial) % 70 + 1
    floor, _created = Floor.objects.get_or_create(
        level=level,
        defaults={"name_en": f"Floor {level}", "name_ko": f"{level}층", **fields},
    )
    return floor


def make_room(floor: Floor | None = None, *, kind=Room.Kind.OPEN_PLAN, **fields) -> Room:
    number = next(_serial)
    return Room.objects.create(
        floor=floor or make_floor(),
        code=fields.pop("code", f"R{number}"),
        name_en=fields.pop("name_en", f"Room {number}"),
        kind=kind,
        capacity=fields.pop("capacity", 12),
        **fields,
    )


def make_desk(room: Room | None = None, *, features=(), **fields) -> Desk:
    return Desk.objects.create(
        room=room or make_room(),
        code=fields.pop("code", f"D{next(_serial)}"),
        features=list(features),
        **fields,
    )


def make_stay(
    visitor=None,
    host=None,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    status: str = "approved",
    by=None,
    **fields,
) -> Stay:
    """A stay through `create_stay`; `status` beyond approved is reached by settling the
    checklist and moving it on."""
    days = open_days(1)
    start = start or days[0]
    end = end or start + datetime.timedelta(days=30)
    institution = fields.pop("home_institution", None) or make_institution(country="CA")
    stay = create_stay(
        stay=Stay(
            visitor=visitor or make_person(),
            host=host or make_person(),
            home_institution=institution,
            start=start,
            end=end,
            status="approved" if status != "proposed" else "proposed",
            **fields,
        ),
        by=by,
    )
    if status == "confirmed":
        settle(stay)
        stay = change_status(stay=stay, to="confirmed", by=by)
    return stay


def settle(stay: Stay) -> None:
    stay.checklist.update(state=ChecklistItem.State.NOT_NEEDED)


def visitor_account(username: str | None = None, **fields):
    """A researcher's login and the person it belongs to."""
    user = make_user(username, Role.RESEARCHER, **fields)
    return user, make_person(user=user)
