"""Every KPI gives the same figures on Spark as on DuckDB (SQLFrame), over a synthetic council.

Needs the `[spark]` extra and Java; skipped otherwise. Marked `spark` so it can be run alone:
    .venv/bin/python -m pytest -m spark
"""

import math
import os
import shutil
import sys
from datetime import date

import pytest

from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period, calendar_months

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


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def test_every_kpi_matches_between_duckdb_and_spark(spark):
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from triangulate.synth.journeys import generate

    tables = generate(3_000, 11, date(2025, 3, 31))
    periods = [Period(date(2024, 4, 1), date(2025, 3, 31))] + calendar_months(date(2025, 3, 31), 2)
    duck = Engine(tables, population=3_000).run(periods, by="team")
    sparked = Engine(tables, population=3_000, session=spark, functions=F, window=Window).run(periods, by="team")
    differences = []
    for kpi_id, figures in duck.kpis.items():
        for i, (a, b) in enumerate(zip(figures, sparked.kpis[kpi_id], strict=True)):
            if not all(close(x, y) for x, y in ((a.value, b.value), (a.numerator, b.numerator),
                                                (a.denominator, b.denominator), (a.excluded, b.excluded))):
                differences.append((kpi_id, i, a, b))
    assert differences == []
    assert duck.by_team.keys() == sparked.by_team.keys()
