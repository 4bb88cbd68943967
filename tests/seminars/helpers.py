"""Builders for seminar tests: series and talks (through the domain verbs), registrations."""

import datetime
import itertools

from django.utils import timezone

from nairl.people.models import ExpertiseArea
from nairl.seminars.domain.registrations import register
from nairl.seminars.domain.talks import create_series, create_talk
from nairl.seminars.models import Series, Talk

_serial = itertools.count(1)


def make_series(*, organisers=(), partners=(), **fields) -> Series:
    number = next(_serial)
    series = Series(
        code=fields.pop("code", f"series-{number}"),
        title_en=fields.pop("title_en", f"Seminar series {number}"),
        title_ko=fields.pop("title_ko", f"세미나 시리즈 {number}"),
        **fields,
    )
    return create_series(
        series=series, organisers=list(organisers), partners=list(partners), by=None
    )


def in_days(days: float, hour: int | None = None) -> datetime.datetime:
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(minute=0, second=0, microsecond=0) if hour is None else moment


def make_talk(series=None, *, start=None, minutes=60, keywords=(), **fields) -> Talk:
    number = next(_serial)
    start = start or in_days(7)
    talk = Talk(
        series=series or make_series(),
        title_en=fields.pop("title_en", f"Talk {number}"),
        title_ko=fields.pop("title_ko", f"발표 {number}"),
        guest_name=fields.pop("guest_name", "" if fields.get("speaker") else f"Guest {number}"),
        start=start,
        end=fields.pop("end", start + datetime.timedelta(minutes=minutes)),
        **fields,
    )
    areas = ExpertiseArea.objects.filter(code__in=list(keywords))
    return create_talk(talk=talk, keywords=list(areas), by=None)


def seat(talk, number: int, *, language="en", user=None):
    """A registration made by a signed-in person (a seat or the waiting list at once)."""
    from factories import make_user

    user = user or make_user(f"attendee{talk.pk}-{number}-{next(_serial)}", language=language)
    return register(
        talk=talk, name=f"Attendee {number}", email=user.email, language=language, user=user
    )
