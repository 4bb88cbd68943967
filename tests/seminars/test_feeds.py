"""Calendar feeds parsed back with icalendar: names, time zones, UIDs, SEQUENCE, cancelled
talks, categories, source and refresh; daylight saving in Paris and Toronto; caching that
follows every change; private feeds and their revocation."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import make_person, make_user
from nairl.people.models import ExpertiseArea
from nairl.seminars.domain.feeds import renew_feed_key, revoke_feed_keys
from nairl.seminars.domain.talks import cancel_talk, update_series, update_talk
from nairl.seminars.models import Talk

from .helpers import in_days, make_series, make_talk, seat

pytestmark = pytest.mark.django_db
PARIS, TORONTO = zoneinfo.ZoneInfo("Europe/Paris"), zoneinfo.ZoneInfo("America/Toronto")


def parsed(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_all_talks_feed_names_itself_and_has_a_source_and_refresh(client):
    make_talk(title_en="Scaling beyond the curve", title_ko="곡선 너머의 확장")
    english = parsed(client.get("/seminars/calendar.ics?lang=en"))
    assert english.calendar_name == "NAIRL seminars"
    assert str(english["X-WR-CALNAME"]) == "NAIRL seminars"
    assert english.source == "http://testserver/seminars/calendar.ics?lang=en"
    assert english.refresh_interval == datetime.timedelta(hours=1)
    assert str(english["X-PUBLISHED-TTL"].to_ical().decode()) == "PT1H"
    assert [str(e["SUMMARY"]) for e in english.walk("VEVENT")] == ["Scaling beyond the curve"]
    korean = parsed(client.get("/seminars/calendar.ics?lang=ko"))
    assert [str(e["SUMMARY"]) for e in korean.walk("VEVENT")] == ["곡선 너머의 확장"]
    assert korean.calendar_name == "NAIRL 세미나"  # the feed's name in its language


def test_every_zone_used_has_its_vtimezone_and_times_keep_their_zone(client):
    series = make_series()
    paris = make_talk(
        series, start=datetime.datetime(2027, 3, 29, 18, tzinfo=PARIS), time_zone="Europe/Paris"
    )
    toronto = make_talk(
        series, start=datetime.datetime(2027, 11, 8, 9, tzinfo=TORONTO), time_zone="America/Toronto"
    )
    seoul = make_talk(series, start=in_days(30), time_zone="Asia/Seoul")
    calendar = parsed(client.get(f"/seminars/series/{series.pk}/calendar.ics"))
    assert sorted(tz.tz_name for tz in calendar.timezones) == [
        "America/Toronto",
        "Asia/Seoul",
        "Europe/Paris",
    ]
    assert calendar.get_missing_tzids() == set()
    events = events_by_uid(calendar)
    paris_event = events[paris.ical_uid]
    assert paris_event["DTSTART"].params["TZID"] == "Europe/Paris"
    # 29 March 2027 is after Paris's spring change: 18:00 is UTC+2
    assert paris_event.start == datetime.datetime(2027, 3, 29, 18, tzinfo=PARIS)
    assert paris_event.start.utcoffset() == datetime.timedelta(hours=2)
    assert paris_event.start.astimezone(datetime.UTC).hour == 16
    toronto_event = events[toronto.ical_uid]
    # 8 November 2027 is after Toronto's autumn change: 09:00 is UTC-5
    assert toronto_event.start.utcoffset() == datetime.timedelta(hours=-5)
    assert toronto_event.start.astimezone(datetime.UTC).hour == 14
    assert events[seoul.ical_uid].start == seoul.start


@pytest.mark.parametrize(
    "zone, before, after, offsets",
    [
        ("Europe/Paris", (2027, 3, 26), (2027, 3, 29), (1, 2)),  # change on 28 March 2027
        ("Europe/Paris", (2027, 10, 29), (2027, 11, 1), (2, 1)),  # change on 31 October 2027
        ("America/Toronto", (2027, 3, 12), (2027, 3, 15), (-5, -4)),  # change on 14 March 2027
        ("America/Toronto", (2027, 11, 5), (2027, 11, 8), (-4, -5)),  # change on 7 November 2027
    ],
)
def test_the_same_wall_clock_time_either_side_of_a_daylight_saving_change(
    client, zone, before, after, offsets
):
    tz = zoneinfo.ZoneInfo(zone)
    series = make_series(time_zone=zone)
    talks = [
        make_talk(series, start=datetime.datetime(*day, 17, 30, tzinfo=tz), time_zone=zone)
        for day in (before, after)
    ]
    events = events_by_uid(parsed(client.get(f"/seminars/series/{series.pk}/calendar.ics")))
    for talk, hours in zip(talks, offsets, strict=True):
        event = events[talk.ical_uid]
        assert (event.start.hour, event.start.minute) == (17, 30)  # what the organiser wrote
        assert event.start.utcoffset() == datetime.timedelta(hours=hours)
        assert event.start == talk.start  # the same instant as stored (UTC)
    # the VTIMEZONE carries the change between the two talks
    vtimezone = next(
        tz for tz in parsed(client.get(f"/seminars/series/{series.pk}/calendar.ics")).timezones
    )
    transitions = [str(sub["DTSTART"].dt.date()) for sub in vtimezone.subcomponents]
    assert any(before <= tuple(map(int, day.split("-"))) <= after for day in transitions)


def test_uids_are_stable_and_sequence_rises_on_change(client):
    talk = make_talk(capacity=10, room="Hall A")
    first = events_by_uid(parsed(client.get("/seminars/calendar.ics")))[talk.ical_uid]
    assert int(first["SEQUENCE"]) == 0
    talk.room = "Hall B"
    update_talk(talk=talk, by=None)
    second = events_by_uid(parsed(client.get("/seminars/calendar.ics")))[talk.ical_uid]
    assert int(second["SEQUENCE"]) == 1
    assert str(second["LOCATION"]) == "Hall B"
    talk.start += datetime.timedelta(hours=2)
    talk.end += datetime.timedelta(hours=2)
    update_talk(talk=talk, by=None)
    third = events_by_uid(parsed(client.get("/seminars/calendar.ics")))[talk.ical_uid]
    assert int(third["SEQUENCE"]) == 2
    assert third.start == talk.start
    assert Talk.objects.get(pk=talk.pk).status == Talk.Status.MOVED
    # an edit that changes nothing a calendar shows keeps the sequence
    talk.refresh_from_db()
    talk.slides_url = "https://example.org/slides.pdf"
    update_talk(talk=talk, by=None)
    assert Talk.objects.get(pk=talk.pk).sequence == 2


def test_a_cancelled_talk_stays_in_the_feed_as_cancelled(client):
    talk = make_talk()
    cancel_talk(talk=talk, by=None)
    event = events_by_uid(parsed(client.get("/seminars/calendar.ics")))[talk.ical_uid]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_categories_are_the_series_and_the_keywords(client):
    series = make_series(
        title_en="Robot foundation models seminar", title_ko="로봇 파운데이션 모델 세미나"
    )
    talk = make_talk(series, keywords=["cs.RO", "cs.LG"])
    english = events_by_uid(parsed(client.get("/seminars/calendar.ics?lang=en")))[talk.ical_uid]
    assert english.categories == ["Robot foundation models seminar", "cs.LG", "cs.RO"]
    korean = events_by_uid(parsed(client.get("/seminars/calendar.ics?lang=ko")))[talk.ical_uid]
    assert korean.categories[0] == "로봇 파운데이션 모델 세미나"
    assert str(english["URL"]) == f"http://testserver/seminars/talks/{talk.pk}/"


def test_new_keywords_alone_show_in_the_next_cached_feed(client):
    talk = make_talk(keywords=["cs.RO"])
    client.get("/seminars/calendar.ics?lang=en")  # cached
    update_talk(
        talk=Talk.objects.get(pk=talk.pk),
        keywords=list(ExpertiseArea.objects.filter(code="cs.LG")),
        by=None,
    )
    event = events_by_uid(parsed(client.get("/seminars/calendar.ics?lang=en")))[talk.ical_uid]
    assert event.categories[1:] == ["cs.LG"]


def test_unpublished_and_old_talks_are_not_in_the_public_feed(client):
    shown = make_talk()
    hidden = make_talk(is_published=False)
    old = make_talk(start=in_days(-400))
    uids = set(events_by_uid(parsed(client.get("/seminars/calendar.ics"))))
    assert shown.ical_uid in uids
    assert hidden.ical_uid not in uids and old.ical_uid not in uids


def test_the_cached_feed_changes_as_soon_as_a_talk_changes(client):
    talk = make_talk(title_en="Before")
    assert b"SUMMARY:Before" in client.get("/seminars/calendar.ics?lang=en").content
    with CaptureQueriesContext(connection) as cached:
        client.get("/seminars/calendar.ics?lang=en")
    # a cached answer reads one row of versions, not the talks
    assert len([q for q in cached.captured_queries if "seminars_talk" in q["sql"]]) == 1
    talk.title_en = "After"
    update_talk(talk=talk, by=None)
    content = client.get("/seminars/calendar.ics?lang=en").content
    assert b"SUMMARY:After" in content and b"SUMMARY:Before" not in content
    # a speaker's new name shows too
    speaker = make_person("Ada Lovelace")
    talk.speaker, talk.guest_name = speaker, ""
    update_talk(talk=talk, by=None)
    speaker.name_en = "Ada King"
    speaker.save()
    assert b"Ada King" in client.get("/seminars/calendar.ics?lang=en").content


def rebuild_after_one_change(client, talks):
    """The queries of the first feed request after one of `talks` changed, and its content."""
    client.get("/seminars/calendar.ics?lang=en")
    changed = talks[1]
    changed.title_en = "Renamed"
    update_talk(talk=changed, by=None)
    with CaptureQueriesContext(connection) as rebuilt:
        content = client.get("/seminars/calendar.ics?lang=en").content
    return rebuilt.captured_queries, content


def test_a_rebuilt_feed_rewrites_only_the_changed_talk_and_equals_a_full_build(client):
    from django.core.cache import cache

    series = make_series()
    talks = [make_talk(series, title_en=f"Talk {n}", keywords=["cs.LG"]) for n in range(3)]
    queries, content = rebuild_after_one_change(client, talks)
    loads = [q["sql"] for q in queries if '"seminars_talk"."abstract_en"' in q["sql"]]
    assert len(loads) == 1 and f'"seminars_talk"."id" IN ({talks[1].pk})' in loads[0]
    assert b"SUMMARY:Renamed" in content and b"SUMMARY:Talk 1" not in content
    cache.clear()
    assert client.get("/seminars/calendar.ics?lang=en").content == content
    # as many queries for thirty talks as for three: no per-talk work but the changed one's
    talks += [make_talk(series, keywords=["cs.LG"]) for _ in range(27)]
    more_queries, content = rebuild_after_one_change(client, talks)
    assert len(more_queries) == len(queries)
    cache.clear()
    assert client.get("/seminars/calendar.ics?lang=en").content == content


def test_a_talk_saved_before_the_last_build_but_committed_after_it_is_rebuilt(client):
    """A transaction that saved a talk, then committed after the feed was built from a talk saved
    later: the talk's change time is older than the version the feed was built from."""
    late, other = make_talk(title_en="Late"), make_talk(title_en="Other")
    client.get("/seminars/calendar.ics?lang=en")
    built_from = Talk.objects.get(pk=other.pk).updated_at
    Talk.objects.filter(pk=late.pk).update(
        title_en="Committed late", updated_at=built_from - datetime.timedelta(seconds=30)
    )
    other.title_en = "Other, renamed"
    update_talk(talk=other, by=None)
    content = client.get("/seminars/calendar.ics?lang=en").content
    assert b"SUMMARY:Committed late" in content and b"SUMMARY:Other\\, renamed" in content


def test_a_renamed_series_and_an_unpublished_talk_show_in_the_next_feed(client):
    from django.core.cache import cache

    series = make_series(title_en="Old name")
    kept, hidden = make_talk(series), make_talk(series)
    url = f"/seminars/series/{series.pk}/calendar.ics?lang=en"
    assert hidden.ical_uid in events_by_uid(parsed(client.get(url)))
    series.title_en = "New name"
    update_series(series=series, by=None)
    hidden.is_published = False
    update_talk(talk=hidden, by=None)
    response = client.get(url)
    events = events_by_uid(parsed(response))
    assert set(events) == {kept.ical_uid}
    assert events[kept.ical_uid].categories == ["New name"]
    cache.clear()
    assert client.get(url).content == response.content


def test_a_new_talk_appears_in_the_cached_feed(client):
    make_talk(title_en="First")
    client.get("/seminars/calendar.ics?lang=en")
    make_talk(title_en="Second")
    assert b"SUMMARY:Second" in client.get("/seminars/calendar.ics?lang=en").content


def test_the_personal_feed_holds_the_talks_registered_for(client):
    user = make_user("ada", language="ko")
    mine, other, cancelled_place = make_talk(), make_talk(), make_talk()
    seat(mine, 0, user=user)
    from nairl.seminars.domain.registrations import cancel_registration

    cancel_registration(registration=seat(cancelled_place, 1, user=user))
    key = renew_feed_key(user=user, by=None)
    calendar = parsed(client.get(key.get_absolute_url()))
    assert set(events_by_uid(calendar)) == {mine.ical_uid}
    assert calendar.calendar_name  # in the person's language (Korean)
    assert other.ical_uid not in events_by_uid(calendar)


def test_a_revoked_feed_address_says_so_and_a_new_one_works(client):
    user = make_user("ada", language="en")
    old = renew_feed_key(user=user, by=None)
    new = renew_feed_key(user=user, by=None)  # the old address stops working
    refused = client.get(old.get_absolute_url())
    assert refused.status_code == 410
    assert "revoked" in refused.content.decode()
    assert client.get(new.get_absolute_url()).status_code == 200
    revoke_feed_keys(user=user, by=None)
    assert client.get(new.get_absolute_url()).status_code == 410
    assert client.get("/seminars/calendar/forged-key.ics").status_code == 404


def test_one_talk_as_an_ics_file(client):
    talk = make_talk(time_zone="Europe/Paris")
    response = client.get(f"/seminars/talks/{talk.pk}/talk.ics")
    calendar = parsed(response)
    assert "attachment" in response["Content-Disposition"]
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [talk.ical_uid]
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Paris"]


@pytest.mark.parametrize("path", ["/seminars/calendar.ics", "series"])
def test_feeds_make_as_many_queries_for_thirty_talks_as_for_one(client, settings, path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    series = make_series()
    url = path if path.startswith("/") else f"/seminars/series/{series.pk}/calendar.ics"

    def add(count):
        for _ in range(count):
            make_talk(series, speaker=make_person(), guest_name="", keywords=["cs.LG"])

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(29)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(parsed(response).walk("VEVENT")) == 30
    assert len(many.captured_queries) == len(few.captured_queries)
