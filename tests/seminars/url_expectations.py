"""Permission-walk expectations for nairl.seminars: pages, feeds and API.

Hub staff run the seminars (the series' organisers too, but they hold no walking role). Series
and published talks are public; an unpublished talk exists only for those who run it. The
walking researcher owns one registration; registrations are seen by their owner and the staff.
Private links (confirm, cancel, personal feed) work for whoever holds them, signed in or not.
"""

from factories import make_person, make_user
from nairl.common.roles import Role
from nairl.seminars.domain.feeds import renew_feed_key, revoke_feed_keys
from nairl.seminars.domain.registrations import register
from permission_expectations import API_ANONYMOUS, STAFF, Case, everyone, only, signed_in

from .helpers import in_days, make_series, make_talk


def objects(users):
    organiser = make_person("Walk Organiser", user=make_user("seminar-organiser"))
    series = make_series(organisers=[organiser], code="walk-series")
    public = make_talk(series, start=in_days(10), capacity=5, title_en="Walk talk")
    hidden = make_talk(series, start=in_days(12), is_published=False, title_en="Hidden talk")
    researcher = users[Role.RESEARCHER]
    mine = register(
        talk=public, name="Walk Researcher", email=researcher.email, language="en", user=researcher
    )
    guest = register(talk=public, name="Walk Guest", email="guest@example.org", language="ko")
    revoked_owner = make_user("seminar-revoked")
    revoked = renew_feed_key(user=revoked_owner, by=None)
    revoke_feed_keys(user=revoked_owner, by=None)
    return {
        "seminar_series": series,
        "seminar_talk": public,
        "seminar_hidden_talk": hidden,
        "seminar_registration": mine,
        "seminar_guest_registration": guest,
        "seminar_feed_key": renew_feed_key(user=researcher, by=None),
        "seminar_revoked_key": revoked,
    }


def pk_of(key):
    return lambda world: {"pk": world[key].pk}


def link(key, purpose, forged=False):
    def kwargs(world):
        registration = world[key]
        token = "0" * 40 if forged else registration.token(purpose)
        return {"pk": registration.pk, "token": token}

    return kwargs


def feed_key(key):
    return lambda world: {"key": world[key].key}


staff_page = only(*STAFF)
staff_post = only(*STAFF, allowed=400)
hidden = {**everyone(404), Role.HUB_STAFF: 200, Role.ADMINISTRATOR: 200}
hidden_staff_page = {**only(*STAFF, denied=404)}
# The owner (the researcher) and the staff see a registration; to others it does not exist.
owner_or_staff = {
    **everyone(404),
    Role.RESEARCHER: 200,
    Role.HUB_STAFF: 200,
    Role.ADMINISTRATOR: 200,
}

EXPECTATIONS = {
    "seminars:upcoming": Case(everyone(200)),
    "seminars:past": Case(everyone(200)),
    "seminars:series-list": Case(everyone(200)),
    "seminars:series": Case(everyone(200), kwargs=pk_of("seminar_series")),
    "seminars:series-create": [Case(staff_page), Case(staff_post, method="post", data={})],
    "seminars:series-edit": [
        Case(staff_page, kwargs=pk_of("seminar_series")),
        Case(staff_post, kwargs=pk_of("seminar_series"), method="post", data={}),
    ],
    "seminars:talk-create": [
        Case(staff_page, kwargs=pk_of("seminar_series")),
        Case(staff_post, kwargs=pk_of("seminar_series"), method="post", data={}),
    ],
    "seminars:series-calendar": Case(everyone(200), kwargs=pk_of("seminar_series")),
    "seminars:talk": [
        Case(everyone(200), kwargs=pk_of("seminar_talk"), label="published"),
        Case(hidden, kwargs=pk_of("seminar_hidden_talk"), label="unpublished"),
    ],
    "seminars:talk-edit": [
        Case(staff_page, kwargs=pk_of("seminar_talk")),
        Case(staff_post, kwargs=pk_of("seminar_talk"), method="post", data={}),
        Case(hidden_staff_page, kwargs=pk_of("seminar_hidden_talk"), label="unpublished"),
    ],
    "seminars:talk-cancel": [
        Case(staff_page, kwargs=pk_of("seminar_talk")),
        Case(hidden_staff_page, kwargs=pk_of("seminar_hidden_talk"), label="unpublished"),
    ],
    "seminars:talk-ics": [
        Case(everyone(200), kwargs=pk_of("seminar_talk")),
        Case(hidden, kwargs=pk_of("seminar_hidden_talk"), label="unpublished"),
    ],
    "seminars:register": [
        Case(everyone(200), kwargs=pk_of("seminar_talk")),
        Case(everyone(400), kwargs=pk_of("seminar_talk"), method="post", data={}),
        Case(hidden, kwargs=pk_of("seminar_hidden_talk"), label="unpublished"),
    ],
    "seminars:registrations": Case(staff_page, kwargs=pk_of("seminar_talk")),
    "seminars:registration-confirm": [
        Case(everyone(200), kwargs=link("seminar_guest_registration", "confirm")),
        Case(everyone(404), kwargs=link("seminar_guest_registration", "confirm", forged=True)),
    ],
    "seminars:registration-cancel": [
        Case(everyone(200), kwargs=link("seminar_guest_registration", "cancel")),
        Case(everyone(404), kwargs=link("seminar_guest_registration", "cancel", forged=True)),
        # a token for confirming does not cancel
        Case(everyone(404), kwargs=link("seminar_guest_registration", "confirm")),
    ],
    # The owner cancels (302 back to the talk); staff may too (a second cancel is refused with a
    # message, still a redirect); anyone else finds no such registration.
    "seminars:registration-cancel-own": Case(
        {
            **owner_or_staff,
            Role.RESEARCHER: 302,
            Role.HUB_STAFF: 302,
            Role.ADMINISTRATOR: 302,
            "anonymous": 302,
        },
        kwargs=pk_of("seminar_registration"),
        method="post",
    ),
    "seminars:check-in": Case(
        {
            **everyone(404),
            Role.RESEARCHER: 403,
            Role.HUB_STAFF: 302,
            Role.ADMINISTRATOR: 302,
            "anonymous": 302,
        },
        kwargs=pk_of("seminar_registration"),
        method="post",
    ),
    "seminars:calendar": Case(everyone(200)),
    "seminars:personal-calendar": [
        Case(everyone(200), kwargs=feed_key("seminar_feed_key"), label="active"),
        Case(everyone(410), kwargs=feed_key("seminar_revoked_key"), label="revoked"),
        Case(everyone(404), kwargs={"key": "no-such-key"}, label="unknown"),
    ],
    "seminars:calendars": Case(everyone(200)),
    "seminars:feed-key": Case(signed_in(302), method="post"),
    "seminars:feed-revoke": Case(signed_in(302), method="post"),
    "seminars:slot-finder": Case(everyone(200)),
    # API
    "seminars-series-list": [
        Case(everyone(200)),
        Case(only(*STAFF, allowed=400, anonymous=API_ANONYMOUS), method="post", data={}),
    ],
    "seminars-series-detail": [
        Case(everyone(200), kwargs=pk_of("seminar_series")),
        Case(
            only(*STAFF, anonymous=API_ANONYMOUS),
            kwargs=pk_of("seminar_series"),
            method="patch",
            data={},
        ),
    ],
    "seminars-talk-list": [
        Case(everyone(200)),
        Case(only(*STAFF, allowed=400, anonymous=API_ANONYMOUS), method="post", data={}),
    ],
    "seminars-talk-detail": [
        Case(everyone(200), kwargs=pk_of("seminar_talk")),
        Case(hidden, kwargs=pk_of("seminar_hidden_talk"), label="unpublished"),
        Case(
            only(*STAFF, anonymous=API_ANONYMOUS),
            kwargs=pk_of("seminar_talk"),
            method="patch",
            data={},
        ),
    ],
    "seminars-registration-list": [
        Case(everyone(200)),
        Case({**everyone(400), "anonymous": API_ANONYMOUS}, method="post", data={}),
    ],
    "seminars-registration-detail": Case(owner_or_staff, kwargs=pk_of("seminar_registration")),
    # The owner cancels; staff then find it already cancelled (400); others see nothing.
    "seminars-registration-cancel": Case(
        {
            **owner_or_staff,
            Role.HUB_STAFF: 400,
            Role.ADMINISTRATOR: 400,
            "anonymous": API_ANONYMOUS,
        },
        kwargs=pk_of("seminar_registration"),
        method="post",
    ),
    "seminars-registration-check-in": Case(
        {
            **owner_or_staff,
            Role.RESEARCHER: 403,
            Role.ADMINISTRATOR: 400,
            "anonymous": API_ANONYMOUS,
        },
        kwargs=pk_of("seminar_registration"),
        method="post",
    ),
}
