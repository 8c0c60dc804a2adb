"""Reporting periods: inclusive start and end dates, and the series the pages need."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


def add_months(day, months):
    """Keep the day of the month, clamped to the target month's last day (kpis.md conventions)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def is_twelve_months(self):
        return self.end == add_months(self.start, 12) - timedelta(days=1)

    @property
    def annualisation(self):
        """Multiplier that turns a count of events in the period into a yearly rate."""
        return 1.0 if self.is_twelve_months else 365 / self.days


def year_to(extract_date):
    """The 12 months to an extract date: the period whose stored values the dashboard shows."""
    return Period(add_months(extract_date + timedelta(days=1), -12), extract_date)


def month_end(day):
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def calendar_months(last_month_end, count):
    """The `count` calendar months ending with the month of `last_month_end`, oldest first."""
    end = month_end(last_month_end)
    out = []
    for k in range(count - 1, -1, -1):
        month_last = month_end(add_months(date(end.year, end.month, 1), -k))
        out.append(Period(date(month_last.year, month_last.month, 1), month_last))
    return out


def rolling_twelve_months(last_month_end, count):
    """12-month windows ending at each of the last `count` month ends, oldest first."""
    out = []
    for period in calendar_months(last_month_end, count):
        start = add_months(period.end + timedelta(days=1), -12)
        out.append(Period(start, period.end))
    return out
