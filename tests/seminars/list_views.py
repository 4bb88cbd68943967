"""Seminar list pages, endpoints and feeds for the query-count test
(tests/common/test_query_counts.py)."""

import itertools

from django.contrib.auth import get_user_model

from factories import make_institution, make_person, make_user
from list_views import ListView
from nairl.common.roles import Role
from nairl.seminars.domain.feeds import renew_feed_key
from nairl.seminars.domain.registrations import register
from nairl.seminars.models import FeedToken, Series

from .helpers import in_days, make_series, make_talk

_numbers = itertools.count(7000)


def user_named(username: str, *roles):
    return get_user_model().objects.filter(username=username).first() or make_user(username, *roles)


def attendee():
    return user_named("seminar-list-attendee", Role.RESEARCHER)


def the_series() -> Series:
    return Series.objects.filter(code="list-series").first() or make_series(
        code="list-series", organisers=[make_person("List Organiser")]
    )


def add_talks(count: int, *, days_from_now: int = 5) -> None:
    """Talks with a directory speaker, keywords and a registration (every third unpublished)."""
    for _ in range(count):
        number = next(_numbers)
        talk = make_talk(
            the_series(),
            start=in_days(days_from_now + number % 40),
            speaker=make_person(f"Speaker {number}", institutions=[make_institution()]),
            guest_name="",
            is_published=number % 3 != 0,
            keywords=["cs.LG", "cs.RO"],
            capacity=10,
        )
        if talk.is_published and days_from_now > 0:
            user = attendee()
            register(talk=talk, name="List Attendee", email=user.email, language="en", user=user)


def add_past_talks(count: int) -> None:
    add_talks(count, days_from_now=-60)


def add_series(count: int) -> None:
    for _ in range(count):
        series = make_series(organisers=[make_person()], partners=[make_institution()])
        make_talk(series, start=in_days(3))


def add_registrations(count: int) -> None:
    talk = the_talk()
    for _ in range(count):
        number = next(_numbers)
        register(
            talk=talk, name=f"Guest {number}", email=f"guest{number}@example.org", language="ko"
        )


def the_talk():
    series = the_series()
    return series.talks.filter(title_en="Registrations list talk").first() or make_talk(
        series, title_en="Registrations list talk", start=in_days(20), capacity=10
    )


def personal_feed_url() -> str:
    token = FeedToken.objects.filter(user=attendee(), revoked_at__isnull=True).first()
    token = token or renew_feed_key(user=attendee(), by=None)
    return token.get_absolute_url()


VIEWERS = [("anonymous", "anonymous"), ("researcher", Role.RESEARCHER), ("staff", Role.HUB_STAFF)]
LISTS = [
    ("seminars:upcoming", "/seminars/", add_talks),
    ("seminars:upcoming", "/seminars/?q=talk&status=scheduled", add_talks),
    ("seminars:past", "/seminars/past/", add_past_talks),
    ("seminars-talk-list", "/api/v1/seminars/talks/", add_talks),
    ("seminars-series-list", "/api/v1/seminars/series/", add_series),
    ("seminars:series-list", "/seminars/series/", add_series),
]
LIST_VIEWS = [
    ListView(name, url, add, role=role, label=f"{label} {url}")
    for name, url, add in LISTS
    for label, role in VIEWERS
] + [
    ListView("seminars:series", lambda: the_series().get_absolute_url(), add_talks),
    ListView(
        "seminars:series",
        lambda: the_series().get_absolute_url(),
        add_talks,
        role=Role.HUB_STAFF,
        label="staff",
    ),
    ListView(
        "seminars:registrations",
        lambda: f"/seminars/talks/{the_talk().pk}/registrations/",
        add_registrations,
        role=Role.HUB_STAFF,
    ),
    ListView(
        "seminars-registration-list",
        "/api/v1/seminars/registrations/",
        add_registrations,
        role=Role.HUB_STAFF,
    ),
    ListView(
        "seminars-registration-list",
        "/api/v1/seminars/registrations/",
        add_talks,
        viewer=attendee,
        label="own",
    ),
    ListView("seminars:personal-calendar", personal_feed_url, add_talks, label="feed"),
]
