"""The performance overview as a scorecard a head of service reads each week, and the councillor view.

Each measure, in the sections of kpis.md: its figure for the 12 months to the chosen extract (or its
position on that date), what it is of, a sparkline of its months, which way it moved since the monthly
extract before, England's, the region's and the statistical neighbours' figures (with their year), a
judgement against England, and whether its latest month shows a special cause (kpis/spc.py).

Where the figures come from, so they equal the KPI page's and the engine's:
- the stored values of the chosen extract (selectors.year_values' rows) and its months as history.py
  reads them (`read_values` gives the same points as history.series, for every KPI in a few queries, and
  for an earlier extract when one is chosen); the months pass through kpi_page.series_rows, the KPI
  page's own disclosure of them;
- the period is a *monthly extract*: the published upload that speaks for its month (history.py's rule:
  latest extract date, then latest upload); "since" compares with the monthly extract before it;
- comparators from benchmarks.selectors.comparators_for, in two queries for all the measures.

Disclosure (presenters.Audience): every figure is the reader's cell. For aggregate-only readers a
direction is given only when both figures are shown, and in words alone (the earlier extract's 12-month
total beside this one's, less the months shown, could undo the months' secondary suppression); a
judgement only when the figure is shown; a signal only when no month is hidden (kpi_spc.py's rule).
Analysts' notes on comparators, and whether a shipped figure is derived or still to be verified, are
given only to readers with benchmarks' VIEW_NOTES; everyone else's comparators have no notes at all.
"""

from dataclasses import dataclass

from django.db.models import Q

from triangulate.benchmarks import selectors as benchmark_selectors
from triangulate.core.formatting import date_uk
from triangulate.datasets.models import Upload
from triangulate.kpis import benchmarks, spc
from triangulate.kpis.periods import calendar_months, month_end
from triangulate.kpis.registry import all_kpis

from .headlines import headlines, what_good_looks_like
from .history import FLOW, SNAPSHOT, SeriesPoint
from .kpi_page import partial_month, series_rows
from .models import KpiValue
from .presenters import benchmark_text, number_as_shown, shown, value_text
from .selectors import SECTION_ORDER
from .sparkline import sparkline

MONTHS = 24  # as history.series: two years, so a month can be read against the same month a year before


# ---- the period ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    upload: object  # the monthly extract shown, or None when nothing is published
    previous: object  # the monthly extract before it ("since"), or None
    extracts: list  # every monthly extract, newest first: the period selector's choices
    unknown: str = ""  # an extract date asked for that is not a monthly extract (the latest is shown)


def monthly_extracts():
    """The published upload that speaks for each calendar month (history.uploads_by_month's rule),
    newest first."""
    chosen = {}
    uploads = (Upload.objects.filter(status=Upload.Status.SUCCEEDED).select_related("council")
               .defer("row_counts", "headings", "teams", "error").order_by("extract_date", "id"))
    for upload in uploads:  # later extract dates, then later uploads, overwrite earlier ones in their month
        chosen[month_end(upload.extract_date)] = upload
    return sorted(chosen.values(), key=lambda u: u.extract_date, reverse=True)


def choose_period(query):
    """The extract asked for as ?extract=YYYY-MM-DD, else the latest; and the one before it."""
    extracts = monthly_extracts()
    asked = query.get("extract", "")
    chosen = next((u for u in extracts if u.extract_date.isoformat() == asked), None) if asked else None
    current = chosen or (extracts[0] if extracts else None)
    previous = None
    if current is not None:
        i = extracts.index(current)
        previous = extracts[i + 1] if i + 1 < len(extracts) else None
    return Period(current, previous, extracts, unknown=asked if asked and chosen is None else "")


# ---- stored values -----------------------------------------------------------------------------------

@dataclass
class Reads:
    years: dict  # (upload pk, kpi id) -> the stored 12-month KpiValue
    series: dict  # kpi id -> [SeriesPoint], as history.series

    def year(self, upload, kpi_id):
        return self.years.get((upload.pk, kpi_id)) if upload is not None else None


FIELDS = ("upload_id", "kpi_id", "period_start", "value", "numerator", "denominator", "excluded")


def read_values(period, specs, months=MONTHS, with_series=True):
    """The chosen and previous extracts' 12-month values and (with_series) each KPI's monthly series to
    the chosen extract: a flow KPI's months from the chosen extract itself, a snapshot KPI's from each
    month's extract at its own date (kpis.md "History"). Two queries."""
    upload, previous = period.upload, period.previous
    flow = [s.id for s in specs if s.kind == FLOW]
    snapshot = [s.id for s in specs if s.kind != FLOW]
    wanted = Q(upload__in=[u.pk for u in (upload, previous) if u is not None], kpi_id__in=[s.id for s in specs])
    calendar = calendar_months(upload.extract_date, months)
    by_month = {}
    if with_series:
        by_month = {month_end(u.extract_date): u for u in period.extracts
                    if calendar[0].start <= u.extract_date <= calendar[-1].end}
        wanted |= Q(upload__in=[u.pk for u in by_month.values()], kpi_id__in=snapshot)
    years = {(row.upload_id, row.kpi_id): row
             for row in KpiValue.objects.filter(wanted, team="", span=KpiValue.Span.YEAR).only(*FIELDS)}
    series = {}
    if with_series:
        flows = {}
        for row in KpiValue.objects.filter(upload=upload, kpi_id__in=flow, team="", span=KpiValue.Span.MONTH,
                                           period_start__gte=calendar[0].start,
                                           period_end__lte=calendar[-1].end).only(*FIELDS):
            flows.setdefault(row.kpi_id, {})[row.period_start] = row
        for kpi_id in flow:
            series[kpi_id] = [_point(m, flows.get(kpi_id, {}).get(m.start)) for m in calendar]
        for kpi_id in snapshot:
            series[kpi_id] = [_point(m, years.get((by_month[m.end].pk, kpi_id)), by_month[m.end].extract_date)
                              if m.end in by_month else _point(m, None) for m in calendar]
    return Reads(years, series)


def _point(month, row, extract_date=None):
    if row is None:
        return SeriesPoint(month.end, None, None, None, None, None)
    return SeriesPoint(month.end, row.value, row.numerator, row.denominator, row.excluded, extract_date)


# ---- one measure --------------------------------------------------------------------------------------

ICONS = {1: "↑", -1: "↓", 0: "→"}


def direction_word(polarity, move):
    """"Improving", "Worsening" or "No change" for a measure with a better way; "Up" or "Down" otherwise."""
    if move == 0:
        return "No change"
    if polarity == "contextual":
        return "Up" if move > 0 else "Down"
    return "Improving" if (move > 0) == (polarity == "higher") else "Worsening"


def change(spec, cell, before, previous, audience):
    """Which way the figure moved since the previous monthly extract's. Figures that read the same on the
    page (84.21% and 84.24% are both 84.2%) are "No change": the words never contradict the figures."""
    if previous is None:
        return {"word": "", "reason": "No earlier extract"}
    if cell.value_hidden or (before is not None and before.value_hidden):
        return {"word": "", "reason": "Not shown, to protect small numbers"}
    if before is None or before.value is None or cell.value is None:
        return {"word": "", "reason": "No figure to compare"}
    now, then = value_text(cell, audience), value_text(before, audience)
    move = 0 if now == then else (1 if cell.value > before.value else -1)
    return {"word": direction_word(spec.polarity, move), "icon": ICONS[move], "move": move,
            "from": "" if audience.controlled else then, "since": date_uk(previous.extract_date), "reason": ""}


def comparator_cell(spec, comparator, show_notes, neighbours=False):
    if spec.unit == "count":  # a national or regional count measures a different population
        return {"value": "", "reason": "Not comparable: a count"}
    if comparator.value is None:
        return {"value": "", "reason": comparator.reason or "No figure"}
    detail = comparator.year or ""
    if neighbours:
        detail += f", {comparator.count} of {comparator.of}"
    flags = []
    if show_notes:  # analysts only: councillors and others never read "to be verified"
        flags = [flag for flag, on in (("derived", comparator.derived), ("to be verified", not comparator.verified))
                 if on]
    return {"value": benchmark_text(spec, comparator.value, computed=neighbours), "detail": detail,
            "flags": flags, "reason": ""}


def judge(spec, cell, england):
    """Better, similar or worse than England, polarity-aware; None for a count, a hidden figure, a measure
    with no better way, or no England figure."""
    if spec.unit == "count" or cell.value_hidden or cell.value is None or england.value is None:
        return None
    return benchmarks.compare(spec.polarity, cell.value, england.value)


SIGNAL_TEXT = {"concern": "Special cause – concern", "improvement": "Special cause – improvement",
               "neutral": "Special cause – neither better nor worse"}


def rule_text(point):
    high = point.direction > 0
    return {
        spc.OUTSIDE: "above the upper limit" if high else "below the lower limit",
        spc.TREND_RULE: f"{'rising' if high else 'falling'} {spc.TREND} months in a row or more",
        spc.TWO_OF_THREE: "near the upper limit" if high else "near the lower limit",
        spc.SHIFT_RULE: f"{'above' if high else 'below'} the average {spc.SHIFT} months in a row or more",
    }[point.rule]


def signal(spec, upload, months, audience, snapshot):
    """The latest month's place on the measure's control chart (kpi_spc.py's months and rules): a
    special cause's meaning and rule, "No signal", or why there is no chart."""
    if audience.controlled and any(row["hidden"] for row in months):
        return {"meaning": None, "text": "", "reason": "Not shown: months suppressed"}
    rows = months
    if months and spec.unit == "count" and partial_month(upload, months[-1], snapshot):
        rows = months[:-1]  # half a month's count is not a month's (kpi_spc.py)
    rows = [row for row in rows if row["number"] is not None]
    chart = spc.xmr([row["month"] for row in rows], [row["number"] for row in rows], spec.polarity)
    if isinstance(chart, spc.NoChart):
        return {"meaning": None, "text": "", "reason": f"Too few months ({len(rows)} of {spc.MIN_POINTS})"}
    latest = chart.latest
    if latest.rule is None:
        return {"meaning": "common cause", "text": "No signal", "reason": "", "month": latest.label}
    return {"meaning": latest.meaning, "text": SIGNAL_TEXT[latest.meaning], "rule": rule_text(latest),
            "month": latest.label, "reason": ""}


def trend(spec, upload, months, snapshot):
    """The sparkline of the months as the reader may see them, named by its first, latest, lowest and
    highest figures. A count's month the extract ends part-way through is left out (it is not a month's)."""
    if months and spec.unit == "count" and partial_month(upload, months[-1], snapshot):
        months = months[:-1]
    have = [row for row in months if row["number"] is not None]
    if len(have) < 2:
        return {"svg": None, "label": "Too few months with a figure to draw a trend"}
    first, last = have[0], have[-1]
    low, high = min(have, key=lambda r: r["number"]), max(have, key=lambda r: r["number"])
    label = (f"{spec.title}, {first['month']} to {last['month']}: {first['value']} to {last['value']}; "
             f"lowest {low['value']} ({low['month']}), highest {high['value']} ({high['month']})")
    return {"svg": sparkline([row["number"] for row in months], label=label, percent=spec.unit == "pct"),
            "label": label}


def measure(spec, period, reads, found, audience, show_notes):
    upload = period.upload
    year = reads.year(upload, spec.id)
    cell = audience.cell(spec.unit, year)
    snapshot = spec.kind == SNAPSHOT
    months = series_rows(spec, upload, year, reads.series[spec.id], audience, snapshot)
    before = audience.cell(spec.unit, reads.year(period.previous, spec.id)) if period.previous else None
    return {
        "spec": spec, "snapshot": snapshot, **shown(cell, audience),
        "trend": trend(spec, upload, months, snapshot),
        "change": change(spec, cell, before, period.previous, audience),
        "england": comparator_cell(spec, found.england, show_notes),
        "region": comparator_cell(spec, found.region, show_notes),
        "neighbours": comparator_cell(spec, found.neighbours, show_notes, neighbours=True),
        "judgement": judge(spec, cell, found.england),
        "signal": signal(spec, upload, months, audience, snapshot),
        "notes": found.notes if show_notes else [],
    }


# ---- the page ----------------------------------------------------------------------------------------

def scorecard(period, audience, show_notes=False):
    """{"sections": [(section, rows)] in kpis.md's order, "signals": the measures whose latest month is a
    special cause, "region": the region's name for its column}."""
    specs = list(all_kpis().values())
    reads = read_values(period, specs)
    found = benchmark_selectors.comparators_for(period.upload.council, [s.id for s in specs])
    sections = {}
    for spec in specs:
        comparators = found[spec.id] if show_notes else found[spec.id].without_notes()
        sections.setdefault(spec.section or "Other", []).append(
            measure(spec, period, reads, comparators, audience, show_notes))
    order = SECTION_ORDER
    ordered = sorted(sections.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    signals = [row for _, rows in ordered for row in rows if row["signal"]["meaning"] in SIGNAL_TEXT]
    region = next((c.region.label for c in found.values() if c.region.label != "Region"), "Region")
    return {"sections": ordered, "signals": signals, "region": region}


def councillor_view(period, audience):
    """The headline measures (headlines.py) with the council's figure, direction and judgement, and what
    good looks like. No analysts' notes, whoever reads it."""
    chosen = headlines()
    specs = [spec for _, spec in chosen]
    reads = read_values(period, specs, with_series=False)
    found = benchmark_selectors.comparators_for(period.upload.council, [s.id for s in specs])
    rows = []
    for headline, spec in chosen:
        cell = audience.cell(spec.unit, reads.year(period.upload, spec.id))
        before = audience.cell(spec.unit, reads.year(period.previous, spec.id)) if period.previous else None
        england = found[spec.id].england
        rows.append({"headline": headline, "spec": spec, "snapshot": spec.kind == SNAPSHOT, **shown(cell, audience),
                     "change": change(spec, cell, before, period.previous, audience),
                     "good": what_good_looks_like(spec, england, benchmark_text),
                     "judgement": judge(spec, cell, england)})
    return rows


# ---- the download ------------------------------------------------------------------------------------

# "Number": the value as a number (as the page rounds it), blank when hidden or missing, to sort and chart
HEADERS = ["Section", "Measure", "Period", "Value", "Number", "Of", "Excluded", "Coverage warning", "Since previous extract",
           "Previous extract", "England", "Region", "Statistical neighbours", "Compared with England",
           "Signal (latest month)"]
NOTES_HEADER = "Notes on comparators (analysts)"
JUDGEMENT_WORDS = {"better": "Better", "worse": "Worse", "similar": "Similar"}


def headers(show_notes):
    return HEADERS + ([NOTES_HEADER] if show_notes else [])


def _comparator_text(cell):
    if not cell["value"]:
        return cell["reason"]
    flags = "".join(f"; {flag}" for flag in cell["flags"])
    return f"{cell['value']} ({cell['detail']}{flags})"


def download_rows(board, upload, show_notes):
    """The scorecard as rows of the very texts the page shows the same reader (after the same disclosure
    control), so a download never holds a figure the page hid."""
    year, day = f"12 months to {date_uk(upload.extract_date)}", f"Snapshot on {date_uk(upload.extract_date)}"
    out = []
    for section, rows in board["sections"]:
        for row in rows:
            moved = row["change"]
            since = moved["word"] + (f", from {moved['from']}" if moved.get("from") else "") or moved["reason"]
            sig = row["signal"]
            signal_text = (f"{sig['text']} ({sig['rule']})" if sig.get("rule") else sig["text"]) or sig["reason"]
            line = [section, row["spec"].title, day if row["snapshot"] else year, row["value"],
                    number_as_shown(row["number"]), row["of"],
                    row["excluded"], row["warning_tag"], since, moved.get("since", ""),
                    _comparator_text(row["england"]), _comparator_text(row["region"]),
                    _comparator_text(row["neighbours"]), JUDGEMENT_WORDS.get(row["judgement"], ""), signal_text]
            if show_notes:
                line.append("; ".join(f"{label}: {note}" for label, note in row["notes"]))
            out.append(line)
    return out

