"""Working days: Monday to Friday except England and Wales bank holidays.

The bank holidays come from the maintained `holidays` package (subdivision ENG), not a
hand-typed list; working them out for 51 years takes the package most of a second, so the dates
are kept in the disk cache (keyed by the package's version) and read from there afterwards.
`wd(a, b)` = number of working days d with a < d <= b, computed as index(b) - index(a) where
index(d) counts working days up to and including d.
"""

from datetime import date, timedelta
from functools import lru_cache
from importlib import metadata

import pyarrow as pa

from . import diskcache

FIRST_YEAR, LAST_YEAR = 1990, 2040


@lru_cache(maxsize=4)
def bank_holidays(first_year=FIRST_YEAR, last_year=LAST_YEAR):
    name = f"bank-holidays-ENG-{metadata.version('holidays')}-{first_year}-{last_year}.json"
    cached = diskcache.read_json(name)
    if isinstance(cached, list):
        try:
            return frozenset(date.fromisoformat(day) for day in cached)
        except (TypeError, ValueError):
            pass  # a corrupt file: work them out again
    import holidays

    days = frozenset(holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1)))
    diskcache.write_json(name, sorted(day.isoformat() for day in days))
    return days


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
    # days as numbers since 1970-01-01 (Arrow's date32): building a column of date objects is slower
    epoch = date(1970, 1, 1)
    off = {(day - epoch).days for day in bank_holidays(first_year, last_year)}
    first = (date(first_year, 1, 1) - epoch).days
    last = (date(last_year, 12, 31) - epoch).days
    index, worked = [], 0
    for n in range(first, last + 1):
        if (n + 3) % 7 < 5 and n not in off:  # 1970-01-01 was a Thursday (Monday = 0)
            worked += 1
        index.append(worked)
    days = pa.array(range(first, last + 1), pa.int32()).cast(pa.date32())
    return pa.table({"day": days, "wd_index": pa.array(index, pa.int32())})
