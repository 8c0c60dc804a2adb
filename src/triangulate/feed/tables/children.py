"""`children/<kpi>`: the children behind a measure, as its children page lists them
(performance/views/children.py): `drilldown.listing_for` the latest extract, cut to the token's teams
(`extract_names_for_teams`, as a team-scoped reader's list is cut) and to the `team` filter by `drilldown.select`,
the columns `drilldown.headers` and `drilldown.cells`. Every child is written to the access log by the view
(RESOURCE), in the token issuer's name, with the token named in the detail.

Only for tokens of scope `children`, never for a publication token (views/endpoints.py refuses both)."""

from triangulate.datasets.teams.selectors import extract_names_for_teams
from triangulate.kpis.registry import all_kpis
from triangulate.people.models import Team
from triangulate.people.scope import ALL
from triangulate.performance import drilldown, selectors

from . import BadFilter, Table

RESOURCE = "feed:children"


class NoSuchMeasure(LookupError):
    pass


def build(kpi_id, filters, reader):
    spec = all_kpis().get(kpi_id)
    upload = selectors.latest_upload()
    if spec is None or upload is None:
        raise NoSuchMeasure(kpi_id)
    allowed = ALL
    if reader.teams is not None:
        team_ids = set(Team.objects.filter(name__in=reader.teams).values_list("pk", flat=True))
        allowed = extract_names_for_teams(upload.council, team_ids)
    listing = drilldown.listing_for(upload, kpi_id)
    meta = {"kpi": kpi_id, "extract_date": upload.extract_date.isoformat()}
    if listing is None or listing.null_reason:
        reason = listing.null_reason if listing is not None else "the extract's lists are no longer held"
        return Table(["child_id"], meta={**meta, "reason": reason}, children=[])
    try:
        chosen = drilldown.select(listing, allowed, drilldown.Choice(team=filters.team))
    except drilldown.OutOfScope:
        raise BadFilter("the team is not one this token may read") from None
    teams = drilldown.has_teams(listing)
    columns = [_column(h) for h in drilldown.headers(listing)]
    rows = [drilldown.cells(listing, r, teams) for r in chosen["rows"]]
    return Table(columns, rows, meta=meta, children=[r.child_id for r in chosen["rows"]])


def _column(heading):
    """A page's heading as a column name a query language takes without quotes: "Days overdue" -> days_overdue."""
    words = "".join(ch if ch.isalnum() else " " for ch in heading.casefold()).split()
    return "_".join(words) or "column"
