"""Timing of the board pack PDF (performance/board_pack.py, reports/pdf.py) for the demo council.

    .venv/bin/python bench/board_pack_bench.py [--data-dir /tmp/triangulate-demo] [--children 60000]
        [--extracts 24] [--repeat 3] [--out /tmp/board-pack.pdf]

Builds the demo council in `--data-dir` if it has none yet (manage.py demo_council, as bench/load_pages.py
does; the default size, 24 monthly extracts), then, in this one process, builds the latest extract's pack
`--repeat` times, split into the figures and charts (board_pack.build), the HTML and WeasyPrint's PDF: the
first cold (every chart drawn by vl-convert, its engine started), the others with the charts from
performance/chart_cache.py, as a second print of the same extract is. Then asks for the pack once through
Django's test client signed in as demo.qalead (the whole view) and prints its pages (pdfinfo) and size.
Figures only: nothing is asserted.
"""

import argparse
import os
import re
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
    env = {"DJANGO_SETTINGS_MODULE": "triangulate.config.settings.local", "TRIANGULATE_DATA_DIR": args.data_dir}
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "bench"))
    from load_pages import build  # noqa: E402  (the council the load benchmark builds)

    build(args.data_dir, args.children, args.extracts, {**os.environ, **env})

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from triangulate.performance import board_pack, chart_cache, scorecard
    from triangulate.reports import pdf

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username="demo.qalead"))
    out = Path(args.out)
    print(f"{'run':<22} {'figures+charts s':>16} {'HTML s':>7} {'PDF s':>6} {'total s':>8}")
    totals = []
    for i in range(args.repeat):
        if i == 0:
            chart_cache.clear()  # the first print after an upload draws every chart (vl-convert)
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
    started = time.perf_counter()
    response = client.get("/performance/board-pack/")  # the whole view, as a browser asks for it
    whole = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    out.write_bytes(response.content)
    print(f"board pack of {context['council']}, extract of {context['upload'].extract_date}: "
          f"{totals[0]:.1f} s cold, {statistics.median(totals[1:] or totals):.1f} s warm (median), "
          f"whole request {whole:.1f} s; {pages(out)} pages, {out.stat().st_size / 1024:.0f} kB ({out})")


if __name__ == "__main__":
    main()
