"""Benchmark: whole `triangulate kpis` CLI runs (a new process each), against DuckDB's bare CSV read.

    .venv/bin/python bench/cli_bench.py [--folder PATH] [--children N] [--repeat 3]

Issue 6 asks for a whole CLI run on a folder of Annex A CSVs with about 1.1 million rows within 3x
the time DuckDB takes merely to read the same CSVs, and a tiny extract (tens of rows) under 1 s.
Without --folder it writes a messy synthetic council's CSVs (900,000 children: about 1.1 million
rows) to a temporary folder; the tiny extract is the first 40 data rows of each of those files.
Prints, best of --repeat runs: DuckDB's bare read (in this process, after import), each CLI run's wall
time as a subprocess (Python start-up, imports, reading, KPIs, JSON), and the ratios. Figures only.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from reader_bench import best_of, duckdb_read, make_folder, parse_args

ROOT = Path(__file__).resolve().parents[1]
TRIANGULATE = ROOT / ".venv" / "bin" / "triangulate"
TINY_ROWS = 40


def tiny_copy(folder, out):
    out.mkdir()
    for file in sorted(Path(folder).glob("*.csv")):
        with open(file, encoding="utf-8-sig", errors="replace", newline="") as src:
            lines = [line for _, line in zip(range(TINY_ROWS + 1), src)]
        (out / file.name).write_text("".join(lines), encoding="utf-8", newline="")
    return out


def cli_run(folder, by_team):
    command = [str(TRIANGULATE), "kpis", "--annex-a", str(folder), "--start", "2024-04-01", "--end", "2025-03-31",
               "--population", "900000"] + (["--by", "team"] if by_team else [])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"triangulate kpis failed ({done.returncode}): {done.stderr[-2000:]}")
    return len(done.stdout)


def main(argv=None):
    args = parse_args(__doc__, argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or make_folder(Path(tmp) / "annex_a", args.children)
        tiny = tiny_copy(folder, Path(tmp) / "tiny")
        rows, duck = best_of(args.repeat, lambda: duckdb_read(folder))
        tiny_rows, tiny_duck = best_of(args.repeat, lambda: duckdb_read(tiny))
        _, tiny_first = best_of(1, lambda: cli_run(tiny, False))  # may fill the engine's on-disk caches
        _, tiny_cli = best_of(args.repeat, lambda: cli_run(tiny, False))
        _, big_cli = best_of(args.repeat, lambda: cli_run(folder, False))
        _, big_team = best_of(args.repeat, lambda: cli_run(folder, True))
    print(f"folder: {folder} ({rows:,} rows); tiny: {tiny_rows:,} rows")
    print(f"duckdb bare read, 1.1M     {duck:6.2f} s")
    print(f"duckdb bare read, tiny     {tiny_duck:6.2f} s")
    print(f"CLI tiny, first run        {tiny_first:6.2f} s")
    print(f"CLI tiny                   {tiny_cli:6.2f} s   (target under 1 s)")
    print(f"CLI 1.1M                   {big_cli:6.2f} s   {big_cli / duck:4.2f}x DuckDB's read (target within 3x)")
    print(f"CLI 1.1M --by team         {big_team:6.2f} s   {big_team / duck:4.2f}x DuckDB's read")


if __name__ == "__main__":
    sys.exit(main())
