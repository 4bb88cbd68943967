"""When the hub is open: weekdays that are no Korean public holiday and no day staff closed."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from nairl.common.bilingual import active_language
from nairl.common.dates import public_holidays

from ..models import ClosedDay

WEEKEND = (5, 6)


def hub_today() -> datetime.date:
    """Today in Seoul (the hub's day, whatever the viewer's time zone)."""
    return timezone.localdate(timezone.now(), timezone=hub_zone())


def hub_zone():
    import zoneinfo

    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def closed_days(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """Every day the hub is closed between two days (both included), with the reason, in the
    reader's language: weekends, public holidays and the closed days staff added (one query)."""
    reasons = {}
    day = start
    while day <= end:
        if day.weekday() in WEEKEND:
            reasons[day] = _("Weekend")
        day += datetime.timedelta(days=1)
    reasons.update(public_holidays(start, end, active_language()))
    for closed in ClosedDay.objects.filter(day__range=(start, end)):
        reasons[closed.day] = str(closed.reason)
    return reasons


def closed_reason(day: datetime.date) -> str | None:
    return closed_days(day, day).get(day)


def reopen_day(*, closed_day: ClosedDay, by) -> None:
    """Opens the hub again on a day staff had closed (past days stay on record)."""
    if closed_day.day < hub_today():
        raise ValidationError(_("A past closed day stays on record."))
    closed_day.delete()
