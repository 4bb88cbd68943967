import datetime

from nairl.common.icalendar import Event, calendar_feed


def test_a_feed_has_a_name_all_day_and_timed_events_escaped_and_folded():
    stamp = datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
    seoul = datetime.timezone(datetime.timedelta(hours=9))
    feed = calendar_feed(
        "Stays, desks; bookings",
        [
            Event("a@hub", "Desk 7-01", datetime.date(2027, 3, 2), datetime.date(2027, 3, 3)),
            Event(
                "b@hub",
                "세미나: " + "긴 제목 " * 20,
                datetime.datetime(2027, 3, 2, 10, tzinfo=seoul),
                datetime.datetime(2027, 3, 2, 11, tzinfo=seoul),
                categories=("Seminar",),
            ),
        ],
        stamp=stamp,
    )
    assert feed.startswith("BEGIN:VCALENDAR\r\n") and feed.endswith("END:VCALENDAR\r\n")
    assert "X-WR-CALNAME:Stays\\, desks\\; bookings\r\n" in feed
    assert "DTSTART;VALUE=DATE:20270302\r\n" in feed
    assert "DTSTART:20270302T010000Z\r\n" in feed
    for line in feed.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = feed.replace("\r\n ", "")
    assert "SUMMARY:세미나: " + "긴 제목 " * 20 in unfolded
