"""Every KPI gives the same figures on Spark as on DuckDB (SQLFrame), over a synthetic council; and the
children behind a measure (kpis/children.py) are the same rows on both, with the same dates and days overdue.

Needs the `[spark]` extra and Java; skipped otherwise. Marked `spark` so it can be run alone:
    .venv/bin/python -m pytest -m spark
"""

import math
import os
import shutil
import sys
from datetime import date

import pytest

from triangulate.kpis import children
from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period, calendar_months, year_to

from .helpers import table
from .timescale_rows import AT, LISTS, d

pyspark = pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
pytestmark = pytest.mark.spark

if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Spark's Python workers must be this same interpreter (the machine's default python3 may be older).
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("triangulate-conformance")
               .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def council():
    from triangulate.synth.journeys import generate

    return generate(3_000, 11, date(2025, 3, 31))


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def on_spark(spark, tables, population):
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    return Engine(tables, population=population, session=spark, functions=F, window=Window)


def test_every_kpi_matches_between_duckdb_and_spark(spark, council):
    tables = council
    periods = [Period(date(2024, 4, 1), date(2025, 3, 31))] + calendar_months(date(2025, 3, 31), 2)
    duck = Engine(tables, population=3_000).run(periods, by="team")
    sparked = on_spark(spark, tables, 3_000).run(periods, by="team")
    differences = []
    for kpi_id, figures in duck.kpis.items():
        for i, (a, b) in enumerate(zip(figures, sparked.kpis[kpi_id], strict=True)):
            if not all(close(x, y) for x, y in ((a.value, b.value), (a.numerator, b.numerator),
                                                (a.denominator, b.denominator), (a.excluded, b.excluded))):
                differences.append((kpi_id, i, a, b))
    assert differences == []
    assert duck.by_team.keys() == sparked.by_team.keys()


# ---- the children behind a measure ---------------------------------------------------------------------------

# A flow timeliness measure (a row per assessment, working days over 45) and its median (a value per row);
# ICPCs in 15 working days; CP visits (no visit, an unreadable one, one after the end); snapshots of plans and
# of episodes in care in calendar months; measures where a child with several rows counts once, through the
# row that decided ("any episode": CIN plans seen, care visits); the under-fives' health rule; a ratio of
# two lists.
LISTED = ("assessments_within_45wd_pct", "assessment_median_wd", "icpc_within_15wd_pct", "cp_visits_in_timescale_pct",
          "cp_reviews_in_timescale_pct", "cla_reviews_in_timescale_pct", "cin_plan_seen_in_timescale_pct",
          "cla_visits_in_timescale_pct", "cla_health_assessment_pct", "referrals_per_100_contacts")

# The hand-worked extract of 22 April 2025 (timescale_rows.py), and children with two rows the "any episode"
# rule cannot tell apart (same team, both in time): N1 on two CIN plans, L9 in care twice. Which row a
# list shows is decided by worker then dates (kpis/frames.one_row_per_child), so on both engines N1's is
# Ann's: seen 14 April, wd(14 Apr, 22 Apr) = 4 (Good Friday and Easter Monday off), 16 to spare of 20.
TIED = {
    6: [{"child_id": "N1", "allocated_team": "North", "allocated_worker": "Zed", "cin_start": d(2, 1),
         "case_status": "CIN plan", "last_seen": d(4, 16)},
        {"child_id": "N1", "allocated_team": "North", "allocated_worker": "Ann", "cin_start": d(1, 1),
         "case_status": "CIN plan", "last_seen": d(4, 14)}],
    8: [{"child_id": "L9", "allocated_team": "North", "allocated_worker": "Zed", "cla_start": d(1, 1, 2024),
         "legal_status": "C2", "last_visit": d(4, 1), "latest_review": d(12, 1, 2024)},
        {"child_id": "L9", "allocated_team": "North", "allocated_worker": "Ann", "cla_start": d(6, 1, 2024),
         "legal_status": "C2", "last_visit": d(4, 10), "latest_review": d(1, 1)}],
}
HAND_WORKED = {n: table(n, LISTS.get(n, []) + TIED.get(n, [])) for n in (4, 5, 6, 7, 8)}


def shown(listing):
    """What a list shows: its columns, what it leaves out, and every row's facts. Rows are compared as a
    set in a fixed order: rows equally urgent (a child's two assessments) may come in either order."""
    rows = sorted(((r.child_id, r.team, r.worker, r.in_numerator, r.in_denominator, r.values, r.value,
                    r.days_overdue, r.days_unit, r.note, r.counted_in) for r in listing.rows), key=repr)
    return listing.null_reason, listing.columns, listing.excluded, listing.things, rows


@pytest.mark.parametrize("extract", ["synthetic council", "hand-worked"])
def test_the_children_behind_each_measure_are_the_same_rows_on_spark(spark, council, extract):
    tables, population, at = ((council, 3_000, date(2025, 3, 31)) if extract == "synthetic council"
                              else (HAND_WORKED, 10_000, AT))
    periods = [year_to(at)]
    duck, sparked = Engine(tables, population=population), on_spark(spark, tables, population)
    for kpi_id in LISTED:
        expected = children.listing(duck, kpi_id, periods)
        if extract == "synthetic council":
            assert expected.rows, kpi_id  # something to compare
        assert shown(children.listing(sparked, kpi_id, periods)) == shown(expected), kpi_id
    if extract == "hand-worked":
        cin = children.listing(sparked, "cin_plan_seen_in_timescale_pct", periods)
        last_seen = [c.key for c in cin.columns].index("last_seen")
        assert [(r.child_id, r.worker, r.values[last_seen], r.days_overdue) for r in cin.rows] == [
            ("N1", "Ann", d(4, 14), -16)]
