"""ASYE cohorts and the trend dates (analytics/staffing.py), hand-computed."""

from datetime import date
from decimal import Decimal as D

from triangulate.workforce.analytics.staffing import (
    Spell,
    annual_dates,
    asye_cohorts,
    census_date,
    monthly_dates,
    years_before,
)

ON = date(2025, 9, 30)


def asye(key, started, completed=None, leave=None):
    return Spell(key, "social_worker", D("1"), "permanent", started, leave, (), started, completed)


def test_cohorts():
    spells = [
        asye("a1", date(2022, 9, 1), date(2023, 9, 1), leave=date(2024, 3, 1)),  # left within 12 months of completing
        asye("a2", date(2022, 10, 1), date(2023, 10, 15)),  # stayed 12 months; 24 not yet due
        asye("a3", date(2022, 9, 15), leave=date(2023, 5, 1)),  # left before completing
        asye("a4", date(2025, 9, 1)),  # this year's, running
        asye("a5", date(2025, 10, 1)),  # after the date: not yet known
        Spell("x", "social_worker", D("1"), "permanent", date(2020, 1, 1)),  # no ASYE
    ]
    latest, earlier = asye_cohorts(spells, ON)
    assert (latest.year, latest.started, latest.completed) == (2025, 1, 0)
    assert latest.retained_12.value is None and latest.retained_12.reason
    assert earlier.year == 2022
    assert (earlier.started, earlier.completed, earlier.left_before_completing) == (3, 2, 1)
    assert (earlier.due_12, earlier.stayed_12, earlier.retained_12.value) == (2, 1, 0.5)
    assert (earlier.due_24, earlier.stayed_24, earlier.retained_24.value) == (1, 0, 0.0)


def test_census_date_is_the_latest_30_september():
    assert census_date(date(2025, 9, 30)) == date(2025, 9, 30)
    assert census_date(date(2025, 9, 29)) == date(2024, 9, 30)


def test_annual_dates():
    assert annual_dates(date(2026, 3, 1)) == [date(y, 9, 30) for y in range(2021, 2026)]


def test_monthly_dates():
    days = monthly_dates(date(2025, 3, 15))
    assert len(days) == 12 and days[0] == date(2024, 3, 31) and days[-1] == date(2025, 2, 28)
    assert date(2024, 2, 29) not in days
    assert monthly_dates(date(2025, 2, 28))[-1] == date(2025, 2, 28)
    assert monthly_dates(date(2024, 3, 31))[:2] == [date(2023, 4, 30), date(2023, 5, 31)]


def test_years_before_a_leap_day():
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
    assert years_before(date(2023, 2, 28), -1) == date(2024, 2, 28)
