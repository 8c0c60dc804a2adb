"""`kpis`: one row per KPI × period × council-or-team, as the KPI pages show them (performance/kpi_page.py):

- the council's figure for the 12 months to the latest extract (the page's headline, `selectors.year_value`);
- the council's months (`selectors.series`, the page's month-by-month table), a flow measure's months of the
  dashboard's year protected as one table for a publication token, exactly as `kpi_page.series_rows` does;
- each team's figure for the 12 months (`team_rows.by_council_team` over `selectors.team_values`, protected as one
  table against the council's figure, as `kpi_page.team_table` does), where the measure has a team breakdown.

England, the region and the statistical neighbours' average are `benchmarks.selectors.comparators_for`'s, the
ones the page shows (without analysts' notes), on every row of the measure. A value that cannot be computed is
null with `null_reason` saying why, never 0."""


from triangulate.benchmarks import selectors as benchmark_selectors
from triangulate.kpis.periods import year_to
from triangulate.kpis.registry import all_kpis
from triangulate.performance import kpi_page, selectors, team_rows
from triangulate.performance.history import SNAPSHOT
from triangulate.performance.presenters import Audience

from . import BadFilter, Table

COLUMNS = ["kpi", "title", "section", "unit", "period_type", "period_start", "period_end", "area", "team",
           "value", "numerator", "denominator", "excluded", "suppressed", "null_reason",
           "england", "england_year", "region", "region_year", "neighbours", "neighbours_year", "extract_date"]

NOT_STORED = "no figure was stored for this measure from the latest extract"
NO_EXTRACT = "no extract for this month"
EMPTY_COHORT = "no children in the measure's cohort"
NOT_COMPUTED = "cannot be computed from the extract (a list or column it needs is missing or unreadable)"
NOT_COMBINED = "cannot be combined across the team's spellings in the extracts (a median or a rate)"


def null_reason(cell, figure, missing=NOT_STORED):
    """Why a row's value is empty ("" when it is not)."""
    if cell.value_hidden:
        return cell.reason
    if cell.value is not None:
        return ""
    if figure is None or all(getattr(figure, part) is None for part in ("value", "numerator", "denominator")):
        return missing
    if figure.denominator == 0:
        return EMPTY_COHORT
    if isinstance(figure, team_rows.TeamFigure):
        return NOT_COMBINED
    return NOT_COMPUTED


def whole(count):
    """A count as stored (a float of a whole number) as an int: 34, not 34.0, in CSV and JSON alike."""
    return int(count) if isinstance(count, float) and count.is_integer() else count


def benchmark_columns(found):
    def pair(comparator):
        return (comparator.value, comparator.year) if comparator.value is not None else (None, None)

    england, region, neighbours = pair(found.england), pair(found.region), pair(found.neighbours)
    return {"england": england[0], "england_year": england[1], "region": region[0], "region_year": region[1],
            "neighbours": neighbours[0], "neighbours_year": neighbours[1]}


def build(filters, reader):
    table = Table(COLUMNS)
    upload = selectors.latest_upload()
    if upload is None:
        table.meta["reason"] = "no extract has been imported yet"
        return table
    specs = all_kpis()
    if filters.kpi and filters.kpi not in specs:
        raise BadFilter(f"no measure {filters.kpi!r}")
    kpi_ids = [filters.kpi] if filters.kpi else list(specs)
    audience = Audience(controlled=reader.publication, threshold=reader.threshold)
    found = benchmark_selectors.comparators_for(upload.council, kpi_ids)
    table.meta["extract_date"] = upload.extract_date.isoformat()
    for kpi_id in kpi_ids:
        _measure(table, specs[kpi_id], upload, found[kpi_id].without_notes(), audience, filters, reader)
    return table


def _measure(table, spec, upload, found, audience, filters, reader):
    period = year_to(upload.extract_date)
    year = selectors.year_value(upload, spec.id)
    common = {"kpi": spec.id, "title": spec.title, "section": getattr(spec, "section", ""), "unit": spec.unit,
              "extract_date": upload.extract_date, **benchmark_columns(found)}

    def add(period_type, start, end, team, cell, figure, missing=NOT_STORED):
        table.add(**common, period_type=period_type, period_start=start, period_end=end,
                  area="council" if team is None else "team", team=team or "",
                  value=whole(cell.value) if spec.unit == "count" else cell.value, numerator=whole(cell.numerator),
                  denominator=whole(cell.denominator), excluded=whole(cell.excluded),
                  suppressed=cell.value_hidden, null_reason=null_reason(cell, figure, missing))

    if filters.year_wanted and filters.team_wanted(None):
        add("year", period.start, period.end, None, audience.cell(spec.unit, year), year)
    if filters.period != "year" and filters.team_wanted(None):
        _months(spec, upload, year, audience, filters, add)
    if filters.year_wanted and not kpi_page.no_team_reason(spec):
        stored, _ = team_rows.by_council_team(spec.unit, selectors.team_values(upload, spec.id), upload.council)
        cells, _ = audience.table(spec.unit, stored, year)  # protected together, as kpi_page.team_table does
        for team, cell in cells.items():
            if reader.may_see_team(team) and filters.team_wanted(team):
                add("year", period.start, period.end, team, cell, stored[team])


def _months(spec, upload, year, audience, filters, add):
    """The page's month-by-month rows (kpi_page.series_rows): the same cells, as figures."""
    snapshot = spec.kind == SNAPSHOT
    points = selectors.series(spec.id)
    for point, (cell, _) in zip(points, kpi_page.month_cells(spec, upload, year, points, audience, snapshot)):
        start = kpi_page.month_start(point)
        if not filters.month_wanted(start):
            continue
        if snapshot:
            end = point.extract_date or point.month_end
            figure = point if point.extract_date is not None else None
            add("month", start, end, None, cell, figure, missing=NO_EXTRACT)
        else:
            add("month", start, min(point.month_end, upload.extract_date), None, cell, point,
                missing="no figure was stored for this month")
