"""One team's own measures: the team's figure for each measure with a team breakdown, its direction since
the previous month's extract, and how it compares with the council's figure and with England.

The figures are the heat map's (heatmap.kpi_teams: the team-name mapping, and for an elected member the
same protected team tables as the KPI page's), so a team's figure reads the same on all three pages. The
previous month's figure is taken from that month's extract, protected as its own table against that
extract's council figure, as the KPI page's team history is; a direction is given only when both figures
are shown, so it says nothing about a hidden one.
"""

from triangulate.benchmarks import selectors as benchmark_selectors
from triangulate.kpis.periods import calendar_months
from triangulate.kpis.registry import all_kpis

from . import act_on_number, heatmap, history
from .presenters import value_text

DIRECTION_WORDS = {"up": "Up", "down": "Down", "same": "No change"}


def previous_extract(upload):
    """The extract that speaks for the calendar month before the upload's, or None."""
    before = calendar_months(upload.extract_date, 2)
    extract = history.uploads_by_month(before[:1]).get(before[0].end)
    return extract if extract is not None and extract.pk != upload.pk else None


def direction(spec, cell, before, audience, month):
    """{"way": "up"/"down"/"same", "words", "better": "better"/"worse"/None} since `before`; "way" None
    when either figure is suppressed (a direction would narrow it down); None when there is nothing to
    compare."""
    if cell is None or before is None:
        return None
    if cell.value_hidden or before.value_hidden:
        return {"way": None, "words": "Not compared: a figure is suppressed", "better": None}
    if cell.value is None or before.value is None:
        return None
    then = value_text(before, audience, False)
    if then == value_text(cell, audience, False):
        return {"way": "same", "words": f"No change from {month}", "better": None}
    way = "up" if cell.value > before.value else "down"
    better = None
    if spec.polarity in ("higher", "lower"):
        better = "better" if (way == "up") == (spec.polarity == "higher") else "worse"
    return {"way": way, "words": f"{DIRECTION_WORDS[way]} from {then} in {month}", "better": better}


def team_measures(team, upload, audience, allowed):
    """[(section name, rows)] of the team's measures, in the service's order, and the names of the measures
    with a team breakdown that counted nobody in this team (left out of the rows)."""
    previous = previous_extract(upload)
    month = f"{previous.extract_date:%B %Y}" if previous is not None else ""
    specs = heatmap.team_specs()
    found = benchmark_selectors.comparators_for(upload.council, [spec.id for spec in specs])
    reads = heatmap.Reads(upload.council)
    grouped, not_counted = {}, []
    for section in heatmap.sections():
        for spec in section.specs:
            now = heatmap.kpi_teams(spec, upload, audience, reads)
            cell = now.cells.get(team.name)
            if cell is None:
                not_counted.append(spec.title)
                continue
            before = heatmap.kpi_teams(spec, previous, audience, reads).cells.get(team.name) if previous else None
            england = found[spec.id].england
            england_value = england.value if spec.unit != "count" else None
            grouped.setdefault(section.name, []).append({
                "spec": spec,
                **heatmap.cell_view(spec, cell, audience, now.council),
                "direction": direction(spec, cell, before, audience, month),
                "council": heatmap.cell_view(spec, now.council, audience, None) if now.council else None,
                "england": heatmap.england_text(spec, england),
                "england_judgement": heatmap.judge(spec, cell, england_value),
                "act": act_on_number.links(allowed, spec, team),
            })
    return list(grouped.items()), not_counted


def without_team_breakdown():
    """How many measures have no team breakdown (they are on the overview and their own pages)."""
    team = {spec.id for spec in heatmap.team_specs()}
    return sum(1 for kpi_id in all_kpis() if kpi_id not in team)
