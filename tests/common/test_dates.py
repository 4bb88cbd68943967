import datetime

from nairl.common.dates import each_day, korean_holidays, overlaps, public_holidays, week_of


def test_ranges_are_inclusive_and_cross_month_and_year_ends():
    days = list(each_day(datetime.date(2027, 12, 30), datetime.date(2028, 1, 2)))
    assert days == [datetime.date(2027, 12, 30) + datetime.timedelta(days=n) for n in range(4)]
    assert list(each_day(datetime.date(2028, 2, 28), datetime.date(2028, 3, 1)))[1] == (
        datetime.date(2028, 2, 29)
    )
    assert list(each_day(datetime.date(2028, 1, 2), datetime.date(2028, 1, 1))) == []


def test_overlaps_share_a_day_or_not():
    d = datetime.date
    assert overlaps(d(2027, 1, 1), d(2027, 1, 5), d(2027, 1, 5), d(2027, 1, 9))
    assert not overlaps(d(2027, 1, 1), d(2027, 1, 4), d(2027, 1, 5), d(2027, 1, 9))
    assert overlaps(d(2027, 1, 3), d(2027, 1, 3), d(2027, 1, 1), d(2027, 1, 9))


def test_week_of_runs_monday_to_sunday():
    monday, sunday = week_of(datetime.date(2027, 1, 1))  # a Friday
    assert monday == datetime.date(2026, 12, 28) and sunday == datetime.date(2027, 1, 3)


def test_korean_holidays_include_lunar_and_substitute_days_in_both_languages():
    ko = korean_holidays(2025, "ko")
    en = korean_holidays(2025, "en")
    assert ko[datetime.date(2025, 1, 29)] == "설날"
    assert en[datetime.date(2025, 10, 6)] == "Chuseok"
    assert "Alternative" in en[datetime.date(2025, 3, 3)]  # Independence Day fell on a Saturday
    assert set(ko) == set(en)


def test_public_holidays_across_a_year_end():
    found = public_holidays(datetime.date(2025, 12, 20), datetime.date(2026, 1, 5), "en")
    assert datetime.date(2025, 12, 25) in found and datetime.date(2026, 1, 1) in found
