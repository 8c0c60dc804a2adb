"""Benchmark: each hostile workbook of issue 7 read by `triangulate kpis` in a child process, against a
legitimate synthetic extract, printing the child's peak memory (ru_maxrss), its time and its exit code.

    .venv/bin/python bench/hostile_bench.py [--children 60000] [--limit-mb 1500] [--keep DIR]

Each child runs under RLIMIT_AS (--limit-mb; 0 for none), as the tests do; a hostile file must end
with exit code 2 and one clear line, never a crash. The legitimate extract is read by the reader
alone (`read_annex_a`, no KPI engine: DuckDB reserves more address space than such a limit allows),
and by `triangulate kpis` without a limit. Figures only: it asserts nothing.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "datasets"))

import hostile  # noqa: E402

TRIANGULATE = ROOT / ".venv" / "bin" / "triangulate"
PERIOD = ["--start", "2024-04-01", "--end", "2025-03-31"]
READ_ONLY = ("import sys; from triangulate.datasets.parsers.annex_a.reader import read_annex_a; "
             "a = read_annex_a(sys.argv[1]); print(sum(a.row_counts.values()), 'rows', len(a.issues), 'issues')")
# (label, generator, refused): a refused file goes through `triangulate kpis` under the limit; the
# others are well-formed extracts (plausibility holds them, or their ids are reported) and are read by
# the reader alone under the limit.
CASES = [
    ("cells at A2 and XFD1048576", hostile.make_far_corner, True),
    ("a cell at XFD2000 beside A1:M2013", hostile.make_far_column, True),
    ("9 MB inflating to 1 GB", hostile.make_inflating, True),
    ("one 10 KB shared string in 100,000 cells", hostile.make_shared_string_bomb, True),
    ("4 billion shared strings declared", hostile.make_declared_strings, True),
    ("only List 1, one child id, 200,000 rows", hostile.make_one_child, False),
    ("formula-like child ids", hostile.make_formula_ids, False),
]


def run(command, limit_mb):
    """(exit code, seconds, peak MB of the child, last line it printed to stderr, else stdout)."""
    def limit():
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024**2, limit_mb * 1024**2))

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, preexec_fn=limit)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest child's so far
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = (err.read().strip() or out.read().strip()).splitlines()
    return child.returncode, seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def one(label, command, limit_mb):
    exit_code, seconds, peak, line = run(command, limit_mb)
    print(f"{label:48s} exit {exit_code:4d}  {seconds:6.2f} s  peak {peak:6,.0f} MB  {line[:160]}", flush=True)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--children", type=int, default=60_000)
    p.add_argument("--limit-mb", type=int, default=1500)
    p.add_argument("--keep", type=Path, help="write the files here and keep them (default: a temporary folder)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        legit = folder / "legit.xlsx"
        subprocess.run([str(TRIANGULATE), "synth", "--out", str(legit), "--children", str(args.children), "--messy"],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"each child under RLIMIT_AS {args.limit_mb or 'none'} MB; peak = the child's ru_maxrss")
        one(f"legit {args.children:,} children: reader", [sys.executable, "-c", READ_ONLY, str(legit)],
            args.limit_mb)
        one(f"legit {args.children:,} children: kpis", [str(TRIANGULATE), "kpis", "--annex-a", str(legit), *PERIOD], 0)
        for label, make, refused in CASES:
            path = make(folder / f"{make.__name__.removeprefix('make_')}.xlsx")
            command = ([str(TRIANGULATE), "kpis", "--annex-a", str(path), *PERIOD] if refused
                       else [sys.executable, "-c", READ_ONLY, str(path)])
            one(f"{label} ({os.path.getsize(path) / 1024:,.0f} KB)", command, args.limit_mb)


if __name__ == "__main__":
    sys.exit(main())
