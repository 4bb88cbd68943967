"""The shared iCalendar writer: what calendar applications need, read back with icalendar."""

import datetime
import zoneinfo

import icalendar

from nairl.common.calendars import (
    CalendarEvent,
    CalendarInfo,
    calendar_bytes,
    calendar_response,
    webcal_url,
)

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


def event(**changes) -> CalendarEvent:
    start = datetime.datetime(2027, 11, 8, 9, tzinfo=TORONTO)
    fields = {
        "uid": "talk-1@example",
        "start": start,
        "end": start + datetime.timedelta(hours=1),
        "zone": "America/Toronto",
        "summary": "Planning, fairly; 한국어",
        "stamp": datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC),
        "sequence": 3,
        "categories": ["Seminar, with comma", "cs.LG"],
        "location": "Room 1",
        **changes,
    }
    return CalendarEvent(**fields)


def test_a_calendar_reads_back_with_everything_an_application_needs():
    info = CalendarInfo(name="세미나", source_url="https://hub.example/cal.ics", description="D")
    calendar = icalendar.Calendar.from_ical(
        calendar_bytes(info, [event(), event(uid="b", cancelled=True)])
    )
    assert calendar.calendar_name == "세미나" and str(calendar["X-WR-CALNAME"]) == "세미나"
    assert calendar.source == "https://hub.example/cal.ics"
    assert calendar.refresh_interval == datetime.timedelta(hours=1)
    assert calendar.get_missing_tzids() == set()
    first, cancelled = calendar.walk("VEVENT")
    assert str(first["SUMMARY"]) == "Planning, fairly; 한국어"
    assert first.start.utcoffset() == datetime.timedelta(hours=-5)
    assert int(first["SEQUENCE"]) == 3
    assert first.categories == ["Seminar, with comma", "cs.LG"]
    assert str(first["STATUS"]) == "CONFIRMED" and str(cancelled["STATUS"]) == "CANCELLED"


def test_an_empty_calendar_is_still_valid():
    calendar = icalendar.Calendar.from_ical(
        calendar_bytes(CalendarInfo(name="Empty", source_url="https://x/"), [])
    )
    assert calendar.walk("VEVENT") == [] and calendar.calendar_name == "Empty"


def test_webcal_links():
    assert webcal_url("https://hub.example/a.ics?lang=ko") == "webcal://hub.example/a.ics?lang=ko"
    assert webcal_url("http://127.0.0.1:8000/a.ics") == "webcal://127.0.0.1:8000/a.ics"


def test_whole_day_events_and_long_text_escaped_and_folded():
    title = "세미나: " + "긴 제목, 길다; " * 20
    day = datetime.date(2027, 3, 2)
    data = calendar_bytes(
        CalendarInfo(name="Stays, desks; bookings", source_url="https://hub.example/feed/"),
        [
            CalendarEvent(
                uid="a@hub", start=day, end=day + datetime.timedelta(days=1), summary=title
            ),
            event(),
        ],
    )
    text = data.decode()
    assert "DTSTART;VALUE=DATE:20270302\r\n" in text and "DTEND;VALUE=DATE:20270303\r\n" in text
    assert "SUMMARY:세미나: 긴 제목\\, 길다\\; " in text
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.calendar_name == "Stays, desks; bookings"
    whole_day, _timed = calendar.walk("VEVENT")
    assert str(whole_day["SUMMARY"]) == title and whole_day.start == day
    assert "LAST-MODIFIED" not in whole_day  # when it last changed is not known


def test_a_calendar_response_is_shown_or_downloaded():
    shown = calendar_response(b"BEGIN:VCALENDAR", "a.ics")
    assert shown["Content-Type"] == "text/calendar; charset=utf-8"
    assert shown["Content-Disposition"] == 'inline; filename="a.ics"'
    saved = calendar_response(b"BEGIN:VCALENDAR", "b.ics", download=True)
    assert saved["Content-Disposition"] == 'attachment; filename="b.ics"'
