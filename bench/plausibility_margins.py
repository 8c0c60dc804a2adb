"""The plausibility checks' margins on legitimate extracts: profiles the demo council's monthly messy
synthetic extracts (as the demo imports them: messy CSV folders, the latest a messy workbook, each read
by the reader) and the Annex A
variant fixtures, and prints each measure's extreme beside its threshold (datasets/plausibility.py).

    .venv/bin/python bench/plausibility_margins.py [--children 60000] [--months 24] [--seed 1]

Each extract is judged as following the one before (as the demo imports them): every one must pass.
"""

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.annex_a_variants


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from triangulate.datasets import plausibility as p
    from triangulate.datasets.parsers.annex_a.reader import read_annex_a
    from triangulate.kpis.periods import calendar_months
    from triangulate.synth.journeys import generate_series, write_annex_a

    dates = [period.end for period in calendar_months(date(2026, 10, 31), args.months)]  # as the demo's
    extremes = Extremes()
    previous = None
    with tempfile.TemporaryDirectory() as folder:
        for extract_date, tables in generate_series(args.children, args.seed, dates):
            path = Path(folder) / f"annex_a_{extract_date:%Y_%m_%d}"
            if extract_date == dates[-1]:  # as the demo does: the latest as a workbook, the others as CSVs
                path = path.with_suffix(".xlsx")
                write_annex_a(tables, path, fmt="xlsx", messy=True, seed=args.seed)
            else:
                write_annex_a(tables, path, fmt="csv", messy=True, seed=args.seed + extract_date.toordinal())
            extract = read_annex_a(path)
            profile = p.profile(extract.tables, extract.row_counts, extract_date, issues=len(extract.issues))
            verdict = assess(p, profile, previous, extract_date, args.children)
            held = [f["message"] for f in verdict.findings if f["severity"] == p.HOLD]
            print(f"{extract_date}: {sum(extract.row_counts.values()):,} rows, {profile['children']:,} children, "
                  f"{'HELD ' + '; '.join(held) if held else 'passes'}", flush=True)
            extremes.add(profile, previous, args.children)
            previous = profile
        from tests.annex_a_variants import write_tidy, write_variants

        for name, write in (("tidy", write_tidy), ("variants", write_variants)):
            extract = read_annex_a(write(Path(folder) / f"{name}.xlsx"))
            profile = p.profile(extract.tables, extract.row_counts, date(2024, 3, 31), issues=len(extract.issues))
            verdict = assess(p, profile, None, date(2024, 3, 31), 10_000)
            print(f"variant fixture {name}: {'HELD' if verdict.hold else 'passes'} {verdict.findings}")
    extremes.report(p)


def assess(p, profile, previous, extract_date, population):
    """As the worker would, with `previous` (a profile) as the published extract before this one."""
    before = p.Published(extract_date, previous["lists"], previous["children"]) if previous else None
    return p.judge(profile, population, before)


class Extremes:
    def __init__(self):
        self.values = {}

    def _max(self, name, value, where):
        if name not in self.values or value > self.values[name][0]:
            self.values[name] = (value, where)

    def add(self, profile, previous, population):
        when = profile["extract_date"]
        self._max("children share of population", profile["children"] / population, when)
        for n, item in profile["lists"].items():
            where = f"{when} list {n}"
            self._max("rows per child of population", item["rows"] / population, where)
            self._max("most rows of one id", item["top_id_rows"], where)
            if item["rows"] >= 20:
                self._max("share of rows with issues", item["issue_rows"] / item["rows"], where)
            dates = item.get("dates")
            if dates and dates["count"]:
                self._max("share of dates after the extract date", dates["after"] / dates["count"], where)
                self._max("share of dates before 1990", dates["before_1990"] / dates["count"], where)
                if "before_window" in dates:
                    self._max("share of dates outside the window",
                              (dates["before_window"] + dates["after"]) / dates["count"], where)
            if previous:
                then = previous["lists"].get(n, {}).get("rows", 0)
                if then and item["rows"]:
                    self._max("size ratio to previous", max(item["rows"] / then, then / item["rows"]), where)
        if previous:
            self._max("children ratio to previous", max(profile["children"] / previous["children"],
                                                        previous["children"] / profile["children"]), when)

    def report(self, p):
        limits = {"children share of population": p.MAX_CHILDREN_SHARE,
                  "rows per child of population": p.MAX_ROWS_PER_CHILD, "most rows of one id": p.MAX_ROWS_ONE_ID,
                  "share of rows with issues": p.MOST, "share of dates after the extract date": p.MAX_ODD_DATES,
                  "share of dates before 1990": p.MAX_ODD_DATES, "share of dates outside the window": p.MOST,
                  "size ratio to previous": p.SIZE_RATIO, "children ratio to previous": p.SIZE_RATIO}
        print("\nmeasure: demo extreme (where) / threshold")
        for name, limit in limits.items():
            value, where = self.values.get(name, (0, "-"))
            print(f"  {name}: {value:,.4g} ({where}) / {limit:g}")


if __name__ == "__main__":
    main()
