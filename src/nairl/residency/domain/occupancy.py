"""What the staff dashboard shows: occupancy by floor and day, arrivals and departures, and who
is here now by country and program — each in a fixed number of queries, whatever the size."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from nairl.common.dates import each_day

from ..models import DeskBooking, Floor, Stay, StayStatus
from ..models.bookings import HOLDING
from ..models.spaces import Desk
from .calendar import closed_days

MAX_WINDOW = 120  # days in one heat map
LEVELS = 10  # colour steps of the heat map


@dataclass
class Cell:
    day: datetime.date
    booked: int
    desks: int
    closed: str | None

    @property
    def share(self) -> float:
        return self.booked / self.desks if self.desks else 0.0

    @property
    def level(self) -> int:
        return min(LEVELS, round(self.share * LEVELS))

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass
class FloorRow:
    floor: Floor
    desks: int
    cells: list[Cell]


def occupancy(start: datetime.date, days: int) -> tuple[list[datetime.date], list[FloorRow]]:
    """Booked desks against bookable desks, per floor and day (three queries)."""
    end = start + datetime.timedelta(days=days - 1)
    dates = list(each_day(start, end))
    closed = closed_days(start, end)
    floors = list(
        Floor.objects.annotate(
            desks=Count("rooms__desks", filter=Q(rooms__desks__is_bookable=True))
        )
    )
    counts = {
        (floor_id, day): count
        for floor_id, day, count in DeskBooking.objects.filter(
            day__range=(start, end), status__in=HOLDING
        )
        .values_list("desk__room__floor_id", "day")
        .annotate(count=Count("id"))
        .order_by()
    }
    rows = [
        FloorRow(
            floor=floor,
            desks=floor.desks,
            cells=[
                Cell(day, counts.get((floor.pk, day), 0), floor.desks, closed.get(day))
                for day in dates
            ],
        )
        for floor in floors
        if floor.desks
    ]
    return dates, rows


def with_people(queryset):
    """Stays with what their rows show (no query per row)."""
    return queryset.select_related("visitor", "host", "home_institution", "program", "project")


def arrivals_and_departures(monday: datetime.date):
    """Stays arriving and leaving in the week starting on `monday` (not cancelled)."""
    sunday = monday + datetime.timedelta(days=6)
    live = Stay.objects.exclude(status=StayStatus.CANCELLED)
    arriving = with_people(live.filter(start__range=(monday, sunday))).order_by("start", "id")
    leaving = with_people(live.filter(end__range=(monday, sunday))).order_by("end", "id")
    return arriving, leaving


def current_stays(today: datetime.date):
    """Stays under way today: arrived, or confirmed and due (not yet marked arrived)."""
    return Stay.objects.filter(
        status__in=(StayStatus.ARRIVED, StayStatus.CONFIRMED), start__lte=today, end__gte=today
    )


def residents_by(today: datetime.date, field: str) -> list[tuple[str, int]]:
    """How many residents there are today by a field of the stay (country, program)."""
    return list(
        current_stays(today)
        .values_list(field)
        .annotate(count=Count("id"))
        .order_by("-count", field)
    )


def bookable_desk_count() -> int:
    return Desk.objects.filter(is_bookable=True).count()
