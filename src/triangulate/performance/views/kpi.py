"""One measure's page: its definition, history, chart, teams and benchmarks."""

from django.http import Http404
from django.shortcuts import render

from triangulate.core.views.decorators import requires
from triangulate.datasets.rules import Perm as DatasetsPerm
from triangulate.kpis import benchmarks
from triangulate.kpis.registry import all_kpis

from .. import presenters, selectors
from ..rules import Perm


@requires(Perm.VIEW_KPIS)
def kpi_detail(request, kpi_id):
    spec = all_kpis().get(kpi_id)
    upload = selectors.latest_upload()
    if spec is None or upload is None:
        raise Http404("no such KPI")
    audience = presenters.Audience.for_user(request.user)
    return render(request, "performance/kpi_detail.html", {
        "title": spec.title, "spec": spec, "upload": upload, "audience": audience,
        "benchmarks": benchmarks.load().get(kpi_id, []),
        "can_see_children": request.user.has_perm(Perm.VIEW_CHILDREN),
        "can_map_teams": request.user.has_perm(DatasetsPerm.UPLOAD),
        **presenters.detail(spec, upload, audience),
    })
