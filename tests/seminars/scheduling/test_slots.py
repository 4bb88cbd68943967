"""The slot finder's facts: local views, daylight-saving changes, ranking, bad input."""

import datetime
import subprocess
import sys
import zoneinfo

import pytest

from nairl.seminars.scheduling import Participant, SchedulingError, find_slots, occurrence

UTC = datetime.UTC
SEOUL, TORONTO, PARIS, ABU_DHABI = (
    Participant("Seoul", "Asia/Seoul"),
    Participant("Toronto", "America/Toronto"),
    Participant("Paris", "Europe/Paris"),
    Participant("Abu Dhabi", "Asia/Dubai"),
)


def at_utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    "local_start, early, late",
    [
        ((10, 0), 0, 0),  # inside 09:00-18:00
        ((17, 0), 0, 0),  # ends exactly at 18:00
        ((7, 0), 120, 0),  # starts two hours before the day
        ((8, 30), 30, 0),  # overlaps the start of the day
        ((17, 30), 0, 30),  # runs over the end of the day
        ((20, 0), 0, 180),  # ends three hours after the day
        ((1, 0), 480, 0),  # 01:00: 8 h before 09:00, as far as 8 h after 18:00 (ties read early)
        ((23, 0), 0, 360),  # 23:00-24:00: 6 h after the day ends
    ],
)
def test_inconvenience_is_how_far_outside_the_hours_a_meeting_reaches(local_start, early, late):
    seoul = zoneinfo.ZoneInfo("Asia/Seoul")
    start = datetime.datetime(2026, 1, 15, *local_start, tzinfo=seoul).astimezone(UTC)
    view = SEOUL.view(start, start + datetime.timedelta(hours=1))
    assert (view.minutes_early, view.minutes_late) == (early, late)
    assert view.inconvenience == early + late


def test_a_meeting_is_seen_in_every_participants_local_time():
    meeting = occurrence(
        [SEOUL, TORONTO, PARIS, ABU_DHABI],
        datetime.date(2026, 1, 15),
        datetime.time(22),
        "Asia/Seoul",
        60,
    )
    assert meeting.start == at_utc(2026, 1, 15, 13)
    local = {view.participant.label: view.start.strftime("%H:%M %z") for view in meeting.views}
    assert local == {
        "Seoul": "22:00 +0900",
        "Toronto": "08:00 -0500",  # winter: EST
        "Paris": "14:00 +0100",  # winter: CET
        "Abu Dhabi": "17:00 +0400",
    }
    assert meeting.worst == 300  # Seoul: ends at 23:00, 5 h after 18:00
    assert meeting.total == 300 + 60  # Toronto: starts 1 h before 09:00


@pytest.mark.parametrize(
    "before, after, label, moved",
    [
        # Paris leaves summer time on Sunday 26 October 2025 and enters it on 29 March 2026.
        (datetime.date(2025, 10, 23), datetime.date(2025, 10, 30), "Paris", -60),
        (datetime.date(2026, 3, 26), datetime.date(2026, 4, 2), "Paris", 60),
        # Toronto leaves it on Sunday 2 November 2025 and enters it on 8 March 2026.
        (datetime.date(2025, 10, 30), datetime.date(2025, 11, 6), "Toronto", -60),
        (datetime.date(2026, 3, 5), datetime.date(2026, 3, 12), "Toronto", 60),
    ],
)
def test_daylight_saving_moves_local_times_on_the_right_dates(before, after, label, moved):
    participants = [SEOUL, TORONTO, PARIS]
    times = {}
    for day in (before, after):
        meeting = occurrence(participants, day, datetime.time(22), "Asia/Seoul", 60)
        times[day] = {view.participant.label: view.start for view in meeting.views}
    shift = times[after][label].hour * 60 - times[before][label].hour * 60
    assert shift == moved
    assert times[after]["Seoul"].hour == times[before]["Seoul"].hour == 22
    # the UTC instant is the same: only the participant's clock changed
    assert times[after][label].utcoffset() - times[before][label].utcoffset() == (
        datetime.timedelta(minutes=moved)
    )


def test_the_weekly_slot_lists_where_daylight_saving_shifts_it():
    thursdays = find_slots(
        [SEOUL, TORONTO, PARIS],
        datetime.date(2025, 10, 20),
        datetime.date(2026, 4, 10),
        reference_zone="Asia/Seoul",
        weekdays=[3],
    )
    option = next(o for o in thursdays if o.at == datetime.time(22))
    shifts = [(s.day, s.participant.label, s.minutes) for s in option.shifts()]
    assert shifts == [
        (datetime.date(2025, 10, 30), "Paris", -60),
        (datetime.date(2025, 11, 6), "Toronto", -60),
        (datetime.date(2026, 3, 12), "Toronto", 60),
        (datetime.date(2026, 4, 2), "Paris", 60),
    ]


def test_a_series_in_a_zone_with_daylight_saving_keeps_its_own_clock():
    # A Paris series at 18:00: Seoul sees it at 01:00 in summer and 02:00 in winter.
    summer = occurrence([SEOUL], datetime.date(2026, 3, 30), datetime.time(18), "Europe/Paris", 60)
    winter = occurrence([SEOUL], datetime.date(2026, 3, 27), datetime.time(18), "Europe/Paris", 60)
    assert summer.start == at_utc(2026, 3, 30, 16)
    assert winter.start == at_utc(2026, 3, 27, 17)
    assert summer.views[0].start.hour == 1 and winter.views[0].start.hour == 2


def test_a_local_time_the_clocks_skip_moves_forward_by_the_gap():
    # 02:30 does not exist in Paris on 29 March 2026 (02:00 -> 03:00).
    meeting = occurrence(
        [PARIS], datetime.date(2026, 3, 29), datetime.time(2, 30), "Europe/Paris", 60
    )
    assert meeting.start == at_utc(2026, 3, 29, 1, 30)
    assert meeting.views[0].start.strftime("%H:%M") == "03:30"


def test_slots_are_ranked_by_the_worst_then_the_total():
    participants = [SEOUL, TORONTO, PARIS, ABU_DHABI]
    options = find_slots(
        participants,
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 27),
        reference_zone="Asia/Seoul",
        weekdays=[1, 3],
    )
    assert len(options) == 2 * 48
    keys = [(o.worst, o.total) for o in options]
    assert keys == sorted(keys)
    # checked against a brute-force reading of every option's meetings
    best = options[0]
    assert best.worst == min(max(m.worst for m in o.occurrences) for o in options)
    assert best.burdens == {
        p.label: sum(
            v.inconvenience for m in best.occurrences for v in m.views if v.participant == p
        )
        for p in participants
    }
    # Seoul and Toronto share the pain: neither is spared at the other's expense
    first = best.occurrences[0]
    by_label = {view.participant.label: view for view in first.views}
    # (in winter they are 14 h apart: 3 h late in Seoul, 3 h early in Toronto)
    assert by_label["Seoul"].minutes_late == by_label["Toronto"].minutes_early == 180
    assert best.worst == 180


@pytest.mark.parametrize(
    "call, field, reason",
    [
        (lambda: Participant("X", "Mars/Olympus"), "zone", "unknown_zone"),
        (
            lambda: Participant("X", "Asia/Seoul", datetime.time(18), datetime.time(9)),
            "hours",
            "empty_window",
        ),
        (
            lambda: find_slots(
                [], datetime.date(2026, 1, 1), datetime.date(2026, 1, 2), reference_zone="UTC"
            ),
            "participants",
            "no_participants",
        ),
        (
            lambda: find_slots(
                [SEOUL], datetime.date(2026, 2, 1), datetime.date(2026, 1, 1), reference_zone="UTC"
            ),
            "last_date",
            "range_reversed",
        ),
        (
            lambda: find_slots(
                [SEOUL], datetime.date(2026, 1, 1), datetime.date(2027, 6, 1), reference_zone="UTC"
            ),
            "last_date",
            "range_too_long",
        ),
        (
            lambda: find_slots(
                [SEOUL, SEOUL],
                datetime.date(2026, 1, 1),
                datetime.date(2026, 1, 2),
                reference_zone="UTC",
            ),
            "participants",
            "duplicate_label",
        ),
        (
            lambda: find_slots(
                [SEOUL],
                datetime.date(2026, 1, 1),
                datetime.date(2026, 1, 2),
                reference_zone="Nowhere/City",
            ),
            "reference_zone",
            "unknown_zone",
        ),
        (
            lambda: find_slots(
                [SEOUL],
                datetime.date(2026, 1, 1),
                datetime.date(2026, 1, 2),
                reference_zone="UTC",
                duration_minutes=5,
            ),
            "duration_minutes",
            "bad_duration",
        ),
    ],
)
def test_bad_input_is_refused_with_its_facts(call, field, reason):
    with pytest.raises(SchedulingError) as refused:
        call()
    assert (refused.value.field, refused.value.reason) == (field, reason)


def test_the_finder_imports_no_django():
    code = (
        "import sys, datetime; from nairl.seminars.scheduling import Participant, find_slots; "
        "find_slots([Participant('a', 'Asia/Seoul')], datetime.date(2026, 1, 1), "
        "datetime.date(2026, 1, 8), reference_zone='UTC'); "
        "assert not [m for m in sys.modules if m.startswith('django')], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
