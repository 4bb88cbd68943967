"""The time-zone-fair slot finder: plain Python (no Django), usable from a notebook or a script.

`find_slots` ranks weekly times over a date range by the worst inconvenience any participant
suffers, then by the total; `plan_rotation` proposes, for a series' meeting dates, a rotation of
a few times that keeps the most burdened participant's season total as low as possible. Every
time is computed from real dates through the IANA time-zone database, so daylight-saving changes
in any participant's zone (or the series' own) are taken into account date by date.

Inconvenience is in minutes: how far outside a participant's acceptable local hours a meeting
reaches (a meeting from 07:00 to 08:00 for someone whose day starts at 09:00 is 120 minutes).
Results carry facts, not sentences: the Django app words them in the reader's language.
"""

from .rotation import Rotation, plan_rotation
from .slots import (
    LocalView,
    Occurrence,
    Participant,
    SchedulingError,
    SlotOption,
    find_slots,
    occurrence,
)

__all__ = [
    "LocalView",
    "Occurrence",
    "Participant",
    "Rotation",
    "SchedulingError",
    "SlotOption",
    "find_slots",
    "occurrence",
    "plan_rotation",
]
