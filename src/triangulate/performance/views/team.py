"""One team's own measures (performance/team_page.py), for a team the reader may see (else 404)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from triangulate.core.views.decorators import requires
from triangulate.people.selectors import teams_visible_to

from .. import act_on_number, heatmap, presenters, selectors, team_page
from ..rules import Perm


@requires(Perm.VIEW_KPIS)
def team_performance(request, pk):
    team = get_object_or_404(teams_visible_to(request.user), pk=pk)  # out of scope: not found, as in people
    upload = selectors.latest_upload()
    context = {"title": f"{team.name}: performance", "team": team, "upload": upload}
    if upload is None:
        return render(request, "performance/team.html", {**context, "sections": None})
    if team.council_id != upload.council_id:
        raise Http404("team of another council")
    audience = presenters.Audience.for_user(request.user)
    allowed = act_on_number.permissions(request.user)
    sections, not_counted = team_page.team_measures(team, upload, audience, allowed)
    return render(request, "performance/team.html", {
        **context, "audience": audience, "sections": sections, "not_counted": not_counted,
        "without_team": team_page.without_team_breakdown(), "allowed": allowed,
        "section_slugs": {s.name: s.slug for s in heatmap.sections()},
    })
