"""Timing of the board pack PDF (performance/board_pack.py, reports/pdf.py) for the demo council.

    .venv/bin/python bench/board_pack_bench.py [--data-dir /tmp/triangulate-demo] [--children 60000]
        [--extracts 24] [--repeat 3] [--out /tmp/board-pack.pdf]

Builds the demo council in `--data-dir` if it has none yet (manage.py demo_council, as bench/load_pages.py
does; the default size, 24 monthly extracts), then, in this one process, builds the latest extract's pack
`--repeat` times, split into the figures and charts (board_pack.build), the HTML and WeasyPrint's PDF: the
first cold (every chart drawn by vl-convert, its engine started), the others with the charts from
performance/chart_cache.py, as a second print of the same extract is. Then asks for the pack once through
Django's test client signed in as demo.qalead (the whole view) twice, the second read back from the PDFs
kept in the data folder, and prints its pages (pdfinfo) and size.
Figures only: nothing is asserted.
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/triangulate-demo")
    parser.add_argument("--children", type=int, default=60_000, help="the demo's default (synth/demo.py)")
    parser.add_argument("--extracts", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default="/tmp/board-pack.pdf")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from load_pages import open_council, signed_in_client  # noqa: E402  (the council the load benchmark builds)

    open_council(args.data_dir, args.children, args.extracts)
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import timezone

    from triangulate.performance import board_pack, chart_cache, scorecard
    from triangulate.reports import pdf

    client = signed_in_client()
    out = Path(args.out)
    print(f"{'run':<22} {'figures+charts s':>16} {'HTML s':>7} {'PDF s':>6} {'total s':>8}")
    totals = []
    for i in range(args.repeat):
        if i == 0:  # the first print after an upload draws every chart (vl-convert)
            chart_cache.clear()
            shutil.rmtree(Path(settings.DATA_DIR) / "cache" / "charts", ignore_errors=True)
        t0 = time.perf_counter()
        context = board_pack.build(scorecard.choose_period({}), printed_on=timezone.localdate())
        t1 = time.perf_counter()
        html = render_to_string("performance/board_pack.html", context)
        t2 = time.perf_counter()
        pdf.html_to_pdf(html, pdf.PRINT_CSS, title=context["title"])
        t3 = time.perf_counter()
        totals.append(t3 - t0)
        label = "cold (charts drawn)" if i == 0 else f"warm #{i} (charts cached)"
        print(f"{label:<22} {t1 - t0:>16.2f} {t2 - t1:>7.2f} {t3 - t2:>6.2f} {t3 - t0:>8.2f}")
    shutil.rmtree(Path(settings.DATA_DIR) / "cache" / "reports", ignore_errors=True)
    requests = []
    for _ in range(2):  # the whole view, as a browser asks for it: then printed again, from the kept PDF
        started = time.perf_counter()
        response = client.get("/performance/board-pack/")
        requests.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    out.write_bytes(response.content)
    print(f"board pack of {context['council']}, extract of {context['upload'].extract_date}: "
          f"{totals[0]:.1f} s cold, {statistics.median(totals[1:] or totals):.1f} s warm (median), "
          f"whole request {requests[0]:.1f} s, printed again {requests[1]:.2f} s; {pages(out)} pages, "
          f"{out.stat().st_size / 1024:.0f} kB ({out})")


if __name__ == "__main__":
    main()
