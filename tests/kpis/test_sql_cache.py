"""The disk cache of generated SQL (sqlcache.py) and a light start: same figures from a fresh cache and a
warm one, corrupt or foreign files ignored, and no SQLFrame/SQLGlot in a process the cache answers."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from triangulate.kpis import sqlcache
from triangulate.kpis.calendar import calendar_table
from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period

from .helpers import table

# a few KPIs covering every unit, distinct children and a team breakdown (the whole catalogue takes long)
IDS = ["contacts", "referral_nfa_pct", "assessment_median_wd", "a1_avg_days", "cla_open"]
JAN = Period(date(2025, 1, 1), date(2025, 1, 31))
TABLES = {
    1: [{"child_id": "1", "contact_date": date(2025, 1, 2)}, {"child_id": "2", "contact_date": None}],
    3: [{"child_id": "1", "referral_date": date(2025, 1, 3), "referral_nfa": "Yes", "allocated_team": "North"},
        {"child_id": "2", "referral_date": date(2025, 1, 4), "referral_nfa": "No", "allocated_team": "South"}],
    4: [{"child_id": "1", "assessment_start": date(2025, 1, 2), "assessment_authorised": date(2025, 1, 9)}],
    8: [{"child_id": "1", "cla_start": date(2024, 1, 1), "legal_status": "C2"}],
    10: [{"child_id": "1", "adoption_order": date(2025, 1, 5), "entered_care": date(2024, 1, 1),
          "placed_for_adoption": date(2024, 1, 11)}],
}


def small_engine():
    """An engine that knows only IDS (and builds only their SQL on a cache miss)."""
    engine = Engine({n: table(n, rows) for n, rows in TABLES.items()}, population=1000)
    engine.specs = {k: v for k, v in engine.specs.items() if k in IDS}
    return engine


def figures(engine):
    results = engine.run([JAN], kpi_ids=IDS, by="team")
    return ({k: v[0] for k, v in results.kpis.items()},
            {t: {k: v[0] for k, v in kpis.items()} for t, kpis in results.by_team.items()})


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sqlcache.forget_memory()
    yield tmp_path
    sqlcache.forget_memory()


def test_a_fresh_cache_and_a_warm_one_give_the_same_figures(cache_home):
    fresh = figures(small_engine())
    assert fresh[0]["contacts"].excluded == 1 and fresh[0]["a1_avg_days"].value == 10.0
    path = sqlcache.path({})
    assert path.parent == cache_home / "triangulate" and path.exists()
    sqlcache.forget_memory()                    # as a new process would start
    assert figures(small_engine()) == fresh


def test_corrupt_or_foreign_cache_files_are_ignored_and_rebuilt(cache_home):
    expected = figures(small_engine())
    path = sqlcache.path({})
    wanted = {"contacts"}
    good = json.loads(path.read_text())
    for bad in ("not json at all {", json.dumps({**good, "code": "someone else's"}), json.dumps([1, 2]),
                json.dumps({**good, "entries": {"contacts": 42}})):
        path.write_text(bad)
        sqlcache.forget_memory()
        assert sqlcache.load({}, wanted) is None
    path.write_text(json.dumps({**good, "entries": {}}))         # valid, but lacks what the engine needs
    sqlcache.forget_memory()
    assert sqlcache.load({}, wanted) is None
    assert figures(small_engine()) == expected                  # rebuilt
    assert set(json.loads(path.read_text())["entries"]) >= wanted


def test_settings_have_their_own_cache_file(cache_home):
    assert sqlcache.path({}) != sqlcache.path({"cp_visit_wd": 5})
    assert sqlcache.path({}) == sqlcache.path({"cp_visit_wd": 10})   # the default, spelled out


def run_python(code, env=None):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_process_the_cache_answers_never_imports_sqlframe(cache_home):
    figures(small_engine())                     # warm this cache folder
    out = run_python(
        "import sys\n"
        "from tests.kpis.test_sql_cache import figures, small_engine\n"
        "figures(small_engine())\n"
        "print(sorted(m for m in ('sqlframe', 'sqlglot', 'pyspark') if m in sys.modules))\n",
        env={"XDG_CACHE_HOME": str(cache_home)})
    assert out == "[]"


def test_importing_the_cli_is_cheap():
    out = run_python("import sys\nimport triangulate.kpis.cli\n"
                     "print(sorted(m for m in ('sqlframe', 'sqlglot', 'duckdb', 'pyarrow', 'pandas', 'django')"
                     " if m in sys.modules))")
    assert out == "[]"


def test_the_calendar_duckdb_builds_matches_the_python_one():
    connection = Engine({})._connection
    rows = connection.execute('SELECT "day", wd_index FROM kpi_calendar ORDER BY "day"').fetchall()
    arrow = calendar_table()
    assert rows == list(zip(arrow.column("day").to_pylist(), arrow.column("wd_index").to_pylist(), strict=True))
