"""Timings of the children behind a measure (performance/views/children.py) on a large synthetic council.

    .venv/bin/python bench/children_bench.py [--data-dir /tmp/triangulate-large] [--children 300000]
        [--extracts 1] [--repeat 5] [--kpi cp_visits_in_timescale_pct ...]

Builds the council in `--data-dir` if it has none yet (as bench/load_pages.py does), then, in this one
process through Django's test client signed in as demo.qalead, times the process's first request (imports
and templates) apart, and asks each KPI's list: first the cold request (the listing worked out from the
stored tables: the KPI's lists read, DuckDB loaded, the cohort query run; its SQL from the disk cache
when built before, else built through SQLFrame: "cold, SQL not cached yet"), then warm requests for the
first page, those not meeting the measure, one worker, the 20th page, and the whole list as CSV (which
writes one access-log row per child). Prints the median of `--repeat` runs per request, the rows
downloaded, and how much of the download was the access-log write (core/access_log.py, timed around the
call core/exports.py makes) for how many children. Figures only: nothing is asserted.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KPIS = ["cp_visits_in_timescale_pct", "assessments_within_45wd_pct", "cla_reviews_in_timescale_pct",
                "contacts", "cin_plan_seen_in_timescale_pct"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/triangulate-large")
    parser.add_argument("--children", type=int, default=300_000)
    parser.add_argument("--extracts", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--kpi", action="append", dest="kpis")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from load_pages import open_council, signed_in_client  # noqa: E402  (the same council as the load benchmark)

    open_council(args.data_dir, args.children, args.extracts)
    from triangulate.core import exports
    from triangulate.kpis import children

    logged = _time_the_access_log(exports)
    client = signed_in_client()

    def timed(path):
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        return elapsed, response

    print(f"{'KPI':<34} {'request':<28} {'ms':>8}")
    # the process's first request imports DuckDB, pyarrow and the templates: timed apart from the lists'
    elapsed, _ = timed("/performance/kpis/cla_uasc/children/")
    print(f"{'cla_uasc':<34} {'first in the process':<28} {elapsed * 1000:8.0f}")
    for kpi_id in args.kpis or DEFAULT_KPIS:
        base = f"/performance/kpis/{kpi_id}/children/"
        cached = (children._file_name({}) in {p.name for p in children.diskcache.cache_dir().glob("*")})
        elapsed, response = timed(base)
        label = "cold" if cached else "cold, SQL not cached yet"
        print(f"{kpi_id:<34} {label:<28} {elapsed * 1000:8.0f}")
        worker = _first_worker(response.content.decode())
        requests = {"first page": base, "not meeting the measure": base + "?failing=1",
                    "one worker": base + f"?worker={worker}" if worker else base, "page 20": base + "?page=20",
                    "download, CSV": base + "?format=csv"}
        for name, path in requests.items():
            times = []
            logged.clear()
            for _ in range(args.repeat):
                elapsed, response = timed(path)
                times.append(elapsed)
            extra = f"  ({response.content.count(b'\n') - 1:,} rows)" if name.startswith("download") else ""
            print(f"{'':<34} {name:<28} {statistics.median(times) * 1000:8.0f}{extra}")
            if name.startswith("download"):
                seconds, children_logged = statistics.median(t for t, _ in logged), logged[-1][1]
                print(f"{'':<34} {'  of which the access log':<28} {seconds * 1000:8.0f}  ({children_logged:,} children)")


def _time_the_access_log(exports):
    """[(seconds, children written)] of each access-log write a download makes, timed around the call."""
    calls, write = [], exports.log_child_access

    def timed_write(*args, **kwargs):
        started = time.perf_counter()
        written = write(*args, **kwargs)
        calls.append((time.perf_counter() - started, written))
        return written

    exports.log_child_access = timed_write
    return calls


def _first_worker(html):
    import re
    from html import unescape
    from urllib.parse import quote_plus

    match = re.search(r'id="worker" name="worker">\s*<option value="">[^<]*</option>\s*<option value="([^"]+)"', html)
    return quote_plus(unescape(match.group(1))) if match else None


if __name__ == "__main__":
    main()
