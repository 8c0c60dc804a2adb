"""`observations`: practice observations' judgements by month × team × heading (and theme), as the practice
analysis page counts them (practice/views/analysis.py): an event's cohort is `gather.event_records` (handed-in
observations, removed entries left out by `counts.cohort`), the cells `counts.cells` (A1: entries by kind per
heading, theme and team) and the margins `counts.teams_by_heading_theme` (A2, A3: teams with a positive and with
a development entry, of the teams observed). The month is the event's (its first day's).

A publication token's counts each pass `core.disclosure.protect` as a count (1 to 5 hidden); the analysis page
is not shown to elected members, so there is no page rule to copy beyond core's."""

from triangulate.core import disclosure
from triangulate.core.formatting import month_uk
from triangulate.practice import gather
from triangulate.practice.analysis import counts
from triangulate.practice.models import PracticeEvent

from . import Table

COLUMNS = ["month", "event", "event_starts", "area", "team", "heading_number", "heading", "theme", "strengths",
           "areas_for_development", "good_practice", "exemplars", "teams_positive", "teams_development",
           "teams_observed", "suppressed"]


def build(filters, reader):
    table = Table(COLUMNS)
    events = PracticeEvent.objects.filter(observations__state="handed_in").distinct().order_by("starts_on", "pk")
    for event in events:
        if filters.period == "year" or not filters.month_wanted(event.starts_on):
            continue
        records = gather.event_records(event)
        c = counts.cohort(records.observations, records.entries)
        headings = {h.pk: h for h in records.headings}
        common = {"month": month_uk(event.starts_on), "event": event.title, "event_starts": event.starts_on}

        def protected(**figures):
            cells = {k: None if v is None else _count(v, reader) for k, v in figures.items()}
            shown = {k: None if cell is None or cell.value_hidden else figures[k] for k, cell in cells.items()}
            return shown, any(cell is not None and cell.value_hidden for cell in cells.values())

        for (heading_pk, theme, team_id), cell in sorted(counts.cells(c).items(),
                                                         key=lambda kv: (headings[kv[0][0]].number, kv[0][1],
                                                                         c.team_names[kv[0][2]])):
            team = c.team_names[team_id]
            if not reader.may_see_team(team) or not filters.team_wanted(team):
                continue
            heading = headings[heading_pk]
            shown, hidden = protected(strengths=cell.strengths, areas_for_development=cell.areas,
                                      good_practice=cell.good_practice, exemplars=cell.exemplars)
            table.add(**common, area="team", team=team, heading_number=heading.number, heading=heading.title,
                      theme=records.theme_names.get(theme, theme), **shown, suppressed=hidden)
        if not filters.team_wanted(None):
            continue  # the council's margins stay for a token of some teams, as the KPI and audit council rows do
        for (heading_pk, theme), margin in sorted(counts.teams_by_heading_theme(c).items(),
                                                  key=lambda kv: (headings[kv[0][0]].number, kv[0][1])):
            heading = headings[heading_pk]
            shown, hidden = protected(teams_positive=len(margin.positive_teams),
                                      teams_development=len(margin.development_teams),
                                      teams_observed=margin.teams_observed)
            table.add(**common, area="council", team="", heading_number=heading.number, heading=heading.title,
                      theme=records.theme_names.get(theme, theme), **shown, suppressed=hidden)
    return table


def _count(value, reader):
    if reader.publication:
        return disclosure.protect("count", disclosure.Figure(value), reader.threshold)
    return disclosure.open_cell("count", disclosure.Figure(value))
