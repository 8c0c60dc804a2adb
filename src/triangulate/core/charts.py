"""Charts drawn on the server: a Vega-Lite spec (usually built with Vega-Altair) rendered to SVG by
vl-convert, then rebuilt from an allowlist so a page under our strict CSP can embed it inline.

    from triangulate.core import charts
    chart = charts.render(charts.line(points, y_title="Per cent", percent=True,
                                      references=[charts.Reference("England (2024-25)", 85.7)]), id="trend")
    # template: {% call(row) chart(chart, "Caption", finding, columns, rows) %}...{% endcall %}
    #           (components/chart.html, which also writes the chart's data table)

Why the SVG is rebuilt rather than passed through:
- CSP (`style-src 'self'`): a `style` attribute or `<style>` element would be blocked (and reported), so
  only presentation attributes (fill, stroke, font-size...) are kept; vl-convert 1.9 emits no style, and
  the allowlist keeps it that way if a later version or a spec option starts to.
- Labels come from data (team names): vl-convert escapes text, and we re-serialise with ElementTree,
  which escapes every text and attribute again; no element or attribute outside the allowlist survives
  (no script, foreignObject, link, event handler or external url()).
- Accessibility: the chart is one image (`role="img"`) named by its caption and one-line finding
  (`aria-labelledby`); Vega's per-mark ARIA is dropped because an image's children are presentational,
  and the figures themselves are read from the data table beside the chart, never only from the picture.
- Several charts on one page: Vega numbers its clip paths clip1, clip2... in every chart, so ids are
  prefixed with the chart's id.

Cost: rendering is ~0.1 s for a 60-point line once vl-convert's engine has started in the process (the
first render also starts it: ~0.6 s); `bench/charts_bench.py` prints the figures. Nothing is cached here: a
spec carries the figures one reader may see (after disclosure control). A page that draws the same figures
for many readers may keep pictures keyed by every figure drawn (performance/chart_cache.py).
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

# Altair and vl-convert (~0.4 s to import) are imported by the functions that draw, so the commands and
# workers that load the URLconf but draw nothing do not pay for them.

SVG_NS = "http://www.w3.org/2000/svg"

# GOV.UK colours: blue for the council's own series, then dark grey (England), then others; every
# one has at least 3:1 contrast with white (WCAG 1.4.11). Series also differ by dash, not colour alone.
COLOURS = ("#1d70b8", "#505a5f", "#d4351c", "#00703c", "#4c2c92", "#f47738")
DASHES = ((1, 0), (6, 4), (2, 2), (8, 3, 2, 3))
WIDTH, HEIGHT = 640, 300  # the whole SVG, axes included: a GOV.UK two-thirds column at 1:1

# Applied to every chart so they look alike: the site's font (Arial, as the brand), readable sizes.
CONFIG = {
    "aria": False,
    "font": "arial, sans-serif",
    "background": "#ffffff",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 14, "titleFontSize": 14, "titleFontWeight": "normal", "labelColor": "#0b0c0c",
             "titleColor": "#0b0c0c", "domainColor": "#505a5f", "tickColor": "#505a5f", "gridColor": "#e5e5e5"},
    "legend": {"labelFontSize": 14, "orient": "top", "title": None, "symbolStrokeWidth": 3, "symbolSize": 300,
               "labelLimit": 400},
    "line": {"strokeWidth": 3},
    "point": {"size": 50, "filled": True},
}

ELEMENTS = {"svg", "g", "path", "rect", "line", "circle", "text", "tspan", "defs", "clipPath"}
ATTRIBUTES = {
    "width", "height", "viewBox", "version", "class", "id", "transform", "d", "x", "y", "x1", "x2", "y1", "y2",
    "cx", "cy", "r", "rx", "ry", "points", "clip-path", "display", "opacity", "pointer-events",
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-dashoffset",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
}
LOCAL_URL = re.compile(r"url\(#([A-Za-z0-9_-]+)\)")


@dataclass(frozen=True)
class Chart:
    """A rendered chart: its SVG (safe to embed) and the id its caption and finding are named from."""

    id: str
    svg: Markup

    @property
    def caption_id(self):
        return f"{self.id}-caption"

    @property
    def finding_id(self):
        return f"{self.id}-finding"


@dataclass(frozen=True)
class Reference:
    """A horizontal line at a fixed value (England's published figure, a target), labelled in the legend."""

    label: str
    value: float


def render(chart, *, id):
    """The chart (an Altair chart or a Vega-Lite dict) as a `Chart` whose SVG is labelled by the
    caption and finding that components/chart.html writes from the same id."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", id):
        raise ValueError("a chart id is lower-case letters, digits and hyphens")
    spec = chart.to_dict() if hasattr(chart, "to_dict") else dict(chart)
    spec["config"] = {**CONFIG, **spec.get("config", {})}
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    return Chart(id, Markup(clean_svg(svg, id=id, labelledby=f"{id}-caption {id}-finding")))


def clean_svg(svg, *, id, labelledby):
    """Rebuild vl-convert's SVG from the allowlists above, as one labelled image."""
    if "<!DOCTYPE" in svg or "<!ENTITY" in svg:  # never emitted by vl-convert; refused so no entity expands
        raise ValueError("unexpected DTD in chart SVG")
    root = ET.fromstring(svg)
    if _local(root.tag) != "svg":
        raise ValueError("chart output is not an SVG")
    _clean(root, id)
    width, height = root.get("width"), root.get("height")
    if "viewBox" not in root.attrib and width and height:
        root.set("viewBox", f"0 0 {width} {height}")
    # scales to its container's width, keeping its shape (a phone gets a smaller picture, not a scroll bar)
    root.set("width", "100%")
    root.attrib.pop("height", None)
    root.set("xmlns", SVG_NS)
    root.set("class", "app-chart__image")
    root.set("role", "img")
    root.set("aria-labelledby", labelledby)
    root.set("focusable", "false")
    return ET.tostring(root, encoding="unicode")


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _clean(element, id):
    element.tag = _local(element.tag)
    for name, value in list(element.attrib.items()):
        del element.attrib[name]
        name = _local(name)
        if name not in ATTRIBUTES or "javascript:" in value.lower():
            continue
        if "url(" in value:
            if not LOCAL_URL.fullmatch(value.strip()):
                continue  # only references to this chart's own clip paths
            value = LOCAL_URL.sub(lambda m: f"url(#{id}-{m.group(1)})", value)
        if name == "id":
            value = f"{id}-{value}"
        element.set(name, value)
    for child in list(element):
        if _local(child.tag) in ELEMENTS:
            _clean(child, id)
        else:
            element.remove(child)


# ---- a line over time ----------------------------------------------------------------------------------

def line(points, *, y_title, percent=False, references=(), width=WIDTH, height=HEIGHT):
    """Lines over time, one per series, with optional horizontal reference lines.

    points: dicts {"series": name, "date": date (a month is its first day), "value": float or None}; a None
    value leaves a gap (a month with no figure, or one hidden by disclosure control), never a zero.
    Series keep the order they first appear in; references follow them in the legend.
    percent: the y axis runs from 0 to 100.
    """
    import altair as alt

    series = list(dict.fromkeys(p["series"] for p in points))
    names = series + [r.label for r in references]
    colour = alt.Color("series:N", scale=alt.Scale(domain=names, range=list(COLOURS[:len(names)])),
                       legend=alt.Legend(symbolType="stroke", columns=legend_columns(names, width)))
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=names, range=[list(DASHES[i % len(DASHES)])
                                                                           for i in range(len(names))]))
    y_scale = alt.Scale(domain=[0, 100]) if percent else alt.Scale(zero=True, nice=True)
    values = [{"series": p["series"], "date": _iso(p["date"]), "value": p["value"]} for p in points]
    drawn = alt.Chart(alt.Data(values=values)).mark_line(point=True).encode(
        x=alt.X("date:T", timeUnit="utcyearmonth", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0,
                                                                             labelOverlap=True)),
        y=alt.Y("value:Q", title=y_title, scale=y_scale),
        color=colour, strokeDash=dash,
    )
    layers = [drawn]
    if references:
        rules = [{"series": r.label, "value": r.value} for r in references]
        layers.append(alt.Chart(alt.Data(values=rules)).mark_rule(strokeWidth=2).encode(
            y="value:Q", color=colour, strokeDash=dash))
    return alt.layer(*layers).properties(width=width, height=height, autosize={"type": "fit", "contains": "padding"})


def legend_columns(names, width):
    """How many legend entries fit side by side in `width`: the rest wrap onto further rows, rather than run off
    the chart's edge (Vega lays a top legend out in one row unless told). An entry is its 40 px symbol and gap and
    its label at 14 px Arial: Vega measures under 6 px a character on our labels, and 7.5 keeps a margin."""
    widest = 40 + 7.5 * max((len(name) for name in names), default=0)
    return max(1, min(len(names), int(width // widest)))


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


# ---- a statistical process control chart (NHS "Making Data Count") -----------------------------------

# What a point means, as Making Data Count draws it: grey for common cause, blue for improvement, orange
# for concern, purple for a special cause that is neither; each also has its own shape and legend label,
# so no judgement rests on colour alone. The colours keep at least 3:1 contrast with white (WCAG 1.4.11).
SPC_MEANINGS = {
    "common cause": ("Common cause variation", "#6f777b", "circle"),
    "improvement": ("Special cause: improvement", "#1d70b8", "square"),
    "concern": ("Special cause: concern", "#b35900", "diamond"),
    "neutral": ("Special cause: neither better nor worse", "#4c2c92", "triangle-up"),
}


def spc(points, *, mean, limits, y_title, width=WIDTH, height=HEIGHT):
    """An XmR chart: the values joined by a thin line, each point coloured and shaped by its meaning
    (`SPC_MEANINGS`), the mean as a solid line and the natural process limits as dashed lines.

    points: dicts {"date": date (a month is its first day), "value": float, "meaning": a key of
    SPC_MEANINGS}; only the periods with a value (an XmR chart has no gaps).
    mean: a Reference (its label is the legend's, e.g. "Mean 84.2%"); limits: a Reference for the upper
    and one for the lower limit, or None for a limit not drawn (a percentage's limit beyond 0 or 100).
    """
    import altair as alt

    values = [{"date": _iso(p["date"]), "value": p["value"], "meaning": SPC_MEANINGS[p["meaning"]][0]}
              for p in points]
    x = alt.X("date:T", timeUnit="utcyearmonth", title=None,
              axis=alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True))
    every = [p["value"] for p in points] + [r.value for r in (mean, *limits) if r is not None]
    low, high = min(every), max(every)
    pad = (high - low) * 0.08 or 1
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=[low - pad, high + pad], zero=False, nice=False))

    lines = [{"line": mean.label, "value": mean.value}]
    limit_label = next((r.label for r in limits if r is not None), None)
    lines += [{"line": limit_label, "value": r.value} for r in limits if r is not None]
    names = list(dict.fromkeys(row["line"] for row in lines))
    line_scale = dict(domain=names, range=["#0b0c0c", "#505a5f"][:len(names)])
    rules = alt.Chart(alt.Data(values=lines)).mark_rule(strokeWidth=2).encode(
        y="value:Q",
        color=alt.Color("line:N", scale=alt.Scale(**line_scale), legend=alt.Legend(symbolType="stroke", orient="top")),
        strokeDash=alt.StrokeDash("line:N", scale=alt.Scale(domain=names, range=[[1, 0], [6, 4]][:len(names)]),
                                  legend=alt.Legend(orient="top")),
    )
    path = alt.Chart(alt.Data(values=values)).mark_line(strokeWidth=1.5, color="#b1b4b6").encode(x=x, y=y)
    shown = [m for m in SPC_MEANINGS.values() if any(v["meaning"] == m[0] for v in values)]
    marks = alt.Chart(alt.Data(values=values)).mark_point(filled=True, size=90, opacity=1).encode(
        x=x, y="value:Q",
        fill=alt.Fill("meaning:N", scale=alt.Scale(domain=[m[0] for m in shown], range=[m[1] for m in shown]),
                      legend=alt.Legend(orient="bottom", symbolSize=120)),
        shape=alt.Shape("meaning:N", scale=alt.Scale(domain=[m[0] for m in shown], range=[m[2] for m in shown]),
                        legend=alt.Legend(orient="bottom")),
    )
    return (alt.layer(rules, path, marks)
            .resolve_scale(color="independent", strokeDash="independent")
            .properties(width=width, height=height, autosize={"type": "fit", "contains": "padding"}))


# ---- bars: a distribution in bins ----------------------------------------------------------------------

def bars(items, *, y_title, x_title=None, groups=(), width=WIDTH, height=HEIGHT):
    """Vertical bars in the order given, each labelled with its value above it.

    items: dicts {"label": str (the axis label), "value": a count or None, "group": str}; a None value
    draws no bar (a figure hidden by disclosure control), never a zero, while its label stays on the axis.
    groups: the groups' names in legend order (e.g. "Within 45 working days", "Over 45 working days"):
    coloured from COLOURS, and named in the legend; the axis labels and the data table say the same.
    """
    import altair as alt

    groups = list(groups) or list(dict.fromkeys(i["group"] for i in items))
    values = [{"label": i["label"], "value": i["value"], "group": i["group"]} for i in items]
    order = [i["label"] for i in items]
    # the axis keeps every bin, in the order given, whether or not it has a bar
    x = alt.X("label:N", sort=order, scale=alt.Scale(domain=order), title=x_title,
              axis=alt.Axis(labelAngle=0, labelLimit=120))
    data = alt.Data(values=values)
    shown = alt.Chart(data).transform_filter("isValid(datum.value)")
    drawn = shown.mark_bar().encode(
        # headroom above the tallest bar for its label
        x=x, y=alt.Y("value:Q", title=y_title, axis=alt.Axis(tickMinStep=1, format=",d"), scale=alt.Scale(
            domain=[0, max([i["value"] for i in items if i["value"] is not None] or [1]) * 1.15], nice=True)),
        color=alt.Color("group:N", scale=alt.Scale(domain=groups, range=list(COLOURS[:len(groups)])),
                        legend=alt.Legend(symbolType="square")),
    )
    labels = shown.mark_text(dy=-8, fontSize=14, color="#0b0c0c").encode(
        x=x, y="value:Q", text=alt.Text("value:Q", format=","))
    # a hidden figure says so where its bar would be, rather than looking like a zero
    hidden = alt.Chart(data).transform_filter("!isValid(datum.value)").transform_calculate(
        zero="0", note="'suppressed'").mark_text(dy=-8, fontSize=14, color="#0b0c0c").encode(
        x=x, y="zero:Q", text="note:N")
    return alt.layer(drawn, labels, hidden).properties(width=width, height=height,
                                                       autosize={"type": "fit", "contains": "padding"})
