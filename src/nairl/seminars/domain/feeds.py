"""Calendar feeds of talks: all talks, one series, one person's registrations, one talk.

A feed is written in one language (the title in that language, the other language's title in
the description). Feeds are cached; the cache key carries a version read from the database in
one query (how many talks the feed has and when the last of them, or its series or speaker,
changed), so any change to a talk gives a new feed at once.
"""

import datetime
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nairl.common.calendars import CalendarEvent, CalendarInfo, calendar_bytes

from ..models import FeedToken, Registration, Talk

# The all-talks and series feeds reach back a year: calendars need no older history.
FEED_HISTORY = datetime.timedelta(days=365)
CACHE_SECONDS = 24 * 3600


def in_language(talk: Talk, field: str, language: str) -> str:
    return getattr(talk, f"{field}_{language}") or getattr(
        talk, f"{field}_{'en' if language == 'ko' else 'ko'}"
    )


def place(talk: Talk) -> str:
    return " · ".join(part for part in (talk.room, talk.online_link) if part)


def talk_event(talk: Talk, language: str, url_for: Callable[[str], str]) -> CalendarEvent:
    """The talk as a calendar event, in `language` (the talk's speaker, series and keywords must
    be loaded)."""
    other = "en" if language == "ko" else "ko"
    with translation.override(language):
        speaker = talk.speaker_name
        lines = [_("Speaker: %(name)s") % {"name": speaker}] if speaker else []
        other_title = getattr(talk, f"title_{other}")
        if other_title and other_title != in_language(talk, "title", language):
            lines.append(other_title)
        abstract = in_language(talk, "abstract", language)
        if abstract:
            lines += ["", abstract]
        if talk.online_link:
            lines += ["", _("Online: %(link)s") % {"link": talk.online_link}]
        if talk.is_cancelled:
            lines.insert(0, _("Cancelled."))
        categories = [in_language(talk.series, "title", language)]
        categories += [area.code for area in talk.keywords.all()]
    return CalendarEvent(
        uid=talk.ical_uid,
        start=talk.start,
        end=talk.end,
        zone=talk.time_zone,
        summary=in_language(talk, "title", language),
        stamp=talk.updated_at,
        sequence=talk.sequence,
        description="\n".join(lines),
        location=place(talk),
        url=url_for(talk.get_absolute_url()),
        categories=categories,
        cancelled=talk.is_cancelled,
    )


def feed_talks(queryset):
    return queryset.select_related("series", "speaker").prefetch_related("keywords")


def recent_and_upcoming(queryset):
    return queryset.filter(start__gte=timezone.now() - FEED_HISTORY)


def personal_talks(user):
    """The published talks a person registered for (a seat or the waiting list)."""
    registered = Registration.objects.filter(user=user, status__in=Registration.ACTIVE)
    return Talk.objects.published().filter(pk__in=registered.values("talk_id"))


def version(queryset) -> str:
    """Changes whenever a talk of the feed (or its series or speaker) changes, or one is added
    or removed."""
    found = queryset.aggregate(
        count=Count("id"),
        talks=Max("updated_at"),
        series=Max("series__updated_at"),
        speakers=Max("speaker__updated_at"),
    )
    return "|".join(str(found[key]) for key in ("count", "talks", "series", "speakers"))


def feed(
    queryset, info: CalendarInfo, url_for: Callable[[str], str], *, cache_key: str | None = None
) -> bytes:
    """The feed's bytes, from the cache when nothing changed since it was written."""
    if cache_key is not None:
        parts = f"{cache_key}:{info.language}:{version(queryset)}:{info.source_url}"
        key = "seminars-feed:" + hashlib.sha256(parts.encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
    talks = feed_talks(queryset).order_by("start", "id")
    data = calendar_bytes(info, (talk_event(talk, info.language, url_for) for talk in talks))
    if cache_key is not None:
        cache.set(key, data, CACHE_SECONDS)
    return data


def renew_feed_key(*, user, by) -> FeedToken:
    """A new private feed address for the user; the old one, if any, stops working."""
    with transaction.atomic():
        revoke_feed_keys(user=user, by=by)
        return FeedToken.objects.create(user=user)


def revoke_feed_keys(*, user, by) -> int:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
