"""The children behind a KPI: recomputed from the stored extract on request, for one team at a time
where the user's access is limited to teams. Every child shown is written to the access log."""

from triangulate.datasets import storage
from triangulate.datasets.teams.selectors import extract_names_for_teams
from triangulate.kpis.engine import Engine
from triangulate.people.models import Council
from triangulate.people.selectors import ALL, team_scope

from .kpi_store import year_to


def extract_team_names(user):
    """ALL, or the team names (as spelled in extracts) that map to the teams the user may see: by the
    editable mapping, else by the same name (datasets/teams/selectors.py)."""
    scope = team_scope(user)
    if scope == ALL:
        return ALL
    council = Council.objects.order_by("pk").first()  # one council per deployment
    if council is None or not scope:
        return []
    return extract_names_for_teams(council, scope)


def children_behind(upload, kpi_id, team=None):
    tables = storage.read_tables(upload.pk)
    engine = Engine(tables, population=upload.council.population_for(upload.extract_date.year - 1))
    ids = engine.children(kpi_id, [year_to(upload.extract_date)], 0, team=team)
    numerator = set(ids["numerator"])
    rows = [{"child_id": child, "in_numerator": child in numerator} for child in ids["denominator"] if child]
    rows += [{"child_id": child, "in_numerator": True} for child in sorted(numerator - set(ids["denominator"]))
             if child]
    return rows

