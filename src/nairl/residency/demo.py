"""Demo data: the hub building (about 7,600 m², 8 floors, 600 desks, 40 bookable rooms), stays of
visiting researchers from the partner institutions with their checklists and desk bookings, and
seminar room bookings.

`small` loads the building and a few dozen stays around today (the `researcher` login is a
visitor here now, with desks booked this week); `national` tops the stays up to two years of
them (one back, one ahead). Stays are drawn from a generator seeded with their number, so
loading is repeatable, and written with bulk_create (no per-row signals).
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from nairl.common.dates import each_day
from nairl.people.models import Affiliation, Person
from nairl.research.models import Program

from .domain.calendar import closed_days, hub_today, hub_zone
from .domain.stays import CHECKLIST
from .models import (
    ChecklistItem,
    Desk,
    DeskBooking,
    DeskFeature,
    Floor,
    Room,
    RoomBooking,
    Stay,
    StayStatus,
)

SIZES = {"small": 40, "national": 2400}  # stays
FLOORS = range(2, 10)  # levels 2-9: the hub's eight floors
FLOOR_AREA = 950
AREAS_PER_FLOOR = 3
DESKS_PER_AREA = 25
MEETING_ROOMS = [("Meeting room", "회의실", Room.Kind.MEETING, 8)] * 3 + [
    ("Small meeting room", "소회의실", Room.Kind.MEETING, 4),
    ("Seminar room", "세미나실", Room.Kind.SEMINAR, 60),
]
S = StayStatus


def load(scale: str, stdout) -> None:
    with transaction.atomic():
        desks = load_building()
        stays = load_stays(SIZES[scale])
        rooms = load_room_bookings()
    stdout.write(
        f"residency: building of {desks} desks; {stays} stays and {rooms} room bookings added"
    )


def load_building() -> int:
    if Floor.objects.exists():
        return Desk.objects.count()
    rng = random.Random(7600)
    for level in FLOORS:
        floor = Floor.objects.create(
            level=level, name_ko=f"{level}층", name_en=f"Floor {level}", area_m2=FLOOR_AREA
        )
        for number, (name_en, name_ko, kind, capacity) in enumerate(MEETING_ROOMS, start=1):
            Room.objects.create(
                floor=floor,
                code=f"{level}-M{number}",
                name_en=f"{name_en} {level}-{number}",
                name_ko=f"{name_ko} {level}-{number}",
                kind=kind,
                capacity=capacity,
            )
        for area in range(1, AREAS_PER_FLOOR + 1):
            room = Room.objects.create(
                floor=floor,
                code=f"{level}-A{area}",
                name_en=f"Open-plan area {level}{'ABC'[area - 1]}",
                name_ko=f"개방형 업무 공간 {level}{'ABC'[area - 1]}",
                kind=Room.Kind.OPEN_PLAN,
                capacity=DESKS_PER_AREA,
                is_bookable=False,
            )
            Desk.objects.bulk_create(
                Desk(
                    room=room,
                    code=f"{level}-{area}{seat:02d}",
                    features=desk_features(rng, area, seat),
                    is_accessible=level != 9 or seat < 20,
                )
                for seat in range(1, DESKS_PER_AREA + 1)
            )
    return Desk.objects.count()


def desk_features(rng: random.Random, area: int, seat: int) -> list[str]:
    features = [DeskFeature.MONITOR] if rng.random() < 0.7 else []
    if seat <= 4:
        features.append(DeskFeature.GPU_WORKSTATION)
    if area == 3:
        features.append(DeskFeature.QUIET_ZONE)
    if seat % 5 == 0:
        features.append(DeskFeature.WINDOW)
    return features


def status_for(rng: random.Random, start, end, today) -> str:
    if rng.random() < 0.05:
        return S.CANCELLED
    if end < today:
        return S.DEPARTED
    if start <= today:
        return S.ARRIVED
    if (start - today).days <= 45:
        return S.CONFIRMED
    return S.APPROVED if rng.random() < 0.7 else S.PROPOSED


def load_stays(target: int) -> int:
    existing = Stay.objects.count()
    if existing >= target:
        return 0
    today = hub_today()
    abroad = list(
        Affiliation.objects.exclude(institution__country="KR")
        .filter(end__isnull=True)
        .values_list("person_id", "institution_id")
        .order_by("person_id")
    )
    hosts = list(
        Affiliation.objects.filter(institution__country="KR", end__isnull=True)
        .values_list("person_id", flat=True)
        .order_by("person_id")
    )
    if not abroad or not hosts:
        return 0
    programs = list(Program.objects.values_list("pk", flat=True))
    desks = list(Desk.objects.filter(is_bookable=True).values_list("pk", "room_id"))
    taken = set(
        DeskBooking.objects.holding().values_list("desk_id", "day")
    )  # (desk, day) already held
    span = 365 if target > SIZES["small"] else 90
    closed = closed_days(
        today - datetime.timedelta(days=span), today + datetime.timedelta(days=span + 120)
    )
    stays, plans = [], []
    researcher = demo_researcher()
    for number in range(existing, target):
        rng = random.Random(number)
        if number == 0 and researcher is not None:
            visitor_id, institution_id = researcher.pk, first_institution(researcher)
            start, end = today - datetime.timedelta(days=3), today + datetime.timedelta(days=60)
        else:
            visitor_id, institution_id = abroad[rng.randrange(len(abroad))]
            start = today + datetime.timedelta(days=rng.randint(-span, span))
            end = start + datetime.timedelta(days=rng.choice((6, 13, 27, 41, 55, 83, 111)))
        host_id = hosts[rng.randrange(len(hosts))]
        if host_id == visitor_id:
            continue
        status = S.ARRIVED if number == 0 and researcher else status_for(rng, start, end, today)
        stays.append(
            Stay(
                visitor_id=visitor_id,
                home_institution_id=institution_id,
                host_id=host_id,
                program_id=programs[number % len(programs)] if programs else None,
                start=start,
                end=end,
                status=status,
                purpose_en="Joint research on site (demo)",
                purpose_ko="현장 공동 연구(데모)",
                status_changed_at=timezone.now(),
            )
        )
        plans.append(rng.randrange(len(desks)))
    Stay.objects.bulk_create(stays, batch_size=1000)
    ChecklistItem.objects.bulk_create(
        (item for stay in stays for item in checklist_of(stay, today)), batch_size=2000
    )
    bookings = []
    for stay, first_choice in zip(stays, plans, strict=True):
        if stay.status not in (S.APPROVED, S.CONFIRMED, S.ARRIVED, S.DEPARTED):
            continue
        for day in each_day(stay.start, stay.end):
            if day in closed:
                continue
            desk_id = free_desk(desks, first_choice, day, taken)
            if desk_id is None:
                continue
            taken.add((desk_id, day))
            past = day < today
            bookings.append(
                DeskBooking(
                    stay=stay,
                    desk_id=desk_id,
                    day=day,
                    status="checked_in" if past else "booked",
                )
            )
    DeskBooking.objects.bulk_create(bookings, batch_size=5000)
    return len(stays)


def free_desk(desks, first_choice: int, day, taken) -> int | None:
    """The visitor's usual desk if free that day, else the next free one along the floor."""
    for offset in range(len(desks)):
        desk_id, _room = desks[(first_choice + offset) % len(desks)]
        if (desk_id, day) not in taken:
            return desk_id
    return None


def checklist_of(stay: Stay, today):
    settled = stay.status in (S.ARRIVED, S.DEPARTED) or stay.status == S.CANCELLED
    for kind, (days, _owner) in CHECKLIST.items():
        done = settled or (stay.status == S.CONFIRMED and kind == "invitation_letter")
        yield ChecklistItem(
            stay=stay,
            kind=kind,
            due=stay.start - datetime.timedelta(days=days),
            state=ChecklistItem.State.DONE if done else ChecklistItem.State.OPEN,
            completed_at=timezone.now() if done else None,
        )


def demo_researcher() -> Person | None:
    user = get_user_model().objects.filter(username="researcher").first()
    person = getattr(user, "person", None) if user else None
    if person is None or Stay.objects.filter(visitor=person).exists():
        return None
    return person


def first_institution(person: Person) -> int:
    affiliation = person.affiliations.order_by("-start").first()
    if affiliation is not None:
        return affiliation.institution_id
    return Affiliation.objects.exclude(institution__country="KR").first().institution_id


def load_room_bookings() -> int:
    """A weekly seminar in each seminar room for the next eight weeks (once)."""
    if RoomBooking.objects.exists():
        return 0
    zone = hub_zone()
    today = hub_today()
    thursday = today + datetime.timedelta(days=(3 - today.weekday()) % 7 + 1)
    closed = closed_days(thursday, thursday + datetime.timedelta(weeks=8))
    bookings = []
    for room in Room.objects.filter(kind=Room.Kind.SEMINAR).select_related("floor"):
        for week in range(8):
            day = thursday + datetime.timedelta(weeks=week)
            if day in closed:
                continue
            starts = datetime.datetime.combine(day, datetime.time(16), tzinfo=zone)
            bookings.append(
                RoomBooking(
                    room=room,
                    title=f"NAIRL seminar, floor {room.floor.level}",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=1, minutes=30),
                    is_tentative=week >= 6,
                )
            )
    RoomBooking.objects.bulk_create(bookings)
    return len(bookings)
