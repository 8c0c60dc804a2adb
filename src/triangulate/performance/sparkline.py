"""A sparkline: a measure's monthly history as a word-sized line in a scorecard cell (no Django).

Drawn here rather than by core/charts.py: a scorecard has some 70 of them, and vl-convert takes ~0.1 s a
chart, so 70 would cost seconds a page; a line of a few points needs no chart engine. It keeps
core/charts.py's safety rules by construction: the SVG is built element by element with ElementTree
(which escapes every text and attribute), from a fixed set of elements (svg, path, circle) and
presentation attributes, with coordinates formatted from floats; no style, script, link or url().

It is one image (`role="img"`) named by `label` (the caller says what it shows in words: first, latest,
lowest and highest figures), and never the only way to read the figures: the cell beside it gives the
value and the measure's page gives every month in a table.

    sparkline([80.0, None, 82.5, 84.0], label="Re-referrals, April 2023 to March 2025: ...", percent=True)
"""

import xml.etree.ElementTree as ET

from markupsafe import Markup

WIDTH, HEIGHT, PAD = 120, 32, 4
LINE = "#1d70b8"  # GOV.UK blue: 4.5:1 on white, above WCAG 1.4.11's 3:1 for a graphic
# The smallest vertical range drawn: without one, a wobble of 0.1 percentage points would fill the box and
# read as a swing. A percentage gets 10 points; anything else a tenth of its largest value.
PERCENT_SPAN = 10.0
RELATIVE_SPAN = 0.1


def sparkline(values, *, label, percent=False):
    """The values (oldest first; None is a month with no figure shown: a gap, never a zero) as a safe
    inline SVG, or None when fewer than two values are shown (a line needs two points)."""
    shown = [v for v in values if v is not None]
    if len(shown) < 2:
        return None
    low, high = min(shown), max(shown)
    floor = PERCENT_SPAN if percent else RELATIVE_SPAN * max(abs(low), abs(high))
    if high - low < floor:  # centre a flat or nearly flat series in the smallest range
        middle = (high + low) / 2
        low, high = middle - floor / 2, middle + floor / 2
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def xy(i, v):
        return PAD + i * step, PAD + (high - v) / span * (HEIGHT - 2 * PAD)

    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "width": str(WIDTH), "height": str(HEIGHT),
                             "viewBox": f"0 0 {WIDTH} {HEIGHT}", "role": "img", "aria-label": label,
                             "focusable": "false", "class": "app-sparkline"})
    runs, run = [], []
    for i, v in enumerate(values):
        if v is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(xy(i, v))
    if run:
        runs.append(run)
    d = " ".join("M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in r) for r in runs if len(r) > 1)
    if d:
        ET.SubElement(svg, "path", {"d": d, "fill": "none", "stroke": LINE, "stroke-width": "2",
                                    "stroke-linejoin": "round", "stroke-linecap": "round"})
    # a month alone between gaps is a dot, so it is not lost; the latest month is a larger dot
    for r in runs:
        if len(r) == 1:
            _dot(svg, r[0], 1.5)
    last = max(i for i, v in enumerate(values) if v is not None)
    _dot(svg, xy(last, values[last]), 3)
    return Markup(ET.tostring(svg, encoding="unicode"))


def _dot(svg, point, r):
    ET.SubElement(svg, "circle", {"cx": f"{point[0]:.1f}", "cy": f"{point[1]:.1f}", "r": str(r), "fill": LINE})
