"""Benchmark: a trend chart rendered to CSP-safe SVG on the server (core/charts.py), as the KPI page does.

    .venv/bin/python bench/charts_bench.py [--repeats 20]

Prints figures only (never asserts timings): importing Altair and vl-convert; the first render in a
process (which starts vl-convert's JavaScript engine); then, for lines of 13, 24 and 60 monthly points
with England's reference line, the median and slowest of `repeats` renders, split into building the spec
(Altair), vl-convert's SVG, and our allowlist rebuild, with the SVG's size.
"""

import argparse
import statistics
import time
from datetime import date

started = time.perf_counter()
import altair  # noqa: E402, F401
import vl_convert  # noqa: E402

from triangulate.core import charts  # noqa: E402

IMPORTED = time.perf_counter() - started


def month(i):
    return date(2020 + i // 12, i % 12 + 1, 1)


def points(n):
    """n months of a percentage, with a gap every 11 months (a month hidden or without an extract)."""
    return [{"series": "Aldermoor Council", "date": month(i), "value": None if i % 11 == 5 else 70 + (i * 7) % 20}
            for i in range(n)]


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    print(f"import altair + vl-convert + core.charts: {IMPORTED:.2f} s")
    england = [charts.Reference("England (2024-25)", 85.7)]
    _, first = timed(lambda: charts.render(charts.line(points(13), y_title="Per cent", percent=True,
                                                       references=england), id="trend"))
    print(f"first render in this process (starts the engine): {first:.2f} s")
    print(f"{'points':>6} {'spec ms':>8} {'svg ms':>8} {'clean ms':>9} {'total ms (median)':>18} {'slowest ms':>11} "
          f"{'SVG kB':>7}")
    for n in (13, 24, 60):
        spec_t, svg_t, clean_t, total = [], [], [], []
        for _ in range(args.repeats):
            chart, a = timed(lambda n=n: charts.line(points(n), y_title="Per cent", percent=True, references=england))
            spec = chart.to_dict()
            spec["config"] = charts.CONFIG
            raw, b = timed(lambda spec=spec: vl_convert.vegalite_to_svg(spec))
            svg, c = timed(lambda raw=raw: charts.clean_svg(raw, id="trend", labelledby="trend-caption"))
            spec_t.append(a)
            svg_t.append(b)
            clean_t.append(c)
            total.append(a + b + c)
        print(f"{n:>6} {statistics.median(spec_t) * 1000:>8.1f} {statistics.median(svg_t) * 1000:>8.1f} "
              f"{statistics.median(clean_t) * 1000:>9.1f} {statistics.median(total) * 1000:>18.1f} "
              f"{max(total) * 1000:>11.1f} {len(svg) / 1000:>7.1f}")


if __name__ == "__main__":
    main()
