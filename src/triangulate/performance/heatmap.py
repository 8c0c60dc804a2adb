"""The team heat map: the council's own People teams against the measures that have a team breakdown, one
section of kpis.md at a time, each cell the team's figure for the 12 months to the extract date with a
judgement against the council's own figure; then the same measures added up by locality and by service
area. The team page (team_page.py) reads the same figures.

Where the figures come from, and why they match the KPI page's "by team" table exactly:
- the stored team values (selectors.team_values) are read through the council's team-name mapping
  (team_rows.by_council_team), so several spellings of one team add up and a name that means no council
  team keeps its spelling; only the names that are People teams become rows here;
- for an elected member (presenters.Audience), every measure's team column is protected as one table
  against the council's figure (core/disclosure.py, with secondary suppression), over all its rows,
  mapped or not: the same cells as the KPI page's, so the two pages cannot be played against each other.

Judgements are against the council's own figure (the question a heat map answers: which teams are out
of line with the rest of the service), polarity-aware, in words and an icon (never colour alone). England
is shown beside it for reference, and on the team page each figure is judged against England too. A count
is not judged: a team's count is part of the council's, not comparable with it.

Roll-ups add the teams' numerators and denominators (team_rows.combine), so a locality's percentage is
its children's, never an average of its teams' percentages. For an elected member a roll-up part is
shown only when every team in it shows that part: a shown roll-up is then the sum of shown figures, and
cannot be played against its teams to work a hidden one out (or it holds every hidden team of the column,
and then says nothing the council's figure does not: `gives_away`). A team-scoped reader sees only their own
teams' rows, and the roll-ups add up only those teams (people/scope.py).
"""

import math
from dataclasses import dataclass, replace

from django.utils.text import slugify

from triangulate.benchmarks import selectors as benchmark_selectors
from triangulate.core import disclosure
from triangulate.datasets.teams.selectors import TeamNames
from triangulate.kpis import benchmarks
from triangulate.kpis.registry import all_kpis
from triangulate.people.scope import ALL, team_scope
from triangulate.people.selectors import teams_visible_to

from . import selectors, team_rows
from .kpi_page import no_team_reason
from .presenters import number_as_shown, shown

SMALL_COHORT = 10  # a percentage or average of fewer children than this swings on one or two of them
SMALL_COHORT_TEXT = "Small number: read with care"
JUDGEMENT_WORDS = {"better": "Better", "similar": "Similar", "worse": "Worse"}
NO_LOCALITY, NO_SERVICE_AREA = "No locality recorded", "No service area recorded"


# ---- which measures -------------------------------------------------------------------------------------

def team_specs():
    """The measures with a team breakdown (kpis.md "Breakdowns"), in the catalogue's order."""
    return [spec for spec in all_kpis().values() if not no_team_reason(spec)]


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    specs: list


def sections():
    """The sections of kpis.md that have a measure with a team breakdown, in the service's order."""
    grouped = {}
    for spec in team_specs():
        grouped.setdefault(spec.section or "Other", []).append(spec)
    order = selectors.SECTION_ORDER
    names = sorted(grouped, key=lambda s: order.index(s) if s in order else len(order))
    return [Section(name, slugify(name), grouped[name]) for name in names]


# ---- one measure's team figures ---------------------------------------------------------------------

@dataclass
class KpiTeams:
    """One measure's figures by council team at one extract, for one reader."""

    spec: object
    council: disclosure.Cell | None  # the council's 12-month figure (None: nothing stored)
    cells: dict  # team name -> Cell, after disclosure control for the reader
    raw: dict  # team name -> the stored (or combined) figure, for adding up roll-ups
    unmapped: list  # extract names that mean no council team


class Reads:
    """What a page reads for many measures, read once: the council's team-name mapping, and each extract's
    council figures (one query for all measures, rather than one per measure)."""

    def __init__(self, council):
        self.names = TeamNames(council)
        self.years = {}

    def year_value(self, upload, kpi_id):
        if upload.pk not in self.years:
            self.years[upload.pk] = selectors.year_values(upload)
        return self.years[upload.pk].get(kpi_id)


def kpi_teams(spec, upload, audience, reads):
    stored, unmapped = team_rows.by_council_team(spec.unit, selectors.team_values(upload, spec.id), upload.council,
                                                 names=reads.names)
    cells, council = audience.table(spec.unit, stored, reads.year_value(upload, spec.id))
    return KpiTeams(spec, council, cells, stored, unmapped)


# ---- one cell ---------------------------------------------------------------------------------------

def judge(spec, cell, other):
    """"better", "similar" or "worse" than `other` (a number), polarity-aware; None when it cannot or
    should not be said: a count, a measure where neither way is better, a hidden or missing figure."""
    if spec.unit == "count" or cell is None or cell.value_hidden or cell.value is None or other is None:
        return None
    return benchmarks.compare(spec.polarity, cell.value, other)


def small_cohort(spec, cell):
    """True when a shown percentage or average rests on fewer than SMALL_COHORT children (but some)."""
    if spec.unit == "count" or cell is None or cell.value_hidden or cell.denominator_hidden:
        return False
    return cell.denominator is not None and 0 < cell.denominator < SMALL_COHORT


def cell_view(spec, cell, audience, council):
    """What a heat map or team page cell shows: the value texts (presenters.shown), the judgement against
    the council's figure and the small-number caution. None when there is no figure at all."""
    if cell is None:
        return None
    council_value = council.value if council is not None and not council.value_hidden else None
    return {**shown(cell, audience, single=False), "judgement": judge(spec, cell, council_value),
            "small": small_cohort(spec, cell)}


def sort_key(cell, descending):
    """A KPI column's sort value: the figure, with hidden and missing figures last whichever way the
    column is sorted (so their place says nothing about them)."""
    if cell is None or cell["number"] is None:
        return -math.inf if descending else math.inf
    return cell["number"]


# ---- roll-ups ---------------------------------------------------------------------------------------

def rollup_cell(spec, audience, table, members):
    """One locality's (or service area's) figure from its teams' (`members`: team names with a figure in
    `table`, a KpiTeams). None when no team in it has a figure."""
    if not members:
        return None
    figures = [table.raw[t] for t in members]
    figure = figures[0] if len(figures) == 1 else team_rows.combine(spec.unit, figures)
    cell = audience.cell(spec.unit, figure)
    if not audience.controlled:
        return cell
    return conceal(cell, value=gives_away(table, members, "value_hidden"),
                   denominator=gives_away(table, members, "denominator_hidden"),
                   excluded=gives_away(table, members, "excluded_hidden"))


def gives_away(table, members, hidden):
    """Whether showing this part of a roll-up could give a hidden team figure away: True when a team in it
    has the part hidden, unless the roll-up holds every hidden one of the whole column (mapped or not) and
    the council's figure shows the part. Then the hidden teams' sum it implies is the council's figure less
    the shown ones, which the reader already has; otherwise, the roll-up less its shown teams would be a
    sum of hidden teams the reader did not have (one team's own figure, when it is the only one)."""
    if not any(getattr(table.cells[t], hidden) for t in members):
        return False
    every = {name for name, cell in table.cells.items() if getattr(cell, hidden)}
    council_shows = table.council is not None and not getattr(table.council, hidden)
    return not (every <= set(members) and council_shows)


def conceal(cell, *, value, denominator, excluded):
    """The cell with the parts named hidden as well (a roll-up of a hidden team figure)."""
    changes = {}
    if value and not cell.value_hidden and (cell.value is not None or cell.numerator is not None):
        changes.update(value=None, numerator=None, value_hidden=True, numerator_hidden=cell.numerator is not None,
                       reason=disclosure.SUPPRESSED)
    if denominator and not cell.denominator_hidden and cell.denominator is not None:
        changes.update(denominator=None, denominator_hidden=True)
    if excluded and not cell.excluded_hidden and cell.excluded is not None:
        changes.update(excluded=None, excluded_hidden=True)
    return replace(cell, **changes) if changes else cell


def rollups(tables, teams, audience, group_of, missing):
    """[{"name", "teams": [team names], "cells": [cell view per measure]}] for each group of `teams`
    (people.Team objects with a row) by `group_of(team)` (a name, or None for `missing`), by name."""
    groups = {}
    for team in teams:
        groups.setdefault(group_of(team) or missing, []).append(team.name)
    out = []
    for name in sorted(groups, key=lambda g: (g == missing, g)):
        members = groups[name]
        cells = []
        for table in tables:
            cell = rollup_cell(table.spec, audience, table, [t for t in members if t in table.raw])
            cells.append(cell_view(table.spec, cell, audience, table.council))
        out.append({"name": name, "teams": members, "cells": cells})
    return out


# ---- the page ---------------------------------------------------------------------------------------

def choose_section(slug):
    """The section asked for by its slug, else the first."""
    found = sections()
    return next((s for s in found if s.slug == slug), found[0] if found else None), found


def council_teams(user, council):
    """{team name: people.Team} of the council's teams the reader may see (people/scope.py)."""
    return {team.name: team for team in teams_visible_to(user).filter(council=council)}


def england_text(spec, comparator):
    """England's figure where it measures the same thing as a team's (not a national count)."""
    if spec.unit == "count" or comparator is None or comparator.value is None:
        return ""
    value = f"{comparator.value:g}%" if spec.unit in ("pct", "ratio") else f"{comparator.value:g}"
    return f"{value} ({comparator.year})"


def heatmap(upload, audience, user, section, sort=""):
    """The page's context for one section: the team rows (sortable), the roll-ups by locality and by
    service area, the council and England rows, and what was left out."""
    specs = section.specs
    reads = Reads(upload.council)
    tables = [kpi_teams(spec, upload, audience, reads) for spec in specs]
    visible = council_teams(user, upload.council)
    with_rows = sorted({name for table in tables for name in table.cells if name in visible})
    descending = sort.startswith("-")
    rows = []
    for name in with_rows:
        cells = [cell_view(t.spec, t.cells.get(name), audience, t.council) for t in tables]
        row = {"team": name, "pk": visible[name].pk, "active": visible[name].is_active, "cells": cells}
        # the table component sorts by these keys (?sort=<KPI id>): see components/table.html
        row.update({spec.id: sort_key(cell, descending) for spec, cell in zip(specs, cells, strict=True)})
        rows.append(row)
    teams = [visible[name] for name in with_rows]
    found = benchmark_selectors.comparators_for(upload.council, [spec.id for spec in specs])
    scoped = team_scope(user) != ALL
    return {
        "section": section,
        "specs": specs,
        "rows": rows,
        "team_objects": teams,
        "council_row": [cell_view(t.spec, t.council, audience, None) for t in tables],
        "england_row": [england_text(spec, found[spec.id].england) for spec in specs],
        "localities": rollups(tables, teams, audience, lambda t: t.locality.name if t.locality else None,
                              NO_LOCALITY),
        "service_areas": rollups(tables, teams, audience,
                                 lambda t: t.service_area.name if t.service_area else None, NO_SERVICE_AREA),
        "scoped": scoped,
        # teams the reader may see with no figure in this section, named so nobody wonders where they went
        "without_figures": sorted(name for name, team in visible.items()
                                  if name not in with_rows and team.is_active),
        # unmapped extract names: a council-wide reader is told, so someone can map them
        "unmapped": [] if scoped else sorted({n for table in tables for n in table.unmapped}),
    }


# ---- download ---------------------------------------------------------------------------------------

def download_rows(context):
    """The heat map as rows of the very texts the page shows, so a download never holds a figure the
    page hid from the same reader: one row per team (then roll-up) and measure. "Number" is the value as
    a number (as the page rounds it; blank when hidden), for sorting and charts."""
    specs = context["specs"]
    headers = ["Row", "Kind", "Measure", "Value", "Number", "Of", "Compared with the council", "Small number"]
    out = []

    def add(label, kind, cells):
        for spec, cell in zip(specs, cells, strict=True):
            if cell is None:
                continue
            out.append([label, kind, spec.title, cell["value"], number_as_shown(cell["number"]), cell["of"],
                        JUDGEMENT_WORDS.get(cell.get("judgement"), ""), "Yes" if cell.get("small") else ""])

    for row in context["rows"]:
        add(row["team"], "Team", row["cells"])
    for group in context["localities"]:
        add(group["name"], "Locality", group["cells"])
    for group in context["service_areas"]:
        add(group["name"], "Service area", group["cells"])
    add("Whole council", "Council", context["council_row"])
    return headers, out
