"""The children behind a measure: listed with their worker, team, the dates that decided them and days
overdue; filtered (not meeting the measure, team, worker), sorted and paged; downloaded whole. Child-level,
so never for elected members (VIEW_CHILDREN); every child shown or downloaded is written to the access log.
The address carries the KPI and the filters only, never a child."""

from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify

from triangulate.core import exports
from triangulate.core.access_log import log_child_access
from triangulate.core.views.decorators import requires
from triangulate.datasets.teams.selectors import extract_names_in_scope
from triangulate.kpis.registry import all_kpis
from triangulate.people.scope import ALL

from .. import drilldown, filters, selectors
from ..rules import Perm

RESOURCE = "performance:kpi_children"


@requires(Perm.VIEW_CHILDREN)
def kpi_children(request, kpi_id):
    spec = all_kpis().get(kpi_id)
    upload = selectors.latest_upload()
    if spec is None or upload is None:
        raise Http404("no such KPI")
    allowed = extract_names_in_scope(request.user)
    choice = drilldown.Choice.from_query(request.GET)
    context = {"title": f"Children behind: {spec.title}", "spec": spec, "upload": upload, "choice": choice,
               "rows": None, "listing": None}
    if allowed != ALL and choice.team not in allowed:
        if choice.team is not None:
            raise Http404("team outside the user's scope")
        # a team-scoped reader chooses one of their own teams first (a download asked for now is not sent)
        return render(request, "performance/kpi_children.html", {**context, "teams": allowed, "chooser": True})
    listing = drilldown.listing_for(upload, kpi_id)
    if listing is None or listing.null_reason:
        return render(request, "performance/kpi_children.html", {**context, "listing": listing, "teams": []})
    try:
        chosen = drilldown.select(listing, allowed, choice)
    except drilldown.OutOfScope:
        raise Http404("team outside the user's scope") from None
    rows = chosen["rows"]
    teams = drilldown.has_teams(listing)
    fmt = exports.requested(request)
    if fmt:  # every chosen child, on every page; each written to the access log as exported
        return exports.download(
            request, fmt, filename=children_filename(spec, upload, choice), headers=drilldown.headers(listing),
            rows=[drilldown.cells(listing, r, teams) for r in rows], children=[r.child_id for r in rows],
            resource=RESOURCE, detail=choice.logged(kpi_id), sheet="Children")
    page = drilldown.page_of(rows, choice.page)
    log_child_access(request, [r.child_id for r in page.object_list], resource=RESOURCE,
                     detail=choice.logged(kpi_id))
    return render(request, "performance/kpi_children.html", {
        **context, "listing": listing, "page": page, "rows": page.object_list, "total": len(rows),
        "distinct": len({r.child_id for r in rows}), "has_teams": teams, "no_team": drilldown.NO_TEAM_TEXT,
        "filter_form": filters.for_children(choice, chosen["teams"], chosen["workers"], scoped=allowed != ALL,
                                            has_teams=teams, can_fail=listing.can_fail),
        "no_worker": drilldown.NO_WORKER, "membership": drilldown.membership_heading(listing),
        "membership_text": drilldown.membership_text, "days_text": drilldown.days_text,
        "failing_count": sum(r.failing for r in rows) if listing.can_fail else None})


def children_filename(spec, upload, choice):
    """What the list is (the KPI, the extract date, the team chosen, whether only those not meeting the
    measure), never a child's details nor a worker's name (a person's name stays out of download folders)."""
    team_part = f"-{slugify(choice.team)}" if choice.team and slugify(choice.team) else ""
    failing = "-not-met" if choice.failing else ""
    return f"{spec.id}-children-{upload.extract_date:%Y-%m-%d}{team_part}{failing}"[:100]
