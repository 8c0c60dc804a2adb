"""Benchmark: what running an import's parse in a child process (datasets/isolation.py) costs.

    .venv/bin/python bench/job_isolation_bench.py [--workbook PATH] [--children 60000] [--repeat 3]

Without --workbook it writes the demo-sized messy synthetic workbook (`triangulate synth --children 60000
--messy`, about 75,000 rows) to a temporary folder. Prints, best of --repeat runs, each in a fresh process:
- in-process: extract_job.parse_extract called directly (the first version of the import), its wall time
  and the process's peak resident memory (ru_maxrss, Django included);
- child: isolation.parse_extract (start the child, Django set up there, parse, pickle the result back), its
  wall time, the child's peak memory (wait4's ru_maxrss) and the parent's, which no longer holds the tables;
- a child whose job does nothing: the fixed cost of starting one.
Runs under the default memory limit (TRIANGULATE_IMPORT_MEMORY_MB, 4096). Figures only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MEASURE = """
import json, logging, os, resource, sys, time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import django

django.setup()
from django.conf import settings

mode, workbook, data = sys.argv[1:]
upload = SimpleNamespace(pk=1, council=SimpleNamespace(population_for=lambda year: 100_000),
                         extract_date=date(2025, 3, 31))
child_peak = []
logging.basicConfig(level=logging.WARNING)
started = time.monotonic()
if mode == "in-process":
    from triangulate.datasets.extract_job import parse_extract

    parse_extract(workbook, Path(data) / "annex_a" / "upload-1.partial", upload.extract_date, 100_000)
else:
    from triangulate.datasets import isolation

    if mode == "empty child":
        settings.TRIANGULATE_EXTRACT_JOB = "tests.datasets.faulty_jobs.quick"
    handler = logging.Handler()
    handler.emit = lambda record: child_peak.append(record.args[3])
    logging.getLogger("triangulate.datasets.isolation").addHandler(handler)
    logging.getLogger("triangulate.datasets.isolation").setLevel(logging.INFO)
    isolation.parse_extract(upload, workbook, Path(data) / "annex_a" / "upload-1.partial")
print(json.dumps({"seconds": time.monotonic() - started, "child_mb": child_peak[0] if child_peak else None,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def measure(mode, workbook, data):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="triangulate.config.settings.test", TRIANGULATE_DATA_DIR=str(data),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]))
    done = subprocess.run([sys.executable, "-c", MEASURE, mode, str(workbook), str(data)], capture_output=True,
                          text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbook", type=Path)
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workbook = args.workbook
        if workbook is None:
            workbook = Path(folder) / "synthetic.xlsx"
            subprocess.run([str(ROOT / ".venv" / "bin" / "triangulate"), "synth", "--out", str(workbook),
                            "--children", str(args.children), "--messy"], check=True, capture_output=True)
        for mode in ("in-process", "child", "empty child"):
            runs = [measure(mode, workbook, Path(folder) / "data") for _ in range(args.repeat)]
            best = min(runs, key=lambda run: run["seconds"])
            child = f", child peak {best['child_mb']:,} MB" if best["child_mb"] is not None else ""
            print(f"{mode:>12}: {best['seconds']:.2f} s (best of {len(runs)}), this process's peak "
                  f"{best['self_mb']:,} MB{child}")


if __name__ == "__main__":
    main()
