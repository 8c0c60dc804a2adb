"""Benchmark: Annex A import and the full KPI suite at three sizes, against a plain pandas reference.

    .venv/bin/python bench/kpis_bench.py [--quick]

Prints figures only (never asserts timings). First the cold start: building every KPI's SQL (done once
per code version, then kept on disk) and a whole CLI run on a tiny extract as a new process, with the
cache warm and empty. Sizes: a small council (50,000 children aged 0-17),
a large one (300,000) and a regional pool of 20 councils. For each: rows, seconds to compute the
full KPI suite with a team breakdown, a 24-month series, the same subset of KPIs in pandas (checked
equal) and the speed ratio; peak memory of this process; and XLSX import with python-calamine
against openpyxl on the same workbook.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pandas_reference import SUBSET, compute_reference  # noqa: E402

from triangulate.kpis.engine import Engine  # noqa: E402
from triangulate.kpis.periods import Period, calendar_months  # noqa: E402
from triangulate.synth.journeys import generate, write_annex_a  # noqa: E402

EXTRACT = date(2025, 3, 31)
PERIOD = Period(date(2024, 4, 1), date(2025, 3, 31))


def timed(label, fn):
    started = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - started
    return out, seconds


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pool(councils, children, seed):
    parts = {}
    for k in range(councils):
        tables = generate(children, seed + k, EXTRACT)
        for n, table in tables.items():
            if "child_id" in table.column_names:
                ids = pa.compute.binary_join_element_wise(pa.scalar(f"LA{k:02d}-"), table["child_id"], "")
                table = table.set_column(table.column_names.index("child_id"), "child_id", ids)
            if "allocated_team" in table.column_names:
                teams = pa.compute.binary_join_element_wise(pa.scalar(f"LA{k:02d} "), table["allocated_team"], "")
                table = table.set_column(table.column_names.index("allocated_team"), "allocated_team", teams)
            parts.setdefault(n, []).append(table)
    return {n: pa.concat_tables(ts) for n, ts in parts.items()}


def run_size(label, tables, population, series=True):
    rows = sum(t.num_rows for t in tables.values())
    engine, load_s = timed("load", lambda: Engine(tables, population=population))
    _, full_s = timed("full", lambda: engine.run([PERIOD], by="team"))
    line = f"{label:<22} rows {rows:>10,}  load {load_s:5.2f} s  full suite by team {full_s:6.2f} s"
    if series:
        months = calendar_months(EXTRACT, 24)
        _, series_s = timed("series", lambda: engine.run(months))
        line += f"  24-month series {series_s:6.2f} s"
    ours, ours_s = timed("subset", lambda: engine.run([PERIOD], kpi_ids=SUBSET))
    reference, pandas_s = timed("pandas", lambda: compute_reference(tables, PERIOD))
    mismatches = [k for k in SUBSET if ours.kpis[k][0].value != reference[k]]
    line += (f"  subset of {len(SUBSET)}: engine {ours_s:5.2f} s, pandas {pandas_s:5.2f} s, "
             f"ratio {pandas_s / ours_s:4.1f}x, {'equal' if not mismatches else 'DIFFERENT: ' + ', '.join(mismatches)}")
    print(line + f"  peak memory {peak_mb():,.0f} MB", flush=True)


def import_speed(tables):
    from openpyxl import load_workbook

    from triangulate.datasets.parsers.annex_a.reader import read_annex_a

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annex_a.xlsx"
        _, write_s = timed("write", lambda: write_annex_a(tables, path, fmt="xlsx"))
        extract, calamine_s = timed("calamine", lambda: read_annex_a(path))
        rows = sum(t.num_rows for t in extract.tables.values())

        def openpyxl_read():
            workbook = load_workbook(path, read_only=True, data_only=True)
            count = 0
            for sheet in workbook.worksheets:
                for _ in sheet.iter_rows(values_only=True):
                    count += 1
            return count

        _, openpyxl_s = timed("openpyxl", openpyxl_read)
        print(f"XLSX import              rows {rows:>10,}  Triangulate (python-calamine, parsed and typed) "
              f"{calamine_s:5.2f} s; openpyxl (cells only) {openpyxl_s:5.2f} s; ratio {openpyxl_s / calamine_s:4.1f}x "
              f"(write {write_s:.1f} s)", flush=True)


def cold_start():
    """The engine's SQL is built once per code version (SQLFrame/SQLGlot) and kept on disk: time building
    it, and a whole `triangulate kpis` run on a tiny extract as a new process, with and without that cache."""
    from triangulate.kpis import frames, sqlcache

    engine = Engine({})
    entries, build_s = timed("build", lambda: frames.build_sql(*engine._duckdb(), engine.specs))
    sqlcache.save({}, entries)  # the sizes below then run as a warm process would
    print(f"building every KPI's SQL (a cache miss: once per code version and settings): {build_s:.2f} s", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        extract = Path(folder) / "csv"
        write_annex_a(generate(40, 3, EXTRACT), extract, fmt="csv")
        command = [sys.executable, "-m", "triangulate.cli", "kpis", "--annex-a", str(extract), "--start",
                   PERIOD.start.isoformat(), "--end", PERIOD.end.isoformat(), "--population", "5000", "--by", "team"]
        rows = sum(len(p.read_text().splitlines()) - 1 for p in extract.glob("*.csv"))
        fresh_env = {**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")}
        _, fresh_s = timed("fresh", lambda: subprocess.run(command, env=fresh_env, check=True, capture_output=True))
        warm = []
        for _ in range(3):
            _, seconds = timed("warm", lambda: subprocess.run(command, env=fresh_env, check=True, capture_output=True))
            warm.append(seconds)
        print(f"CLI on a tiny extract ({rows} rows, a new process): cache warm {min(warm):.2f} s (best of 3), "
              f"empty cache {fresh_s:.2f} s", flush=True)


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    quick = args.parse_args().quick
    small, large, pool_each, councils = (5_000, 20_000, 5_000, 3) if quick else (50_000, 300_000, 60_000, 20)
    cold_start()
    tables, gen_s = timed("gen", lambda: generate(small, 1, EXTRACT))
    print(f"generated small council in {gen_s:.1f} s", flush=True)
    run_size(f"small ({small:,})", tables, small)
    import_speed(tables)
    tables, gen_s = timed("gen", lambda: generate(large, 2, EXTRACT))
    print(f"generated large council in {gen_s:.1f} s", flush=True)
    run_size(f"large ({large:,})", tables, large)
    del tables
    tables, gen_s = timed("gen", lambda: pool(councils, pool_each, 100))
    print(f"generated pool of {councils} councils in {gen_s:.1f} s", flush=True)
    run_size(f"pool ({councils} councils)", tables, pool_each * councils, series=False)


if __name__ == "__main__":
    main()
