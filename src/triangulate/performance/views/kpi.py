"""One measure's page: its definition, figure beside its benchmarks, history, charts and teams
(performance/kpi_page.py); downloadable as the page's own tables (performance/kpi_download.py)."""

from django.http import Http404
from django.shortcuts import render

from triangulate.benchmarks.rules import Perm as BenchmarksPerm
from triangulate.core import exports
from triangulate.core.views.decorators import requires
from triangulate.datasets.rules import Perm as DatasetsPerm
from triangulate.kpis.registry import all_kpis

from .. import act_on_number, kpi_download, kpi_page, presenters, selectors
from ..rules import Perm


@requires(Perm.VIEW_KPIS)
def kpi_detail(request, kpi_id):
    spec = all_kpis().get(kpi_id)
    upload = selectors.latest_upload()
    if spec is None or upload is None:
        raise Http404("no such KPI")
    audience = presenters.Audience.for_user(request.user)
    page = kpi_page.detail(spec, upload, audience, show_notes=request.user.has_perm(BenchmarksPerm.VIEW_NOTES))
    fmt = exports.requested(request)
    if fmt:  # the page's own context, so the same disclosure control and notes for the same reader
        sheets = kpi_download.sheets(spec, upload, page) if fmt == "xlsx" else [kpi_download.months(page)]
        return exports.download(request, fmt, filename=kpi_download.filename(spec, upload), sheets=sheets)
    return render(request, "performance/kpi_detail.html", {
        "title": spec.title, "spec": spec, "upload": upload, "audience": audience,
        "can_see_children": request.user.has_perm(Perm.VIEW_CHILDREN),
        "can_map_teams": request.user.has_perm(DatasetsPerm.UPLOAD),
        # "Record a finding" / "Add an action" about this measure, for those who may (improvement's forms)
        "act": act_on_number.links(act_on_number.permissions(request.user), spec),
        **page,
    })
