"""The team heat map (performance/heatmap.py): the council's teams against one section's measures, with
roll-ups by locality and service area; downloadable as the page's own texts."""

from django.shortcuts import render

from triangulate.core import exports
from triangulate.core.views.decorators import requires

from .. import act_on_number, heatmap, presenters, selectors
from ..rules import Perm


@requires(Perm.VIEW_KPIS)
def team_heatmap(request):
    upload = selectors.latest_upload()
    section, sections = heatmap.choose_section(request.GET.get("section", ""))
    context = {"title": "Team heat map", "upload": upload, "sections": sections, "section": section}
    if upload is None or section is None:
        return render(request, "performance/heatmap.html", {**context, "rows": None})
    audience = presenters.Audience.for_user(request.user)
    context.update(heatmap.heatmap(upload, audience, request.user, section, sort=request.GET.get("sort", "")))
    fmt = exports.requested(request)
    if fmt:  # the page's own texts: the same disclosure control and team scope for the same reader
        headers, rows = heatmap.download_rows(context)
        return exports.download(request, fmt, filename=f"team-heat-map-{section.slug}-{upload.extract_date:%Y-%m-%d}",
                                headers=headers, rows=rows, sheet="Team heat map")
    return render(request, "performance/heatmap.html", {
        **context, "audience": audience, "allowed": act_on_number.permissions(request.user)})
