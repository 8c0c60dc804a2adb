"""One measure's page: its definition, figure beside its benchmarks, history, charts and teams
(performance/kpi_page.py)."""

from django.http import Http404
from django.shortcuts import render

from triangulate.benchmarks.rules import Perm as BenchmarksPerm
from triangulate.core.views.decorators import requires
from triangulate.datasets.rules import Perm as DatasetsPerm
from triangulate.kpis.registry import all_kpis

from .. import act_on_number, kpi_page, presenters, selectors
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
        "can_see_children": request.user.has_perm(Perm.VIEW_CHILDREN),
        "can_map_teams": request.user.has_perm(DatasetsPerm.UPLOAD),
        # "Record a finding" / "Add an action" about this measure, for those who may (improvement's forms)
        "act": act_on_number.links(act_on_number.permissions(request.user), spec),
        **kpi_page.detail(spec, upload, audience, show_notes=request.user.has_perm(BenchmarksPerm.VIEW_NOTES)),
    })
