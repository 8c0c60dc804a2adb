"""What the performance pages show, built from stored values: every figure is passed through
`core.disclosure` first (for aggregate-only roles `protect` / `protect_table`, otherwise `open_cell`),
and the templates receive only the resulting text, so they never see a raw figure for those roles."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from triangulate.core import charts, disclosure
from triangulate.core.formatting import date_uk, month_uk, number
from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY
from triangulate.datasets.parsers.annex_a.schema import TEAM_LISTS
from triangulate.kpis import benchmarks
from triangulate.kpis.periods import calendar_months, month_end, year_to
from triangulate.kpis.registry import all_kpis

from . import history, selectors, team_rows
from .history import SNAPSHOT


@dataclass(frozen=True)
class Audience:
    """Whether the reader gets disclosure control (aggregate-only roles) and at what threshold."""

    controlled: bool
    threshold: int = disclosure.THRESHOLD

    @classmethod
    def for_user(cls, user):
        return cls(controlled=role_of(user) in AGGREGATES_ONLY,
                   threshold=settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD))

    def cell(self, unit, figure):
        if self.controlled:
            return disclosure.protect(unit, disclosure.as_figure(figure), self.threshold)
        return disclosure.open_cell(unit, figure)

    def table(self, unit, rows, total):
        """Cells for rows that add up to `total` (shown elsewhere), and the total's cell."""
        if self.controlled:
            return disclosure.protect_table(unit, rows, disclosure.as_figure(total), self.threshold)
        return ({k: disclosure.open_cell(unit, f) for k, f in rows.items()},
                disclosure.open_cell(unit, total) if total is not None else None)


# ---- one figure as text ----------------------------------------------------------------------------

HIDDEN = "suppressed"
TEAM_HISTORY_MONTHS = 13  # this month's extract and the twelve before it: a year's change along each row


def value_text(cell, audience, single=True):
    """A figure's value. A hidden count on its own says "fewer than 6"; in a table every hidden cell says
    "suppressed", so the words do not tell which cell was the small one (core/disclosure.py)."""
    if cell.value_hidden:
        return disclosure.fewer_than(audience.threshold) if single and cell.unit == "count" else HIDDEN
    if cell.value is None:
        return "–"
    if cell.unit in ("pct", "ratio"):
        return f"{cell.value:.1f}%"
    if cell.unit in ("rate", "mean", "median"):
        return f"{cell.value:.1f}"
    return number(cell.value)


def of_text(cell):
    """What a percentage or ratio is of (numerator of denominator), or the cohort of an average."""
    if cell.unit in ("pct", "ratio"):
        if cell.denominator is None:
            return ""
        if cell.numerator is None:
            return f"of {number(cell.denominator)}"
        return f"{number(cell.numerator)} of {number(cell.denominator)}"
    if cell.unit in ("mean", "median") and cell.denominator is not None and cell.value is not None:
        return f"over {number(cell.denominator)}"
    return ""


def excluded_text(cell, audience, single=True):
    if cell.excluded_hidden:
        return disclosure.fewer_than(audience.threshold) if single else HIDDEN
    return number(cell.excluded) if cell.excluded else ""


def warning_text(cell, audience):
    """The coverage warning (kpis.md "Coverage"), or "" when no more than 5% of the cohort was left out."""
    if not disclosure.coverage_warning(cell, audience.threshold):
        return ""
    if cell.excluded_hidden:
        return (f"Fewer than {audience.threshold} records were left out of this figure for a missing or unreadable "
                "value, which may be more than 5% of its cohort.")
    records = "record was" if cell.excluded == 1 else "records were"
    return (f"{number(cell.excluded)} {records} left out of this figure for a missing or unreadable value: "
            "more than 5% of its cohort.")


def shown(cell, audience, single=True):
    warning = warning_text(cell, audience)
    return {"value": value_text(cell, audience, single), "of": of_text(cell),
            "excluded": excluded_text(cell, audience, single), "warning": warning,
            "warning_tag": ("May be over 5%" if cell.excluded_hidden else "Over 5%") if warning else "",
            "hidden": cell.value_hidden,
            # the value itself for charts: None when hidden (a disclosed Cell holds no hidden value)
            "number": None if cell.value_hidden else cell.value}


def england_text(spec, england):
    if england is None:
        return ""
    return f"{england.value:g}%" if spec.unit in ("pct", "ratio") else f"{england.value:g}"


# ---- dashboard ---------------------------------------------------------------------------------------

def dashboard(upload, audience):
    """[(section, rows)], each row one KPI of the 12 months to the extract date (or its snapshot at the
    extract date) beside England, in the order of kpis.md."""
    values = selectors.year_values(upload)
    sections = {}
    for kpi_id, spec in all_kpis().items():
        cell = audience.cell(spec.unit, values.get(kpi_id))
        england = benchmarks.england(kpi_id)
        comparison = None
        if not cell.value_hidden:  # a comparison would narrow a hidden value down
            comparison = benchmarks.compare(spec.polarity, cell.value, england.value if england else None)
        sections.setdefault(spec.section or "Other", []).append({
            "spec": spec, "snapshot": spec.kind == SNAPSHOT, "england": england_text(spec, england),
            "comparison": comparison, **shown(cell, audience),
        })
    order = selectors.SECTION_ORDER
    return sorted(sections.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))


# ---- one KPI ---------------------------------------------------------------------------------------

def detail(spec, upload, audience):
    year = selectors.year_value(upload, spec.id)
    headline = audience.cell(spec.unit, year)
    snapshot = spec.kind == SNAPSHOT
    points = selectors.series(spec.id)
    months = series_rows(spec, upload, year, points, audience, snapshot)
    return {
        "snapshot": snapshot,
        "headline": shown(headline, audience),
        "comparison": None if headline.value_hidden else benchmarks.compare(
            spec.polarity, headline.value, getattr(benchmarks.england(spec.id), "value", None)),
        "months": months,
        **trend(spec, upload, months, audience, snapshot),
        "extract_months": extract_months_text(points) if snapshot else "",
        **team_table(spec, upload, year, audience),
    }


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


def _month_start(point):
    return date(point.month_end.year, point.month_end.month, 1)


def series_rows(spec, upload, year, points, audience, snapshot):
    """One row per month, oldest first. A flow KPI's months of the dashboard's year add up to the year's
    figure (when the extract ends a month), so for controlled readers they are protected as one table."""
    cells = {}
    if not snapshot and audience.controlled and year is not None:
        period = year_to(upload.extract_date)
        if period.start.day == 1:
            in_year = {i: p for i, p in enumerate(points) if period.start <= _month_start(p) <= period.end}
            cells, _ = audience.table(spec.unit, in_year, year)
    rows = []
    for i, point in enumerate(points):
        cell = cells.get(i) or audience.cell(spec.unit, point)
        row = {"month": month_uk(point.month_end), "start": _month_start(point),
               **shown(cell, audience, single=i not in cells)}
        if snapshot:
            row["extract"] = date_uk(point.extract_date) if point.extract_date else "No extract"
            if point.extract_date is None:
                row.update(value="–", of="", excluded="", warning="", number=None)
        rows.append(row)
    return rows


# ---- the trend chart -------------------------------------------------------------------------------

Y_TITLES = {"count": "Number", "pct": "Per cent", "ratio": "Per 100", "rate": "Per 10,000 children",
            "mean": "Average", "median": "Median"}


def england_reference(spec):
    """England's published figure as a line on the monthly chart, where it measures the same thing: a
    percentage, average or rate (flow rates are annualised month by month), never a national count."""
    england = benchmarks.england(spec.id)
    if england is None or spec.unit == "count":
        return None
    return england


def trend(spec, upload, months, audience, snapshot):
    """The monthly series as a chart of exactly the figures the month-by-month table shows (a hidden
    month is a gap), with England's figure as a line, and a one-line finding: the latest figure against
    the same month a year earlier. Judging the trend (special causes) is left to the SPC chart."""
    england = england_reference(spec)
    finding = trend_finding(spec, upload, months, england, snapshot)
    if not any(row["number"] is not None for row in months):
        return {"trend": None, "trend_finding": finding}
    points = [{"series": upload.council.name, "date": row["start"], "value": row["number"]} for row in months]
    references = [charts.Reference(f"England ({england.year})", england.value)] if england else []
    spec_chart = charts.line(points, y_title=Y_TITLES.get(spec.unit, ""), percent=spec.unit == "pct",
                             references=references)
    return {"trend": charts.render(spec_chart, id="trend"), "trend_finding": finding}


def trend_finding(spec, upload, months, england, snapshot):
    shown_rows = [i for i, row in enumerate(months) if row["number"] is not None]
    if not shown_rows:
        return "No monthly figure can be shown yet."
    latest = months[shown_rows[-1]]
    when = latest["month"]
    if not snapshot and month_end(upload.extract_date) == month_end(latest["start"]) \
            and upload.extract_date != month_end(upload.extract_date):
        when = f"{when}, to {date_uk(upload.extract_date)}"  # a month the extract ends part-way through
    text = f"Latest {latest['value']} ({when})"
    year_before = shown_rows[-1] - 12
    if year_before >= 0 and months[year_before]["number"] is not None:
        before = months[year_before]
        if before["value"] == latest["value"]:
            text += f", the same as a year earlier ({before['month']})"
        else:
            direction = "up" if latest["number"] > before["number"] else "down"
            text += f", {direction} from {before['value']} a year earlier ({before['month']})"
    if england is not None:
        text += f"; England {england_text(spec, england)} ({england.year})"
    return text + "."


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
    improving, shows along its row): {"months": [label], "rows": [{"team", "values"}]}. Each extract's
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
            by_team.setdefault(team, {})[month.end] = value_text(cell, audience, False)
    return {
        "months": [{"label": f"{m.end:%b %Y}", "extract": m.end in chosen} for m in calendar],
        "rows": [{"team": team, "values": [values.get(m.end, "–") for m in calendar]}
                 for team, values in sorted(by_team.items())],
    }


# ---- downloads -------------------------------------------------------------------------------------

DASHBOARD_HEADERS = ["Section", "Measure", "Period", "Value", "Of", "Excluded", "Coverage warning", "England",
                     "Compared with England"]
COMPARISON_WORDS = {"better": "Better", "worse": "Worse", "similar": "Similar"}


def dashboard_download(sections, upload):
    """The dashboard's table as rows of the very texts the page shows (after the same disclosure control),
    so a download can never hold a figure the page hid from the same reader."""
    year, day = f"12 months to {date_uk(upload.extract_date)}", f"Snapshot on {date_uk(upload.extract_date)}"
    return [[section, row["spec"].title, day if row["snapshot"] else year, row["value"], row["of"], row["excluded"],
             row["warning_tag"], row["england"], COMPARISON_WORDS.get(row["comparison"], "")]
            for section, rows in sections for row in rows]
