"""Participants, their local view of a meeting, and the ranking of weekly slots."""

import datetime
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MINUTES_PER_DAY = 24 * 60
MAX_RANGE_DAYS = 366  # a season or a year: enough to plan, small enough to answer at once
UTC = datetime.UTC


class SchedulingError(ValueError):
    """Bad input, as facts: which field, why (a code), and the value. The app words it."""

    def __init__(self, field: str, reason: str, value=None):
        super().__init__(f"{field}: {reason} ({value!r})")
        self.field = field
        self.reason = reason
        self.value = value


def zone_named(name: str, field_name: str = "zone") -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise SchedulingError(field_name, "unknown_zone", name) from error


def minute_of_day(moment: datetime.time | datetime.datetime) -> int:
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True)
class Participant:
    """Someone (or a city) taking part, with the local hours they find acceptable."""

    label: str
    zone: str
    earliest: datetime.time = datetime.time(9)
    latest: datetime.time = datetime.time(18)

    def __post_init__(self):
        zone_named(self.zone)
        if minute_of_day(self.earliest) >= minute_of_day(self.latest):
            raise SchedulingError("hours", "empty_window", f"{self.earliest}-{self.latest}")

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.zone)

    def view(self, start_utc: datetime.datetime, end_utc: datetime.datetime) -> "LocalView":
        local_start, local_end = start_utc.astimezone(self.tz), end_utc.astimezone(self.tz)
        start = minute_of_day(local_start)
        length = int((end_utc - start_utc).total_seconds() // 60)
        early_edge, late_edge = minute_of_day(self.earliest), minute_of_day(self.latest)
        if start >= early_edge and start + length <= late_edge:
            early = late = 0
        else:
            # Outside the window: read as early (before the day starts) or late (after it ends),
            # whichever is nearer — 01:00 is 8 h before 09:00 or 7 h after 18:00 (+ length).
            before = (early_edge - start) % MINUTES_PER_DAY
            after = (start + length - late_edge) % MINUTES_PER_DAY
            early, late = (before, 0) if before <= after else (0, after)
        return LocalView(self, local_start, local_end, early, late)


@dataclass(frozen=True)
class LocalView:
    """One participant's side of one meeting: its local times and how far outside their hours."""

    participant: Participant
    start: datetime.datetime
    end: datetime.datetime
    minutes_early: int
    minutes_late: int

    @property
    def inconvenience(self) -> int:
        return self.minutes_early + self.minutes_late

    @property
    def utc_offset_minutes(self) -> int:
        return int(self.start.utcoffset().total_seconds() // 60)


@dataclass(frozen=True)
class Occurrence:
    """One meeting: its time in UTC and everyone's local view of it."""

    start: datetime.datetime
    end: datetime.datetime
    views: tuple[LocalView, ...]

    @property
    def worst(self) -> int:
        return max(view.inconvenience for view in self.views)

    @property
    def total(self) -> int:
        return sum(view.inconvenience for view in self.views)


def occurrence(
    participants: Sequence[Participant],
    day: datetime.date,
    at: datetime.time,
    zone: str,
    duration_minutes: int,
) -> Occurrence:
    """The meeting on `day` at local time `at` in `zone`. A local time that does not exist that
    day (skipped by a daylight-saving change) moves forward by the gap, as clocks do."""
    tz = zone_named(zone, "reference_zone")
    naive = datetime.datetime.combine(day, at)
    start = naive.replace(tzinfo=tz).astimezone(UTC)
    end = start + datetime.timedelta(minutes=duration_minutes)
    return Occurrence(start, end, tuple(p.view(start, end) for p in participants))


@dataclass(frozen=True)
class Shift:
    """From `day` on, a participant's local time of the slot moves by `minutes` (daylight saving
    in their zone or in the reference zone)."""

    day: datetime.date
    participant: Participant
    local_start: datetime.datetime
    minutes: int


@dataclass(frozen=True)
class SlotOption:
    """A weekly time (weekday and time in the reference zone) with all its meetings."""

    weekday: int
    at: datetime.time
    zone: str
    occurrences: tuple[Occurrence, ...]
    burdens: dict = field(default_factory=dict)  # participant label -> minutes over the range

    @property
    def worst(self) -> int:
        return max((o.worst for o in self.occurrences), default=0)

    @property
    def total(self) -> int:
        return sum(o.total for o in self.occurrences)

    @property
    def heaviest_burden(self) -> int:
        return max(self.burdens.values(), default=0)

    @property
    def rank_key(self) -> tuple:
        return (self.worst, self.total, self.heaviest_burden, self.weekday, self.at)

    def shifts(self) -> list[Shift]:
        """Where a participant's local time of this slot changes within the range."""
        found = []
        for before, after in zip(self.occurrences, self.occurrences[1:], strict=False):
            for old, new in zip(before.views, after.views, strict=True):
                moved = minute_of_day(new.start) - minute_of_day(old.start)
                if moved:
                    found.append(Shift(after.start.date(), new.participant, new.start, moved))
        return found


def check_range(first: datetime.date, last: datetime.date) -> None:
    if last < first:
        raise SchedulingError("last_date", "range_reversed", (first, last))
    if (last - first).days >= MAX_RANGE_DAYS:
        raise SchedulingError("last_date", "range_too_long", (last - first).days + 1)


def check_inputs(participants: Sequence[Participant], duration_minutes: int) -> None:
    if not participants:
        raise SchedulingError("participants", "no_participants")
    labels = [p.label for p in participants]
    if len(set(labels)) != len(labels):
        raise SchedulingError("participants", "duplicate_label", labels)
    if not 15 <= duration_minutes <= 8 * 60:
        raise SchedulingError("duration_minutes", "bad_duration", duration_minutes)


def day_times(step_minutes: int) -> list[datetime.time]:
    if step_minutes not in (15, 30, 60):
        raise SchedulingError("step_minutes", "bad_step", step_minutes)
    return [
        datetime.time(minute // 60, minute % 60)
        for minute in range(0, MINUTES_PER_DAY, step_minutes)
    ]


def slot_option(participants, days, weekday, at, zone, duration_minutes) -> SlotOption:
    meetings = tuple(occurrence(participants, day, at, zone, duration_minutes) for day in days)
    burdens = {p.label: 0 for p in participants}
    for meeting in meetings:
        for view in meeting.views:
            burdens[view.participant.label] += view.inconvenience
    return SlotOption(weekday, at, zone, meetings, burdens)


def find_slots(
    participants: Sequence[Participant],
    first_date: datetime.date,
    last_date: datetime.date,
    *,
    reference_zone: str,
    duration_minutes: int = 60,
    step_minutes: int = 30,
    weekdays: Iterable[int] = (0, 1, 2, 3, 4),
    limit: int | None = None,
) -> list[SlotOption]:
    """Weekly slots (weekday and local time in `reference_zone`) ranked for the participants:
    lowest worst inconvenience first (the worst any participant suffers at any meeting of the
    range), then the lowest total, then the lightest load on the most burdened participant."""
    check_inputs(participants, duration_minutes)
    check_range(first_date, last_date)
    zone_named(reference_zone, "reference_zone")
    weekdays = sorted(set(weekdays))
    if not weekdays or not all(0 <= day <= 6 for day in weekdays):
        raise SchedulingError("weekdays", "no_weekdays", weekdays)
    all_days = [
        first_date + datetime.timedelta(days=n) for n in range((last_date - first_date).days + 1)
    ]
    options = []
    for weekday in weekdays:
        days = [day for day in all_days if day.weekday() == weekday]
        if not days:
            continue
        for at in day_times(step_minutes):
            options.append(
                slot_option(participants, days, weekday, at, reference_zone, duration_minutes)
            )
    options.sort(key=lambda option: option.rank_key)
    return options[:limit] if limit else options
