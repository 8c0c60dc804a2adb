"""The performance overview: every measure at the latest extract, for the reader's audience."""

from django.shortcuts import render

from triangulate.core import exports
from triangulate.core.views.decorators import requires

from .. import presenters, selectors
from ..rules import Perm


@requires(Perm.VIEW_KPIS)
def dashboard(request):
    upload = selectors.latest_upload()
    audience = presenters.Audience.for_user(request.user)
    sections = presenters.dashboard(upload, audience) if upload else []
    fmt = exports.requested(request)
    if fmt and upload:  # the page's own rows, so the same disclosure control for the same reader
        return exports.download(request, fmt, filename=f"performance-{upload.extract_date:%Y-%m-%d}",
                                headers=presenters.DASHBOARD_HEADERS,
                                rows=presenters.dashboard_download(sections, upload), sheet="Performance")
    return render(request, "performance/dashboard.html", {
        "title": "Performance", "upload": upload, "audience": audience, "sections": sections,
    })
