from datetime import date

import pytest

from triangulate.kpis.calendar import calendar_table, is_working_day, wd
from triangulate.kpis.periods import Period, add_months, calendar_months, rolling_twelve_months, year_to


def test_working_days_skip_weekends_and_english_bank_holidays():
    assert not is_working_day(date(2025, 12, 25))   # Christmas Day, Thursday
    assert not is_working_day(date(2025, 12, 26))   # Boxing Day, Friday
    assert not is_working_day(date(2026, 12, 28))   # Boxing Day (substitute day), Monday
    assert not is_working_day(date(2025, 4, 18))    # Good Friday
    assert not is_working_day(date(2025, 4, 21))    # Easter Monday
    assert is_working_day(date(2025, 3, 17))        # St Patrick's Day is a holiday in Northern Ireland only


@pytest.mark.parametrize(("a", "b", "expected"), [
    (date(2025, 1, 6), date(2025, 1, 6), 0),      # same day
    (date(2025, 1, 6), date(2025, 1, 7), 1),      # Monday to Tuesday
    (date(2025, 1, 10), date(2025, 1, 13), 1),    # Friday to Monday: the weekend does not count
    (date(2025, 12, 24), date(2025, 12, 29), 1),  # Wed 24 to Mon 29 Dec: 25, 26 holidays, 27, 28 weekend
    (date(2025, 4, 17), date(2025, 4, 22), 1),    # Thu before Easter to Tue after: Good Friday, Easter Monday off
    (date(2024, 2, 28), date(2024, 3, 1), 2),     # leap day is a working day (Thursday)
])
def test_wd_counts_working_days_after_a_up_to_and_including_b(a, b, expected):
    assert wd(a, b) == expected


def test_the_calendar_table_index_gives_the_same_counts_as_wd():
    table = calendar_table().to_pydict()
    index = dict(zip(table["day"], table["wd_index"], strict=True))
    for a, b in [(date(2025, 12, 24), date(2025, 12, 29)), (date(2024, 1, 1), date(2024, 12, 31))]:
        assert index[b] - index[a] == wd(a, b)
    # 2025 has 261 weekdays; 8 fall on English bank holidays (1 Jan, 18 and 21 Apr, 5 and 26 May, 25 Aug, 25 and 26 Dec)
    assert wd(date(2024, 12, 31), date(2025, 12, 31)) == 253


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), -24, date(2022, 2, 28)),
    (date(2025, 8, 31), -6, date(2025, 2, 28)),
    (date(2025, 3, 15), -3, date(2024, 12, 15)),
])
def test_adding_months_keeps_the_day_clamped_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_a_period_of_exactly_twelve_calendar_months_is_not_annualised():
    assert Period(date(2024, 4, 1), date(2025, 3, 31)).annualisation == 1.0
    assert Period(date(2024, 3, 1), date(2025, 2, 28)).annualisation == 1.0
    assert Period(date(2025, 1, 1), date(2025, 1, 31)).annualisation == 365 / 31
    assert Period(date(2024, 1, 1), date(2024, 12, 30)).annualisation == 365 / 365


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(date(2025, 2, 1), date(2025, 1, 31))


def test_series_of_calendar_months_and_rolling_years():
    months = calendar_months(date(2025, 3, 15), 3)
    assert months == [Period(date(2025, 1, 1), date(2025, 1, 31)), Period(date(2025, 2, 1), date(2025, 2, 28)),
                      Period(date(2025, 3, 1), date(2025, 3, 31))]
    rolling = rolling_twelve_months(date(2025, 3, 31), 2)
    assert rolling == [Period(date(2024, 3, 1), date(2025, 2, 28)), Period(date(2024, 4, 1), date(2025, 3, 31))]
    assert all(p.is_twelve_months for p in rolling)


@pytest.mark.parametrize(("extract_date", "start"), [
    (date(2025, 3, 31), date(2024, 4, 1)),    # a month end: twelve whole calendar months
    (date(2025, 3, 14), date(2024, 3, 15)),   # mid-month: the day after the same date a year before
    (date(2024, 2, 29), date(2023, 3, 1)),    # a leap day: the day after is 1 March, so the year starts 1 March
])
def test_the_year_to_an_extract_date_is_the_twelve_months_ending_on_it(extract_date, start):
    period = year_to(extract_date)
    assert (period.start, period.end) == (start, extract_date)
    assert period.is_twelve_months
