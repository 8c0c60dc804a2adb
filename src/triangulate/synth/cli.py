"""`triangulate synth ...`: write a synthetic council's Annex A, as a council's extract would look."""

import argparse
import sys
import time
from datetime import date, timedelta


def parser():
    p = argparse.ArgumentParser(prog="triangulate synth",
                                description="Write a synthetic council's Ofsted Annex A (children's journeys).")
    p.add_argument("--out", required=True, metavar="PATH",
                   help="an .xlsx file to write, or a folder for CSV files (with --format csv)")
    p.add_argument("--format", choices=["xlsx", "csv"], default=None, help="default: from the --out name")
    p.add_argument("--children", type=int, default=60_000, help="children aged 0-17 in the council (default 60,000)")
    p.add_argument("--seed", type=int, default=1, help="same seed, same council")
    p.add_argument("--extract-date", type=date.fromisoformat, default=None,
                   help="the date the extract was taken (YYYY-MM-DD, default today)")
    p.add_argument("--years", type=int, default=3, help="years of history to keep (default 3)")
    p.add_argument("--months", type=int, default=1, metavar="N",
                   help="write N monthly extracts (the last N month ends on or before the extract date), cut from "
                        "one simulation, into the folder --out as annex_a_YYYY_MM_DD.xlsx (or CSV folders)")
    p.add_argument("--messy", action="store_true",
                   help="add realistic messiness: coded labels, stray spaces, a few invalid dates, a renamed heading")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    if args.children < 1_000:
        print("triangulate synth: --children must be at least 1,000", file=sys.stderr)
        return 2
    from triangulate.synth.journeys import generate, generate_series, write_annex_a

    fmt = args.format or ("xlsx" if args.out.lower().endswith(".xlsx") or args.months > 1 else "csv")
    started = time.perf_counter()
    extract_date = args.extract_date or date.today()
    if args.months > 1:
        from pathlib import Path

        from triangulate.kpis.periods import calendar_months

        last = extract_date if calendar_months(extract_date, 1)[0].end == extract_date else \
            extract_date.replace(day=1) - timedelta(days=1)
        dates = [period.end for period in calendar_months(last, args.months)]
        rows = 0
        for day, tables in generate_series(args.children, args.seed, dates, years=args.years):
            name = f"annex_a_{day:%Y_%m_%d}" + (".xlsx" if fmt == "xlsx" else "")
            write_annex_a(tables, Path(args.out) / name, fmt=fmt, messy=args.messy, seed=args.seed)
            rows += sum(t.num_rows for t in tables.values())
        print(f"Wrote {len(dates)} monthly extracts ({rows:,} rows) to {args.out} ({fmt}) in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        return 0
    tables = generate(args.children, args.seed, extract_date, years=args.years)
    write_annex_a(tables, args.out, fmt=fmt, messy=args.messy, seed=args.seed)
    rows = sum(t.num_rows for t in tables.values())
    print(f"Wrote {rows:,} rows in {len(tables)} lists to {args.out} ({fmt}) in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return 0
