"""Calendar feeds of talks: all talks, one series, one person's registrations, one talk.

A feed is written in one language (the title in that language, the other language's title in
the description). Feeds are cached; the cache key carries a version read from the database in
one query (how many talks the feed has and when the last of them, or its series or speaker,
changed), so any change to a talk gives a new feed at once. The new feed reuses the serialised
events of the talks that did not change (each kept with the times its talk, series and speaker
last changed), so a feed of a thousand talks is rewritten by serialising the changed ones.
"""

import datetime
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nairl.common.calendars import (
    CalendarEvent,
    CalendarInfo,
    assemble,
    calendar_bytes,
    serialise,
)

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


def cache_key_of(*parts) -> str:
    return "seminars-feed:" + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()


def feed(
    queryset, info: CalendarInfo, url_for: Callable[[str], str], *, cache_key: str | None = None
) -> bytes:
    """The feed's bytes, from the cache when nothing changed since it was written."""
    if cache_key is None:
        talks = feed_talks(queryset).order_by("start", "id")
        return calendar_bytes(info, (talk_event(talk, info.language, url_for) for talk in talks))
    key = cache_key_of(cache_key, info.language, version(queryset), info.source_url)
    cached = cache.get(key)
    if cached is not None:
        return cached
    events = fresh_events(queryset, info.language, url_for, cache_key)
    data = assemble(info, events)
    cache.set(key, data, CACHE_SECONDS)
    return data


def fresh_events(queryset, language: str, url_for, cache_key: str) -> list:
    """The feed's serialised events in order, reusing those of the last build whose talk,
    series and speaker have not changed since (one small query says which)."""
    events_key = cache_key_of("events", cache_key, language, url_for("/"))
    kept = cache.get(events_key) or {}
    stamps = {
        pk: tuple(stamp)
        for pk, *stamp in queryset.order_by("start", "id").values_list(
            "pk", "updated_at", "series__updated_at", "speaker__updated_at"
        )
    }
    changed = [pk for pk, stamp in stamps.items() if kept.get(pk, (None,))[0] != stamp]
    # Most talks changed (or none was kept): read them all rather than a long list of ids.
    source = queryset if len(changed) > len(stamps) // 2 else queryset.filter(pk__in=changed)
    for talk in feed_talks(source):
        if talk.pk in stamps:
            kept[talk.pk] = (stamps[talk.pk], serialise(talk_event(talk, language, url_for)))
    current = {pk: kept[pk] for pk, stamp in stamps.items() if kept.get(pk, (None,))[0] == stamp}
    cache.set(events_key, current, CACHE_SECONDS)
    return [event for _stamp, event in current.values()]


def renew_feed_key(*, user, by) -> FeedToken:
    """A new private feed address for the user; the old one, if any, stops working."""
    with transaction.atomic():
        revoke_feed_keys(user=user, by=by)
        return FeedToken.objects.create(user=user)


def revoke_feed_keys(*, user, by) -> int:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
