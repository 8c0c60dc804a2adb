from django.http import Http404
from django.shortcuts import render

from triangulate.core.access_log import log_child_access
from triangulate.core.views.decorators import requires
from triangulate.datasets.teams.selectors import extract_names_in_scope
from triangulate.kpis import benchmarks
from triangulate.kpis.registry import all_kpis
from triangulate.people.scope import ALL

from . import drilldown, presenters, selectors

MAX_CHILDREN_SHOWN = 2000


@requires("performance.view_kpis")
def dashboard(request):
    upload = selectors.latest_upload()
    audience = presenters.Audience.for_user(request.user)
    return render(request, "performance/dashboard.html", {
        "title": "Performance", "upload": upload, "audience": audience,
        "sections": presenters.dashboard(upload, audience) if upload else [],
    })


@requires("performance.view_kpis")
def kpi_detail(request, kpi_id):
    spec = all_kpis().get(kpi_id)
    upload = selectors.latest_upload()
    if spec is None or upload is None:
        raise Http404("no such KPI")
    audience = presenters.Audience.for_user(request.user)
    return render(request, "performance/kpi_detail.html", {
        "title": spec.title, "spec": spec, "upload": upload, "audience": audience,
        "benchmarks": benchmarks.load().get(kpi_id, []),
        "can_see_children": request.user.has_perm("performance.view_children"),
        "can_map_teams": request.user.has_perm("datasets.upload"),
        **presenters.detail(spec, upload, audience),
    })


@requires("performance.view_children")
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
        # a team-scoped user chooses one of their own teams first
        return render(request, "performance/kpi_children.html", {
            "title": f"Children behind: {spec.title}", "spec": spec, "upload": upload, "teams": allowed,
            "rows": None})
    rows = drilldown.children_behind(upload, kpi_id, team=team)[:MAX_CHILDREN_SHOWN]
    log_child_access(request, [r["child_id"] for r in rows], resource="performance:kpi_children")
    return render(request, "performance/kpi_children.html", {
        "title": f"Children behind: {spec.title}", "spec": spec, "upload": upload, "team": team, "rows": rows,
        "teams": allowed if allowed != ALL else None, "limit": MAX_CHILDREN_SHOWN})
