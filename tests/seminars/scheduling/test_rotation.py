"""The rotation is fair: its worst-off participant is never worse off than with any fixed
slot, it shares the load when no single time suits everyone, and it follows daylight saving."""

import datetime
import random

import pytest

from nairl.seminars.scheduling import Participant, SchedulingError, occurrence, plan_rotation
from nairl.seminars.scheduling.slots import day_times

SEOUL_TORONTO_PARIS_ABU_DHABI = [
    Participant("Seoul", "Asia/Seoul"),
    Participant("Toronto", "America/Toronto"),
    Participant("Paris", "Europe/Paris"),
    Participant("Abu Dhabi", "Asia/Dubai"),
]
# Three cities eight hours apart: whatever the time, someone is far outside their day.
AROUND_THE_WORLD = [
    Participant("Seoul", "Asia/Seoul"),
    Participant("Paris", "Europe/Paris"),
    Participant("San Francisco", "America/Los_Angeles"),
]
ZONES = [
    "Asia/Seoul",
    "America/Toronto",
    "Europe/Paris",
    "Asia/Dubai",
    "America/Vancouver",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Australia/Sydney",
]


def season(first: datetime.date, weeks: int) -> list[datetime.date]:
    """A weekly series across both daylight-saving changes of the northern autumn."""
    return [first + datetime.timedelta(weeks=n) for n in range(weeks)]


AUTUMN = season(datetime.date(2025, 9, 4), 16)  # Thursdays, September to December


def fixed_slot_burdens(participants, days, zone):
    """Every fixed time of day, measured independently: (time, worst-off total, worst meeting)."""
    results = []
    for at in day_times(30):
        meetings = [occurrence(participants, day, at, zone, 60) for day in days]
        totals = {p.label: 0 for p in participants}
        for meeting in meetings:
            for view in meeting.views:
                totals[view.participant.label] += view.inconvenience
        results.append((at, max(totals.values()), max(m.worst for m in meetings)))
    return results


def random_participants(seed: int) -> list[Participant]:
    rng = random.Random(seed)
    chosen = rng.sample(ZONES, rng.randint(2, 4))
    people = []
    for zone in chosen:
        start = rng.randint(7, 10)
        people.append(
            Participant(zone, zone, datetime.time(start), datetime.time(start + rng.randint(8, 11)))
        )
    return people


@pytest.mark.parametrize(
    "participants",
    [
        SEOUL_TORONTO_PARIS_ABU_DHABI,
        AROUND_THE_WORLD,
        *[random_participants(seed) for seed in range(6)],
    ],
    ids=["seoul-toronto-paris-abu-dhabi", "around-the-world", *[f"random-{s}" for s in range(6)]],
)
def test_the_rotations_worst_off_participant_is_no_worse_than_any_fixed_slots(participants):
    rotation = plan_rotation(participants, AUTUMN, reference_zone="Asia/Seoul")
    fixed = fixed_slot_burdens(participants, AUTUMN, "Asia/Seoul")
    assert rotation.heaviest_burden <= min(heaviest for _at, heaviest, _worst in fixed)
    # what the rotation reports about the best fixed slot is true
    best_time, best_heaviest, _ = min(fixed, key=lambda row: (row[1], row[2]))
    assert rotation.best_fixed_heaviest_burden == best_heaviest
    # its burdens are those of its own meetings
    for participant in participants:
        assert rotation.burdens[participant.label] == sum(
            view.inconvenience
            for meeting in rotation.meetings
            for view in meeting.views
            if view.participant == participant
        )
    assert len(rotation.meetings) == len(AUTUMN)
    assert [
        meeting.start.astimezone(meeting.views[0].start.tzinfo) for meeting in rotation.meetings
    ]


def test_when_no_time_suits_everyone_the_rotation_shares_the_inconvenient_hours():
    rotation = plan_rotation(AROUND_THE_WORLD, AUTUMN, reference_zone="Asia/Seoul")
    assert rotation.heaviest_burden < rotation.best_fixed_heaviest_burden
    # every city carries part of the load: nobody is spared while another takes it all
    shares = sorted(rotation.burdens.values())
    assert shares[0] > 0
    assert shares[-1] - shares[0] <= shares[-1] // 3
    assert 2 <= len(rotation.times) <= 3


def test_the_rotation_follows_daylight_saving_for_seoul_and_toronto():
    rotation = plan_rotation(SEOUL_TORONTO_PARIS_ABU_DHABI, AUTUMN, reference_zone="Asia/Seoul")
    # Toronto's clocks go back on 2 November: the Seoul time that is fair moves an hour too,
    # so the rotation beats any one fixed Seoul time on the season's worst-off total.
    assert rotation.heaviest_burden < rotation.best_fixed_heaviest_burden
    seoul_hours = {
        meeting.start.date(): next(
            v for v in meeting.views if v.participant.label == "Seoul"
        ).start.hour
        for meeting in rotation.meetings
    }
    before = {hour for day, hour in seoul_hours.items() if day < datetime.date(2025, 11, 2)}
    after = {hour for day, hour in seoul_hours.items() if day > datetime.date(2025, 11, 2)}
    assert before != after
    # Seoul and Toronto end the season with the same load; Paris and Abu Dhabi are never troubled
    assert rotation.burdens["Seoul"] == rotation.burdens["Toronto"]
    assert rotation.burdens["Paris"] == rotation.burdens["Abu Dhabi"] == 0


def test_the_rotation_keeps_to_the_number_of_times_asked():
    for most in (1, 2, 3):
        rotation = plan_rotation(
            AROUND_THE_WORLD, AUTUMN, reference_zone="Asia/Seoul", max_times=most
        )
        assert len(rotation.times) <= most
    single = plan_rotation(AROUND_THE_WORLD, AUTUMN, reference_zone="Asia/Seoul", max_times=1)
    assert single.heaviest_burden == single.best_fixed_heaviest_burden


@pytest.mark.parametrize(
    "kwargs, field, reason",
    [
        ({"max_times": 9}, "max_times", "bad_max_times"),
        ({"duration_minutes": 0}, "duration_minutes", "bad_duration"),
        ({"step_minutes": 7}, "step_minutes", "bad_step"),
    ],
)
def test_bad_rotation_input_is_refused(kwargs, field, reason):
    with pytest.raises(SchedulingError) as refused:
        plan_rotation(AROUND_THE_WORLD, AUTUMN, reference_zone="Asia/Seoul", **kwargs)
    assert (refused.value.field, refused.value.reason) == (field, reason)


def test_a_rotation_needs_meeting_days():
    with pytest.raises(SchedulingError) as refused:
        plan_rotation(AROUND_THE_WORLD, [], reference_zone="Asia/Seoul")
    assert refused.value.reason == "no_days"
