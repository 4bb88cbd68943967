"""A rotation of meeting times for a recurring series that shares the inconvenience fairly.

Each meeting of the season may take one of a few times of day (in the series' zone). The plan
minimises, in this order: the season total of the most burdened participant (the worst-off),
the worst single meeting anyone suffers, then the other participants' totals from the heaviest
down (so the load is shared, not just capped), then the overall total, then how many different
times people must remember. Every fixed slot is itself a rotation of one time and the search
starts from the best of them, so a rotation is never worse for the worst-off participant than
any fixed slot.
"""

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .slots import (
    Occurrence,
    Participant,
    SchedulingError,
    check_inputs,
    day_times,
    occurrence,
)

POOL = 8  # fixed times the rotation chooses from (the best by themselves)
MAX_PASSES = 50


@dataclass(frozen=True)
class Rotation:
    meetings: tuple[Occurrence, ...]
    times: tuple[datetime.time, ...]  # the distinct times used, in the series' zone
    zone: str
    burdens: dict  # participant label -> minutes over the season
    best_fixed_time: datetime.time
    best_fixed_burdens: dict
    best_fixed_worst: int

    @property
    def heaviest_burden(self) -> int:
        return max(self.burdens.values(), default=0)

    @property
    def worst(self) -> int:
        return max((meeting.worst for meeting in self.meetings), default=0)

    @property
    def best_fixed_heaviest_burden(self) -> int:
        return max(self.best_fixed_burdens.values(), default=0)


def objective(burdens: Sequence[int], worst: int, distinct: int) -> tuple:
    ordered = tuple(sorted(burdens, reverse=True))
    return (ordered[0], worst, ordered, sum(burdens), distinct)


def score(table, choice: Sequence[int]) -> tuple:
    """The objective (smaller is better) of choosing option `choice[d]` on day d."""
    burdens = [
        sum(column) for column in zip(*(table[d][o] for d, o in enumerate(choice)), strict=True)
    ]
    worst = max(max(table[d][o]) for d, o in enumerate(choice))
    return objective(burdens, worst, len(set(choice)))


def improve(table, choice: list[int], allowed: Sequence[int]) -> list[int]:
    """Changes one meeting's time at a time while that makes the plan better."""
    choice = list(choice)
    best = score(table, choice)
    burdens = [
        sum(column) for column in zip(*(table[d][o] for d, o in enumerate(choice)), strict=True)
    ]
    day_worst = [max(table[d][o]) for d, o in enumerate(choice)]
    for _pass in range(MAX_PASSES):
        better = False
        for day in range(len(choice)):
            current = table[day][choice[day]]
            others_worst = max(day_worst[:day] + day_worst[day + 1 :], default=0)
            for option in allowed:
                if option == choice[day]:
                    continue
                candidate = table[day][option]
                trial_burdens = [
                    b - old + new for b, old, new in zip(burdens, current, candidate, strict=True)
                ]
                distinct = len(set(choice[:day] + [option] + choice[day + 1 :]))
                trial = objective(trial_burdens, max(others_worst, max(candidate)), distinct)
                if trial < best:
                    best, better = trial, True
                    choice[day], burdens, current = option, trial_burdens, candidate
                    day_worst[day] = max(candidate)
        if not better:
            break
    return choice


def plan_rotation(
    participants: Sequence[Participant],
    days: Sequence[datetime.date],
    *,
    reference_zone: str,
    duration_minutes: int = 60,
    step_minutes: int = 30,
    max_times: int = 3,
) -> Rotation:
    """A time for each meeting day (a date in `reference_zone`), from at most `max_times`
    different times of day."""
    check_inputs(participants, duration_minutes)
    days = sorted(set(days))
    if not days:
        raise SchedulingError("days", "no_days")
    if not 1 <= max_times <= 4:
        raise SchedulingError("max_times", "bad_max_times", max_times)
    times = day_times(step_minutes)
    labels = [p.label for p in participants]
    meetings = [
        [occurrence(participants, day, at, reference_zone, duration_minutes) for at in times]
        for day in days
    ]
    table = [
        [[view.inconvenience for view in meeting.views] for meeting in row] for row in meetings
    ]
    fixed = sorted(range(len(times)), key=lambda t: score(table, [t] * len(days)))
    best_fixed = fixed[0]
    best_choice, best_score = [best_fixed] * len(days), score(table, [best_fixed] * len(days))
    pool = fixed[:POOL]
    for size in range(2, max_times + 1):
        for allowed in itertools.combinations(pool, size):
            start = min(allowed, key=lambda t: score(table, [t] * len(days)))
            choice = improve(table, [start] * len(days), allowed)
            choice_score = score(table, choice)
            if choice_score < best_score:
                best_choice, best_score = choice, choice_score
    chosen = tuple(meetings[day][option] for day, option in enumerate(best_choice))
    fixed_meetings = [meetings[day][best_fixed] for day in range(len(days))]
    return Rotation(
        meetings=chosen,
        times=tuple(times[t] for t in sorted(set(best_choice))),
        zone=reference_zone,
        burdens=burdens_of(labels, chosen),
        best_fixed_time=times[best_fixed],
        best_fixed_burdens=burdens_of(labels, fixed_meetings),
        best_fixed_worst=max(meeting.worst for meeting in fixed_meetings),
    )


def burdens_of(labels, meetings) -> dict:
    burdens = dict.fromkeys(labels, 0)
    for meeting in meetings:
        for view in meeting.views:
            burdens[view.participant.label] += view.inconvenience
    return burdens
