"""iCalendar (RFC 5545) feeds: stays, bookings, talks — for calendar applications.

`calendar_feed(name, events)` writes a VCALENDAR with a calendar name (X-WR-CALNAME, which
Apple, Google and Outlook show) and one VEVENT per `Event`: all-day events for dates, UTC times
for datetimes; text escaped and lines folded at 75 octets as the standard asks.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

PRODUCT = "-//NAIRL//NAIRL Hub//EN"


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime  # exclusive, as in iCalendar
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)
    status: str = "CONFIRMED"  # or TENTATIVE, CANCELLED


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (never inside a
    multi-byte character)."""
    pieces, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not pieces else 74):
            pieces.append(current.decode())
            current = b""
        current += encoded
    pieces.append(current.decode())
    return "\r\n ".join(pieces)


def when(name: str, value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(datetime.UTC)
        return f"{name}:{utc:%Y%m%dT%H%M%SZ}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def event_lines(event: Event, stamp: datetime.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        when("DTSTAMP", stamp),
        when("DTSTART", event.start),
        when("DTEND", event.end),
        f"SUMMARY:{escape(event.summary)}",
        f"STATUS:{event.status}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape(c) for c in event.categories))
    lines.append("END:VEVENT")
    return lines


def calendar_feed(
    name: str, events: Iterable[Event], *, stamp: datetime.datetime | None = None
) -> str:
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Seoul",
    ]
    for event in events:
        lines += event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
