"""`actions`: improvement actions by source × status × team, with how many are overdue. The actions are
`improvement.selectors.actions_visible_to` the token's issuer (a system administrator: every action) and
"overdue" is `improvement.selectors.overdue`, the rule the home page's action summary counts by. The source is
the source of the finding an action answers ("" when it was set without one: `source_name` says "No finding").

A publication token's counts each pass `core.disclosure.protect` as counts (1 to 5 hidden)."""

from django.db.models import Count

from triangulate.core import disclosure
from triangulate.improvement.models import Action, Source
from triangulate.improvement.selectors import actions_visible_to, overdue

from . import Table

COLUMNS = ["source", "source_name", "status", "status_name", "area", "team", "actions", "overdue", "suppressed"]
NO_FINDING = "No finding"
COUNCIL_WIDE = "Council-wide"


def build(filters, reader):
    table = Table(COLUMNS)
    groups = (actions_visible_to(reader.issuer).order_by()
              .values("finding__source", "status", "team__name")
              .annotate(actions=Count("pk"), overdue=Count("pk", filter=overdue(reader.today)))
              .order_by("finding__source", "status", "team__name"))
    sources, statuses = dict(Source.choices), dict(Action.Status.choices)
    for group in groups:
        team = group["team__name"]
        if team is not None and (not reader.may_see_team(team) or not filters.team_wanted(team)):
            continue
        if team is None and (reader.teams is not None or not filters.team_wanted(None)):
            continue
        source = group["finding__source"] or ""
        shown = {k: _shown(group[k], reader) for k in ("actions", "overdue")}
        table.add(source=source, source_name=sources.get(source, NO_FINDING), status=group["status"],
                  status_name=statuses.get(group["status"], group["status"]),
                  area="council" if team is None else "team", team=team or COUNCIL_WIDE,
                  actions=shown["actions"], overdue=shown["overdue"], suppressed=any(v is None for v in shown.values()))
    return table


def _shown(value, reader):
    if not reader.publication:
        return value
    cell = disclosure.protect("count", disclosure.Figure(value), reader.threshold)
    return None if cell.value_hidden else value


