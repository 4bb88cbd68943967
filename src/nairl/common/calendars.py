"""iCalendar feeds and files that calendar applications read correctly (RFC 5545 and 7986).

`calendar_bytes(CalendarInfo(...), events)` writes a calendar with a name (NAME and
X-WR-CALNAME), a description, its source (SOURCE, the feed's own address), a refresh interval
(REFRESH-INTERVAL and X-PUBLISHED-TTL), one VTIMEZONE for every zone its events use — built from
the IANA database for the years the events span, so daylight-saving rules come along — and one
VEVENT per event with a stable UID, a SEQUENCE, DTSTART/DTEND in the event's own zone (TZID) or
as whole days (a stay, a desk booking), CATEGORIES, URL and STATUS (CANCELLED stays in the feed
so calendars remove the event). `calendar_response()` serves the bytes; `webcal_url()` gives the
`webcal://` twin of an https address, for one-click subscription.

Serialising an event with icalendar takes about a millisecond, so a feed of a thousand events
can keep each event's bytes (`serialise`) and `assemble` a new calendar from them, serialising
again only the events that changed. A serialised event is a plain (zone, year, bytes) tuple, so
keeping a thousand of them in a cache pickles in a millisecond or two.
"""

import datetime
import functools
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import icalendar
from django.http import HttpResponse

PRODUCT_ID = "-//NAIRL Hub//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarInfo:
    name: str
    source_url: str
    description: str = ""
    refresh: datetime.timedelta = datetime.timedelta(hours=1)
    language: str = "en"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime.date | datetime.datetime  # a date for a whole-day event, else aware
    end: datetime.date | datetime.datetime  # exclusive, as in iCalendar
    summary: str
    zone: str = "UTC"  # IANA name a timed event's times are shown in
    # When this version of the event was made (DTSTAMP, LAST-MODIFIED); None: not known, now.
    stamp: datetime.datetime | None = None
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    categories: Sequence[str] = field(default_factory=tuple)
    cancelled: bool = False


def webcal_url(url: str) -> str:
    """`webcal://host/path` for `https://host/path` (or http): calendar apps subscribe to it."""
    return "webcal://" + url.split("://", 1)[-1]


@functools.lru_cache(maxsize=256)
def vtimezone(zone: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of a zone, with its transitions from `first_year` to `last_year`
    (building one takes milliseconds, so each is built once per process)."""
    component = icalendar.Timezone.from_tzid(
        zone,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )
    return component.to_ical()


def is_timed(event: CalendarEvent) -> bool:
    return isinstance(event.start, datetime.datetime)


def vevent(event: CalendarEvent) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add(
        "dtstamp", (event.stamp or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    )
    if event.stamp is not None:
        component.add("last-modified", event.stamp.astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    if is_timed(event):
        tz = zoneinfo.ZoneInfo(event.zone)
        component.add("dtstart", event.start.astimezone(tz))
        component.add("dtend", event.end.astimezone(tz))
    else:
        component.add("dtstart", event.start)
        component.add("dtend", event.end)
    component.add("summary", event.summary)
    if event.description:
        component.add("description", event.description)
    if event.location:
        component.add("location", event.location)
    if event.url:
        component.add("url", event.url)
    if event.categories:
        component.add("categories", list(event.categories))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    component.add("transp", "TRANSPARENT" if event.cancelled else "OPAQUE")
    return component


class SerialisedEvent(NamedTuple):
    """An event's VEVENT bytes, with the zone and year its VTIMEZONE must cover (no zone: a
    whole-day event, which needs none)."""

    zone: str | None
    year: int
    data: bytes


def serialise(event: CalendarEvent) -> SerialisedEvent:
    if not is_timed(event):
        return SerialisedEvent(None, event.start.year, vevent(event).to_ical())
    year = event.start.astimezone(zoneinfo.ZoneInfo(event.zone)).year
    return SerialisedEvent(event.zone, year, vevent(event).to_ical())


def calendar_bytes(info: CalendarInfo, events: Iterable[CalendarEvent]) -> bytes:
    return assemble(info, [serialise(event) for event in events])


def assemble(info: CalendarInfo, events: Sequence[tuple[str | None, int, bytes]]) -> bytes:
    """The calendar of serialised events, given as `SerialisedEvent`s or plain tuples."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", info.name)
    calendar.add("x-wr-calname", info.name)
    if info.description:
        calendar.add("description", info.description)
        calendar.add("x-wr-caldesc", info.description)
    calendar.add("source", info.source_url, parameters={"VALUE": "URI"})
    calendar.add("refresh-interval", info.refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(info.refresh))
    head = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)[0]
    parts = [head]
    zones: dict[str, list[int]] = {}
    for zone, year, _data in events:
        if zone is None:
            continue
        years = zones.setdefault(zone, [year, year])
        years[0], years[1] = min(years[0], year), max(years[1], year)
    for zone, (first, last) in sorted(zones.items()):
        parts.append(vtimezone(zone, first, last))
    parts += [data for _zone, _year, data in events]
    parts.append(b"END:VCALENDAR\r\n")
    return b"".join(parts)


def calendar_response(data: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    """A calendar file, shown by the browser's calendar handler or (`download`) saved."""
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response
