"""`triangulate kpis ...`: compute KPIs from an Annex A extract and print JSON (contract: kpis.md).

    triangulate kpis --annex-a PATH --start YYYY-MM-DD --end YYYY-MM-DD [--population N] [--by team]
    triangulate kpis --warm-cache     build the disk cache of every KPI's SQL (run after installing)

Imports stay light: the reader and the engine are imported when a command runs, and SQLFrame only when
the SQL cache has to be (re)built.
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the population must be more than 0")
    return value


def parser():
    p = argparse.ArgumentParser(prog="triangulate kpis", description="Compute KPIs from an Ofsted Annex A extract.")
    p.add_argument("--annex-a", metavar="PATH",
                   help="an Annex A workbook (.xlsx, one sheet per list) or a folder of CSV files, one per list")
    p.add_argument("--start", type=_date, help="first day of the period (YYYY-MM-DD)")
    p.add_argument("--end", type=_date, help="last day of the period (YYYY-MM-DD), inclusive")
    p.add_argument("--population", type=_positive, help="children aged 0-17 (ONS mid-year estimate), for rates")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("--by", choices=["team"], help="also break down by allocated team the KPIs whose list has one")
    p.add_argument("--kpi", action="append", metavar="ID", help="only this KPI (repeatable); default: all")
    p.add_argument("--warm-cache", action="store_true",
                   help="build the cache of every KPI's SQL (makes later runs start fast) and exit")
    return p


class UsageError(Exception):
    pass


def compute(args):
    from triangulate.datasets.parsers.annex_a.reader import read_annex_a

    from .engine import Engine
    from .periods import Period
    from .registry import all_kpis

    if args.end < args.start:
        raise UsageError(f"--end ({args.end}) is before --start ({args.start})")
    specs = all_kpis()
    unknown = [k for k in args.kpi or [] if k not in specs]
    if unknown:
        raise UsageError(f"unknown KPI id(s): {', '.join(unknown)}. Known: {', '.join(sorted(specs))}")
    extract = read_annex_a(args.annex_a)
    engine = Engine(extract.tables, population=args.population)
    period = Period(args.start, args.end)
    results = engine.run([period], kpi_ids=args.kpi, by=args.by)
    out = {
        "period": {"start": args.start.isoformat(), "end": args.end.isoformat()},
        "population": args.population,
        "kpis": {k: figures[0].as_dict() for k, figures in results.kpis.items()},
    }
    if args.by:
        out["by"] = {args.by: {team: {k: figures[0].as_dict(excluded=False) for k, figures in kpis.items()}
                               for team, kpis in sorted(results.by_team.items())}}
    out["issues"] = [issue.as_dict() for issue in extract.issues] + list(results.issues)
    out["headings"] = extract.headings  # how each heading was matched, which are absent or ignored
    return out


def warm_cache():
    from .engine import warm_cache as warm

    started = time.perf_counter()
    path = warm()
    print(f"triangulate kpis: KPI SQL cache ready in {time.perf_counter() - started:.1f} s: {path}", file=sys.stderr)
    return 0


def main(argv=None):
    args = parser().parse_args(argv)
    if args.warm_cache:
        return warm_cache()
    missing = [flag for flag, value in (("--annex-a", args.annex_a), ("--start", args.start), ("--end", args.end))
               if value is None]
    if missing:
        parser().error(f"the following arguments are required: {', '.join(missing)}")
    from triangulate.datasets.parsers.annex_a.reader import AnnexAError

    try:
        out = compute(args)
    except (AnnexAError, UsageError, ValueError) as error:
        print(f"triangulate kpis: {error}", file=sys.stderr)
        return 2
    except MemoryError:  # the reader's caps should prevent this; a clear line beats a traceback
        print(f"triangulate kpis: {Path(args.annex_a).name}: reading it needs more memory than this process "
              "may use; expected a smaller Annex A extract", file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")
    return 0
