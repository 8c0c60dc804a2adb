"""The children behind a measure: listed, filtered and downloaded, each view and download access-logged."""

from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify

from triangulate.core import exports
from triangulate.core.access_log import log_child_access
from triangulate.core.views.decorators import requires
from triangulate.datasets.teams.selectors import extract_names_in_scope
from triangulate.kpis.registry import all_kpis
from triangulate.people.scope import ALL

from .. import drilldown, selectors
from ..rules import Perm

MAX_CHILDREN_SHOWN = 2000


@requires(Perm.VIEW_CHILDREN)
def kpi_children(request, kpi_id):
    spec = all_kpis().get(kpi_id)
    upload = selectors.latest_upload()
    if spec is None or upload is None:
        raise Http404("no such KPI")
    allowed = extract_names_in_scope(request.user)
    team = request.GET.get("team") or None
    if allowed != ALL and team not in allowed:
        if team is not None:
            raise Http404("team outside the user's scope")
        # a team-scoped user chooses one of their own teams first (a download asked for now is not sent)
        return render(request, "performance/kpi_children.html", {
            "title": f"Children behind: {spec.title}", "spec": spec, "upload": upload, "teams": allowed,
            "rows": None})
    rows = drilldown.children_behind(upload, kpi_id, team=team)
    fmt = exports.requested(request)
    if fmt:  # every child, not only the first MAX_CHILDREN_SHOWN; each is written to the access log as exported
        return exports.download(
            request, fmt, filename=children_filename(spec, upload, team), headers=["Child ID", counted_heading(spec)],
            rows=[[r["child_id"], "Yes" if r["in_numerator"] else "No"] for r in rows],
            children=[r["child_id"] for r in rows], resource="performance:kpi_children", sheet="Children")
    total, rows = len(rows), rows[:MAX_CHILDREN_SHOWN]
    log_child_access(request, [r["child_id"] for r in rows], resource="performance:kpi_children")
    return render(request, "performance/kpi_children.html", {
        "title": f"Children behind: {spec.title}", "spec": spec, "upload": upload, "team": team, "rows": rows,
        "teams": allowed if allowed != ALL else None, "limit": MAX_CHILDREN_SHOWN, "total": total,
        "counted": counted_heading(spec)})


def counted_heading(spec):
    return "Counted as meeting the measure" if spec.unit in ("pct", "ratio") else "Counted"


def children_filename(spec, upload, team):
    """What the list is (the KPI, the extract date, the team chosen), never a child's details."""
    team_part = f"-{slugify(team)}" if team and slugify(team) else ""
    return f"{spec.id}-children-{upload.extract_date:%Y-%m-%d}{team_part}"
