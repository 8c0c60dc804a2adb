from django.http import Http404
from django.shortcuts import render

from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY
from triangulate.core.views.decorators import requires
from triangulate.kpis import benchmarks
from triangulate.kpis.registry import all_kpis

from . import selectors


@requires("performance.view_kpis")
def dashboard(request):
    upload = selectors.latest_upload()
    return render(request, "performance/dashboard.html", {
        "title": "Performance", "upload": upload,
        "sections": selectors.dashboard_rows(upload) if upload else {},
        "suppress_counts": role_of(request.user) in AGGREGATES_ONLY,
    })


@requires("performance.view_kpis")
def kpi_detail(request, kpi_id):
    spec = all_kpis().get(kpi_id)
    upload = selectors.latest_upload()
    if spec is None or upload is None:
        raise Http404("no such KPI")
    months, teams = selectors.kpi_detail(upload, kpi_id)
    return render(request, "performance/kpi_detail.html", {
        "title": spec.title, "spec": spec, "upload": upload, "months": months, "teams": teams,
        "benchmarks": benchmarks.load().get(kpi_id, []),
        "suppress_counts": role_of(request.user) in AGGREGATES_ONLY,
    })
