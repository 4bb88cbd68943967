"""Talks: the verb other modules call to schedule a speaker's talk; versions for calendars."""

import datetime
import zoneinfo

import pytest

from factories import make_person
from nairl.seminars.domain.talks import schedule_talk, update_talk
from nairl.seminars.models import Talk

from ..helpers import make_series, make_talk

pytestmark = pytest.mark.django_db
TORONTO = zoneinfo.ZoneInfo("America/Toronto")


def test_a_speaker_and_a_title_become_an_unpublished_talk_at_the_next_usual_slot():
    series = make_series(
        weekday=0, usual_time=datetime.time(8), time_zone="America/Toronto", default_capacity=30
    )
    last = make_talk(series, start=datetime.datetime(2030, 11, 4, 8, tzinfo=TORONTO))
    speaker = make_person("Accepted Applicant")
    talk = schedule_talk(series=series, speaker=speaker, title_en="From my application", by=None)
    assert not talk.is_published and talk.speaker == speaker and talk.capacity == 30
    # the Monday after the last talk, 08:00 in Toronto (after the November change: UTC-5)
    assert talk.local_start == datetime.datetime(2030, 11, 11, 8, tzinfo=TORONTO)
    assert talk.start.astimezone(datetime.UTC).hour == 13
    assert talk.end - talk.start == datetime.timedelta(minutes=60)
    assert talk.start > last.start


def test_a_guest_talk_for_a_series_without_a_usual_time():
    series = make_series(weekday=None, usual_time=None)
    talk = schedule_talk(series=series, guest_name="Visiting Guest", title_ko="초청 강연", by=None)
    assert talk.local_start.time() == datetime.time(10)
    assert Talk.objects.filter(pk=talk.pk, is_published=False).exists()


def test_only_changes_a_calendar_shows_raise_the_sequence():
    talk = make_talk()
    talk.capacity = 99
    update_talk(talk=talk, by=None)
    assert Talk.objects.get(pk=talk.pk).sequence == 0
    talk.title_ko = "새 제목"
    update_talk(talk=talk, by=None)
    assert Talk.objects.get(pk=talk.pk).sequence == 1
