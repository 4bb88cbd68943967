"""Days and ranges of days (inclusive at both ends, as people say "from 3 to 7 March"), and the
Korean public holidays, computed offline by the `holidays` package (lunar ones and substitute
holidays included)."""

import datetime
from collections.abc import Iterator
from functools import lru_cache

import holidays

HOLIDAY_LANGUAGES = {"ko": "ko", "en": "en_US"}
MAX_YEARS = 50  # a range longer than this is a typo, not a plan


def each_day(start: datetime.date, end: datetime.date) -> Iterator[datetime.date]:
    """Every day from `start` to `end`, both included (none when end is before start)."""
    for offset in range((end - start).days + 1):
        yield start + datetime.timedelta(days=offset)


def overlaps(
    start: datetime.date, end: datetime.date, other_start: datetime.date, other_end: datetime.date
) -> bool:
    """Whether two inclusive ranges of days share a day."""
    return start <= other_end and other_start <= end


def within(day: datetime.date, start: datetime.date, end: datetime.date) -> bool:
    return start <= day <= end


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Monday and Sunday of the day's week."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


@lru_cache(maxsize=128)
def korean_holidays(year: int, language: str = "ko") -> dict[datetime.date, str]:
    """Korea's public holidays of a year, named in Korean or English."""
    names = holidays.country_holidays(
        "KR", years=[year], language=HOLIDAY_LANGUAGES.get(language, "ko")
    )
    return dict(sorted(names.items()))


def public_holidays(
    start: datetime.date, end: datetime.date, language: str = "ko"
) -> dict[datetime.date, str]:
    """The Korean public holidays between two days, both included."""
    if end.year - start.year > MAX_YEARS:
        raise ValueError("range too long")
    found = {}
    for year in range(start.year, end.year + 1):
        for day, name in korean_holidays(year, language).items():
            if start <= day <= end:
                found[day] = name
    return found
