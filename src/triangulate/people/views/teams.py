from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from triangulate.core import site
from triangulate.core.concurrency import VERSION, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form

from .. import selectors, services
from ..forms import TeamForm
from ..models import SENIORITY_ORDER, Team, TeamMembership
from ..rules import Perm

EDIT = ("GET", "POST")


@requires(Perm.VIEW_TEAMS)
def team_list(request):
    teams = list(selectors.team_staffing(selectors.teams_visible_to(request.user).filter(is_active=True)))
    return render(request, "people/team_list.html", {
        "title": "Teams", "teams": teams, "show_links": request.user.has_perm(Perm.VIEW_STAFF),
        "can_manage": request.user.has_perm(Perm.MANAGE_TEAMS),
    })


@requires(Perm.VIEW_STAFF)
def team_detail(request, pk):
    team = get_object_or_404(selectors.teams_visible_to(request.user), pk=pk)
    staffing = next(selectors.team_staffing(Team.objects.filter(pk=team.pk)))
    today = timezone.localdate()
    spells = TeamMembership.objects.filter(team=team).select_related("staff").order_by("staff__last_name")
    current = [s for s in spells if (s.end_date is None or s.end_date > today) and s.staff.is_in_post(today)]
    current.sort(key=lambda s: SENIORITY_ORDER.index(s.staff.role))  # manager first, then by name (sort is stable)
    former = [s for s in spells if s not in current][:50]
    return render(request, "people/team_detail.html", {
        "title": team.name, "team": team, "staffing": staffing, "current": current, "former": former,
        "can_manage": request.user.has_perm(Perm.MANAGE_TEAMS),
        "team_links": site.team_links(request.user),  # what other apps hold about the team (core/site.py)
    })


@requires(Perm.MANAGE_TEAMS, methods=EDIT)
def team_create(request):
    form = TeamForm(request.POST or None, initial={"is_active": True})
    return service_form(
        request, form,
        save=lambda form: services.create_team(actor=request.user, council=selectors.the_council(),
                                               **{f: form.cleaned_data[f] for f in TeamForm.Meta.fields}),
        success_message=lambda team: f"Team {team.name} added",
        success_url=lambda team: reverse("people:team_detail", args=[team.pk]),
        context={"title": "Add a team", "back_url": reverse("people:team_list"), "back_text": "Back to teams",
                 "submit_text": "Add team"})


@requires(Perm.MANAGE_TEAMS, methods=EDIT)
def team_edit(request, pk):
    team = get_object_or_404(Team, pk=pk)
    form = TeamForm(request.POST or None, instance=Team.objects.get(pk=pk), initial={VERSION: team.version})
    return service_form(
        request, form,
        save=lambda form: services.update_team(actor=request.user, team=team, expected_version=version_of(form),
                                               **submitted_values(form, TeamForm.Meta.fields)),
        success_message=lambda team: f"Team {team.name} updated",
        success_url=reverse("people:team_detail", args=[pk]),
        context={"title": f"Change {team.name}", "back_url": reverse("people:team_detail", args=[pk]),
                 "back_text": "Back to the team"})
