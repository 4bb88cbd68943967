"""Calendar feeds of talks: all talks, one series, one person's registrations, one talk.

A feed is written in one language (the title in that language, the other language's title in
the description). Feeds are cached with a version read from the database in one query (how many
talks the feed has and when the last of them, or its series or speaker, changed), so any change
to a talk gives a new feed at once. The new feed reuses the serialised events of the talks that
did not change (each kept with the times its talk, series and speaker last changed), so a feed
of a thousand talks is rewritten by serialising the changed ones.
"""

import datetime
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Q
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


def version(queryset) -> tuple:
    """Changes whenever a talk of the feed (or its series or speaker) changes, or one is added
    or removed: the count, and the latest change of a talk, a series and a speaker."""
    found = queryset.aggregate(
        count=Count("id"),
        talks=Max("updated_at"),
        series=Max("series__updated_at"),
        speakers=Max("speaker__updated_at"),
    )
    return tuple(found[key] for key in ("count", "talks", "series", "speakers"))


def cache_key_of(*parts) -> str:
    return "seminars-feed:" + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()


def feed(
    queryset, info: CalendarInfo, url_for: Callable[[str], str], *, cache_key: str | None = None
) -> bytes:
    """The feed's bytes, from the cache when nothing changed since it was written."""
    if cache_key is None:
        talks = feed_talks(queryset).order_by("start", "id")
        return calendar_bytes(info, (talk_event(talk, info.language, url_for) for talk in talks))
    # One entry per feed, replaced when the feed changes (not one per version left to expire).
    key = cache_key_of(cache_key, info.language, info.source_url)
    current = version(queryset)
    cached = cache.get(key)
    if cached is not None and cached[0] == current:
        return cached[1]
    data = assemble(info, fresh_events(queryset, info.language, url_for, cache_key))
    cache.set(key, (current, data), CACHE_SECONDS)
    return data


# What a talk's event is made from changes with these times (kept with the event).
STAMPED = ("updated_at", "series__updated_at", "speaker__updated_at")
# A talk saved by a transaction still open when the last build read the talks has a change time
# before that build: talks changed this long before it (transactions, app servers' clocks apart)
# are checked again.
RECHECK = datetime.timedelta(minutes=10)


def stamp(*times) -> str:
    return "|".join(map(str, times))


def changed_since(moment: datetime.datetime) -> Q:
    """The talks whose talk, series or speaker changed at `moment` or later."""
    return (
        Q(updated_at__gte=moment)
        | Q(series__updated_at__gte=moment)
        | Q(speaker__updated_at__gte=moment)
    )


def fresh_events(queryset, language: str, url_for, cache_key: str) -> list:
    """The feed's serialised events in order. The last build's are kept with their talks'
    stamps, so only the talks new to the feed or changed since that build are read and
    serialised again: three small queries (the feed's ids in order, the stamps of the talks
    changed lately, the stale talks) and no per-talk work for the others."""
    events_key = cache_key_of("events", cache_key, language, url_for("/"))
    started = timezone.now()
    last_build, kept = cache.get(events_key) or (None, {})
    order = list(queryset.order_by("start", "id").values_list("pk", flat=True))
    stale = {pk for pk in order if pk not in kept}
    if last_build is not None:
        lately = queryset.filter(changed_since(last_build - RECHECK)).values_list("pk", *STAMPED)
        stale.update(pk for pk, *times in lately if kept.get(pk, ("",))[0] != stamp(*times))
    if stale:
        # Most talks are stale (or none was kept): read them all rather than a long id list.
        source = queryset if len(stale) > len(order) // 2 else queryset.filter(pk__in=stale)
        for talk in feed_talks(source):
            speaker_time = talk.speaker.updated_at if talk.speaker_id else None
            kept[talk.pk] = (
                stamp(talk.updated_at, talk.series.updated_at, speaker_time),
                *serialise(talk_event(talk, language, url_for)),
            )
    # Plain tuples, so that keeping a thousand events pickles in a millisecond or two.
    events = {pk: kept[pk] for pk in order if pk in kept}
    cache.set(events_key, (started, events), CACHE_SECONDS)
    return [event[1:] for event in events.values()]


def renew_feed_key(*, user, by) -> FeedToken:
    """A new private feed address for the user; the old one, if any, stops working."""
    with transaction.atomic():
        revoke_feed_keys(user=user, by=by)
        return FeedToken.objects.create(user=user)


def revoke_feed_keys(*, user, by) -> int:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
