"""The slot finder's side in the hub: participants from the directory, and results worded in
the reader's language (the finder itself, `seminars.scheduling`, is plain Python)."""

import functools
from importlib import resources

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..scheduling import LocalView, SchedulingError

REASONS = {
    "unknown_zone": lambda value: _("“%(value)s” is not a known time zone.") % {"value": value},
    "empty_window": lambda value: _("The earliest hour must come before the latest."),
    "no_participants": lambda value: _("Add at least one participant."),
    "duplicate_label": lambda value: _("Two participants have the same name."),
    "range_reversed": lambda value: _("The last date is before the first."),
    "range_too_long": lambda value: (
        _("Choose at most a year (%(days)d days given).") % {"days": value}
    ),
    "no_weekdays": lambda value: _("Choose at least one weekday."),
    "bad_duration": lambda value: _("A meeting lasts between 15 minutes and 8 hours."),
    "bad_step": lambda value: _("Choose steps of 15, 30 or 60 minutes."),
    "no_days": lambda value: _("The range has no meeting day."),
    "bad_max_times": lambda value: _("Rotate between 1 and 4 different times."),
}


def as_validation_error(error: SchedulingError) -> ValidationError:
    return ValidationError({error.field: REASONS[error.reason](error.value)})


@functools.cache
def single_zone_countries() -> dict[str, str]:
    """Countries with exactly one time zone in the IANA table (KR, FR, AE, JP...): a person's
    country is enough to know their zone there."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text()
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone = line.split("\t")[:3]
            zones.setdefault(country, []).append(zone)
    return {country: found[0] for country, found in zones.items() if len(found) == 1}


def zone_of_person(person, *, use_account: bool = True) -> str | None:
    """The zone the person chose on their account, else their country's only zone."""
    user = person.user if use_account and person.user_id else None
    if user is not None and user.time_zone:
        return user.time_zone
    return single_zone_countries().get(str(person.country or ""))


def hours(minutes: int) -> str:
    """Minutes as hours for people: "1 h 30 min", "2 h", "45 min"."""
    whole, rest = divmod(minutes, 60)
    if whole and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": whole, "minutes": rest}
    if whole:
        return _("%(hours)d h") % {"hours": whole}
    return _("%(minutes)d min") % {"minutes": rest}


def explain(view: LocalView) -> str:
    """One participant's side of a meeting in plain words."""
    participant = view.participant
    window = {
        "earliest": participant.earliest.strftime("%H:%M"),
        "latest": participant.latest.strftime("%H:%M"),
    }
    if view.minutes_early:
        return _("starts %(amount)s before %(earliest)s") % {
            "amount": hours(view.minutes_early),
            **window,
        }
    if view.minutes_late:
        return _("ends %(amount)s after %(latest)s") % {
            "amount": hours(view.minutes_late),
            **window,
        }
    return _("within %(earliest)s–%(latest)s") % window
