"""One measure's page: what it means, its figure beside England, the region and the statistical neighbours,
its months as a table and a trend chart with those benchmarks as lines, its control chart (kpi_spc.py),
how long the work took (kpi_distributions.py, for the timeliness measures) and its teams.

Every figure passes through the reader's `Audience` (presenters.py) before it reaches the template, as on
the dashboard; the charts draw exactly the figures the tables beside them show."""

from datetime import date

from triangulate.benchmarks import selectors as benchmark_selectors
from triangulate.core import charts
from triangulate.core.formatting import date_uk, month_uk
from triangulate.datasets.parsers.annex_a.schema import TEAM_LISTS
from triangulate.kpis import benchmarks
from triangulate.kpis.descriptions import describe
from triangulate.kpis.periods import calendar_months, month_end, year_to
from triangulate.kpis.registry import all_kpis

from . import chart_cache, history, kpi_distributions, kpi_spc, selectors, team_rows
from .history import SNAPSHOT
from .presenters import benchmark_text, number_as_shown, shown, value_text

TEAM_HISTORY_MONTHS = 13  # this month's extract and the twelve before it: a year's change along each row


def detail(spec, upload, audience, show_notes=False):
    """The page's context. `show_notes`: the reader may see analysts' notes on benchmark figures
    (benchmarks Perm.VIEW_NOTES), including that a shipped figure is still to be verified."""
    year = selectors.year_value(upload, spec.id)
    headline = audience.cell(spec.unit, year)
    snapshot = spec.kind == SNAPSHOT
    points = selectors.series(spec.id)
    months = series_rows(spec, upload, year, points, audience, snapshot)
    found = benchmark_selectors.comparators(upload.council, spec.id)
    if not show_notes:
        found = found.without_notes()
    lines = benchmark_lines(spec, found)
    return {
        "description": describe(spec),
        "snapshot": snapshot,
        "headline": shown(headline, audience),
        "comparisons": comparison_rows(spec, headline, found, show_notes),
        "months": months,
        **trend(spec, upload, months, audience, snapshot, lines),
        "benchmark_lines": [{"line": line["reference"].label,
                             "value": benchmark_text(spec, line["value"], computed=line["computed"])}
                            for line in lines],
        **kpi_spc.control_chart(spec, months, audience, y_title=Y_TITLES.get(spec.unit, ""),
                                partial=bool(months) and partial_month(upload, months[-1], snapshot)),
        "distributions": kpi_distributions.for_page(spec, upload, audience),
        "extract_months": extract_months_text(points) if snapshot else "",
        **team_table(spec, upload, year, audience),
    }


# ---- benchmarks -------------------------------------------------------------------------------------

def comparison_rows(spec, headline, found, show_notes):
    """England, the region and the statistical neighbours' average beside the 12-month figure, each with
    where it came from and, unless the council's figure is hidden, better/similar/worse (polarity-aware)."""
    rows = []
    for comparator in found.all:
        if comparator.value is None:
            text = comparator.reason or "No figure"
        else:
            text = f"{benchmark_text(spec, comparator.value, computed=comparator is found.neighbours)} ({comparator.year})"
        label = comparator.label
        if comparator is found.neighbours and comparator.value is not None:
            label = f"Statistical neighbours (average of {comparator.count} of {comparator.of})"
        notes = []
        if comparator.source:
            notes.append(comparator.source + (", derived" if comparator.derived else ""))
        if show_notes and not comparator.verified:
            notes.append("to be verified")
        if comparator.note:
            notes.append(comparator.note)
        rows.append({"label": label, "text": text, "source": "; ".join(notes),
                     # the published figure as the text gives it (:g), for the download's number column
                     "number": None if comparator.value is None else float(f"{comparator.value:g}"),
                     "comparison": None if headline.value_hidden or comparator.value is None
                     else benchmarks.compare(spec.polarity, headline.value, comparator.value)})
    return rows


def benchmark_lines(spec, found):
    """The comparators drawn across the monthly chart, where they measure the same thing: a percentage,
    average or rate (flow rates are annualised month by month), never a national or regional count.
    [{"reference": charts.Reference (its label is the legend's), "name": the words for the finding,
    "year", "value"}]"""
    if spec.unit == "count":
        return []
    lines = []
    for comparator in found.all:
        if comparator.value is None:
            continue
        label, name = f"{comparator.label} ({comparator.year})", comparator.label
        if comparator is found.neighbours:
            label = f"Statistical neighbours ({comparator.year}, {comparator.count} of {comparator.of})"
            name = "statistical neighbours' average"
        lines.append({"reference": charts.Reference(label, comparator.value), "name": name,
                      "computed": comparator is found.neighbours,
                      "year": comparator.year, "value": comparator.value})
    return lines


# ---- the months -------------------------------------------------------------------------------------

def extract_months_text(points):
    """Which months of a snapshot series have an extract, in a few words."""
    if not points:
        return ""
    have = [p for p in points if p.extract_date is not None]
    missing = [p for p in points if p.extract_date is None]
    if not missing:
        return f"Each of the last {len(points)} months has an extract."
    if not have:
        return f"None of the last {len(points)} months has an extract."
    names = have if len(have) <= len(missing) else missing
    listed = ", ".join(month_uk(p.month_end) for p in names)
    verb = "has" if len(have) == 1 else "have"
    if names is have:
        return f"{len(have)} of the last {len(points)} months {verb} an extract: {listed}."
    return f"{len(have)} of the last {len(points)} months {verb} an extract; these do not: {listed}."


def month_start(point):
    return date(point.month_end.year, point.month_end.month, 1)


def month_cells(spec, upload, year, points, audience, snapshot):
    """Each month's cell for the reader, with whether it was protected on its own (`single`). A flow KPI's months of
    the dashboard's year add up to the year's figure (when the extract ends a month), so for controlled readers
    they are protected as one table. The page's rows and the data feed's both take their cells from here."""
    cells = {}
    if not snapshot and audience.controlled and year is not None:
        period = year_to(upload.extract_date)
        if period.start.day == 1:
            in_year = {i: p for i, p in enumerate(points) if period.start <= month_start(p) <= period.end}
            cells, _ = audience.table(spec.unit, in_year, year)
    return [(cells.get(i) or audience.cell(spec.unit, point), i not in cells) for i, point in enumerate(points)]


def series_rows(spec, upload, year, points, audience, snapshot):
    """One row per month, oldest first, with the cells of `month_cells`."""
    rows = []
    for point, (cell, single) in zip(points, month_cells(spec, upload, year, points, audience, snapshot)):
        row = {"month": month_uk(point.month_end), "start": month_start(point),
               **shown(cell, audience, single=single)}
        if snapshot:
            row["extract"] = date_uk(point.extract_date) if point.extract_date else "No extract"
            if point.extract_date is None:
                row.update(value="–", of="", excluded="", warning="", number=None)
        rows.append(row)
    return rows


def partial_month(upload, row, snapshot):
    """True when `row` is a flow measure's month that the extract ends part-way through."""
    return (not snapshot and month_end(upload.extract_date) == month_end(row["start"])
            and upload.extract_date != month_end(upload.extract_date))


# ---- the trend chart -------------------------------------------------------------------------------

Y_TITLES = {"count": "Number", "pct": "Per cent", "ratio": "Per 100", "rate": "Per 10,000 children",
            "mean": "Average", "median": "Median"}


def trend(spec, upload, months, audience, snapshot, lines=()):
    """The monthly series as a chart of exactly the figures the month-by-month table shows (a hidden
    month is a gap), with the benchmarks as dashed lines, and a one-line finding: the latest figure
    against the same month a year earlier, then the benchmarks. Judging the trend (special causes) is
    left to the control chart."""
    finding = trend_finding(spec, upload, months, lines, snapshot)
    if not any(row["number"] is not None for row in months):
        return {"trend": None, "trend_finding": finding}
    points = [{"series": upload.council.name, "date": row["start"], "value": row["number"]} for row in months]
    chart = chart_cache.draw(charts.line, "trend", points, y_title=Y_TITLES.get(spec.unit, ""),
                             percent=spec.unit == "pct", references=[line["reference"] for line in lines])
    return {"trend": chart, "trend_finding": finding}


def trend_finding(spec, upload, months, lines, snapshot):
    shown_rows = [i for i, row in enumerate(months) if row["number"] is not None]
    if not shown_rows:
        return "No monthly figure can be shown yet."
    latest = months[shown_rows[-1]]
    when = latest["month"]
    if partial_month(upload, latest, snapshot):
        when = f"{when}, to {date_uk(upload.extract_date)}"
    text = f"Latest {latest['value']} ({when})"
    year_before = shown_rows[-1] - 12
    if year_before >= 0 and months[year_before]["number"] is not None:
        before = months[year_before]
        if before["value"] == latest["value"]:
            text += f", the same as a year earlier ({before['month']})"
        else:
            direction = "up" if latest["number"] > before["number"] else "down"
            text += f", {direction} from {before['value']} a year earlier ({before['month']})"
    for line in lines:
        text += f"; {line['name']} {benchmark_text(spec, line['value'], computed=line['computed'])} ({line['year']})"
    return text + "."


# ---- teams -------------------------------------------------------------------------------------------

def lists_without_team(spec):
    read = spec.lists_read or spec.lists
    return sorted(n for n in read if n not in TEAM_LISTS)


def no_team_reason(spec):
    """Why a KPI has no team breakdown (kpis.md "Breakdowns"), or "" when it has one."""
    if not spec.by_team:
        lists = lists_without_team(spec)
        if not lists:
            return "This measure has no team breakdown."
        if len(lists) == 1:
            return f"This measure has no team breakdown: list {lists[0]} has no team column."
        named = ", ".join(str(n) for n in lists[:-1]) + f" and {lists[-1]}"
        return f"This measure has no team breakdown: lists {named} have no team column."
    if spec.unit == "rate":
        return ("Rates per 10,000 children are not broken down by team: a team has no child population of its "
                "own. The count behind this rate is.")
    return ""


def team_table(spec, upload, year, audience):
    """The KPI by allocated team, with the council total, or the reason there is no breakdown."""
    reason = no_team_reason(spec)
    base = all_kpis().get(spec.of) if spec.unit == "rate" and spec.of else None
    if reason:
        return {"teams": None, "teams_total": None, "no_teams": reason, "count_kpi": base, "unmapped": []}
    stored, unmapped = team_rows.by_council_team(spec.unit, selectors.team_values(upload, spec.id), upload.council)
    cells, total = audience.table(spec.unit, stored, year)
    rows = [{"team": team, **shown(cell, audience, single=False)} for team, cell in cells.items()]
    if not rows:
        return {"teams": None, "teams_total": None, "no_teams": "No team figures were stored for this measure.",
                "count_kpi": None, "unmapped": []}
    return {"teams": rows, "teams_total": shown(total, audience) if total is not None else None,
            "no_teams": "", "count_kpi": None, "unmapped": unmapped,
            "team_history": team_history(spec, upload, audience)}


def team_history(spec, upload, audience, months=TEAM_HISTORY_MONTHS):
    """Each team's figure at each monthly extract of the last `months` months (a team slipping, or
    improving, shows along its row): {"months": [label], "rows": [{"team", "values", "numbers"}]}. Each extract's
    column is protected as its own table against that extract's council figure."""
    calendar = calendar_months(upload.extract_date, months)
    chosen = history.uploads_by_month(calendar)
    by_team = {}
    for month in calendar:
        extract = chosen.get(month.end)
        if extract is None:
            continue
        stored, _ = team_rows.by_council_team(spec.unit, selectors.team_values(extract, spec.id), upload.council)
        cells, _ = audience.table(spec.unit, stored, selectors.year_value(extract, spec.id))
        for team, cell in cells.items():
            by_team.setdefault(team, {})[month.end] = cell
    rows = []
    for team, found in sorted(by_team.items()):
        along = [found.get(m.end) for m in calendar]  # None: no figure for the team that month
        rows.append({"team": team, "values": ["–" if c is None else value_text(c, audience, False) for c in along],
                     # each shown figure as a number too (None where the text is "suppressed" or "–"), for downloads
                     "numbers": [None if c is None or c.value_hidden else number_as_shown(c.value) for c in along]})
    return {"months": [{"label": f"{m.end:%b %Y}", "extract": m.end in chosen} for m in calendar], "rows": rows}
