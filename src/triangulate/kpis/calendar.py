"""Working days: Monday to Friday except England and Wales bank holidays.

The bank holidays come from the maintained `holidays` package (subdivision ENG), not a
hand-typed list. `wd(a, b)` = number of working days d with a < d <= b, computed as
index(b) - index(a) where index(d) counts working days up to and including d.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
import pyarrow as pa

FIRST_YEAR, LAST_YEAR = 1990, 2040


@lru_cache(maxsize=4)
def bank_holidays(first_year=FIRST_YEAR, last_year=LAST_YEAR):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1)))


def is_working_day(day):
    return day.weekday() < 5 and day not in bank_holidays()


def wd(a, b):
    """Working days d with a < d <= b (negative if b is before a). Plain Python, for tests and checks."""
    if b < a:
        return -wd(b, a)
    return sum(1 for n in range(1, (b - a).days + 1) if is_working_day(a + timedelta(days=n)))


@lru_cache(maxsize=4)
def calendar_table(first_year=FIRST_YEAR, last_year=LAST_YEAR):
    """One row per day: day (date32), wd_index (working days from the calendar's start up to and including day)."""
    off = bank_holidays(first_year, last_year)
    day, end = date(first_year, 1, 1), date(last_year, 12, 31)
    days, index, count = [], [], 0
    while day <= end:
        if day.weekday() < 5 and day not in off:
            count += 1
        days.append(day)
        index.append(count)
        day += timedelta(days=1)
    return pa.table({"day": pa.array(days, pa.date32()), "wd_index": pa.array(index, pa.int32())})
