"""What can be done to series and talks, whoever asks (page, API, command, demo or another
module: the calls module schedules accepted talk applications with `schedule_talk`)."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Registration, Series, Talk
from .notifications import notify_registrants
from .registrations import promote

# A change to one of these is a new version of the talk in people's calendars (SEQUENCE).
CALENDAR_FIELDS = (
    "start",
    "end",
    "time_zone",
    "room",
    "online_link",
    "status",
    "title_ko",
    "title_en",
    "abstract_ko",
    "abstract_en",
    "speaker_id",
    "guest_name",
)
# A change to one of these is news for the registrants (an email in their language).
SCHEDULE_FIELDS = ("start", "end", "time_zone", "room", "online_link")


def create_series(*, series: Series, organisers=None, partners=None, by) -> Series:
    series.full_clean()
    series.save()
    set_series_links(series, organisers, partners)
    return series


def update_series(*, series: Series, organisers=None, partners=None, by) -> Series:
    series.full_clean()
    series.save()
    set_series_links(series, organisers, partners)
    return series


def set_series_links(series, organisers, partners) -> None:
    if organisers is not None:
        series.organisers.set(organisers)
    if partners is not None:
        series.partners.set(partners)


def create_talk(*, talk: Talk, keywords=None, by) -> Talk:
    talk.full_clean()
    talk.save()
    if keywords is not None:
        talk.keywords.set(keywords)
    return talk


def update_talk(*, talk: Talk, keywords=None, by) -> Talk:
    """Saves a changed talk. A change people's calendars show raises its SEQUENCE; a new time
    marks it moved; a larger capacity seats people from the waiting list; registrants are told
    of a new time or place."""
    with transaction.atomic():
        before = Talk.objects.select_for_update().get(pk=talk.pk)
        seated = before.registrations.filter(status=Registration.Status.SEATED).count()
        if talk.capacity is not None and talk.capacity < seated:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)d people already have a seat; the capacity cannot be lower."
                    )
                    % {"count": seated}
                }
            )
        changed = {name for name in CALENDAR_FIELDS if getattr(talk, name) != getattr(before, name)}
        moved = {"start", "end"} & changed and talk.status == Talk.Status.SCHEDULED
        if moved and before.status != Talk.Status.CANCELLED:
            talk.status = Talk.Status.MOVED
            changed.add("status")
        if changed:
            talk.sequence = before.sequence + 1
        talk.full_clean()
        talk.save()
        if keywords is not None:
            talk.keywords.set(keywords)
        promote(talk)
        if talk.is_cancelled and before.status != Talk.Status.CANCELLED:
            notify_registrants(talk, "talk-cancelled")
        elif set(SCHEDULE_FIELDS) & changed and talk.end > timezone.now():
            notify_registrants(talk, "changed")
    return talk


def cancel_talk(*, talk: Talk, by) -> Talk:
    """Cancels a talk: it stays in the feeds as cancelled, and its registrants are told."""
    if talk.is_cancelled:
        raise ValidationError({"status": _("This talk is already cancelled.")})
    talk.status = Talk.Status.CANCELLED
    return update_talk(talk=talk, by=by)


def next_usual_start(series: Series, after: datetime.datetime) -> datetime.datetime:
    """The series' next usual slot after `after` (its weekday and time in its zone), or the next
    day at its usual time (10:00 without one) for a series without a weekday."""
    tz = zoneinfo.ZoneInfo(series.time_zone)
    at = series.usual_time or datetime.time(10)
    day = after.astimezone(tz).date() + datetime.timedelta(days=1)
    if series.weekday is not None:
        day += datetime.timedelta(days=(series.weekday - day.weekday()) % 7)
    return datetime.datetime.combine(day, at, tzinfo=tz)


def schedule_talk(
    *,
    series: Series,
    speaker=None,
    guest_name: str = "",
    title_ko: str = "",
    title_en: str = "",
    abstract_ko: str = "",
    abstract_en: str = "",
    by,
) -> Talk:
    """A talk for a speaker and a title (an accepted "talk" application of the calls module, for
    instance), unpublished, at the series' first usual slot after its last talk; organisers then
    check it and publish it."""
    latest = series.talks.order_by("-start").values_list("start", flat=True).first()
    start = next_usual_start(series, max(filter(None, [latest, timezone.now()])))
    talk = Talk(
        series=series,
        speaker=speaker,
        guest_name=guest_name,
        title_ko=title_ko,
        title_en=title_en,
        abstract_ko=abstract_ko,
        abstract_en=abstract_en,
        start=start,
        end=start + datetime.timedelta(minutes=series.duration_minutes),
        time_zone=series.time_zone,
        room=series.default_room,
        online_link=series.default_online_link,
        capacity=series.default_capacity,
        is_published=False,
    )
    return create_talk(talk=talk, by=by)
