"""The follow-up panel ("Since <earlier event>", design §6.5) for one team of an event, and a team's practice
events (the team page's "Practice observation" link, §9.1).

A team's pages are looked up through the reader's reach first (404): a council-wide reader, a team in their scope,
or an assessor of an event that visited the team (an assessor reads the teams of the events they assess, §8);
then VIEW_FOLLOW_UP is asked of the event's team (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.views.decorators import requires
from triangulate.people.models import Team
from triangulate.people.scope import ALL, team_scope

from .. import follow_up as data
from ..models import Assessor, EventTeam, PracticeEvent
from ..rules import Perm


def _in_reach(user, team_id, events):
    """The reader may find this team's practice pages: in their scope, or they assess one of `events`."""
    scope = team_scope(user)
    return (scope == ALL or scope.filter(pk=team_id).exists()
            or Assessor.objects.filter(event__in=events, user=user).exists())


@requires(Perm.VIEW_FOLLOW_UP)
def follow_up(request, pk, team_pk):
    event_team = get_object_or_404(EventTeam.objects.select_related("event", "team"), event_id=pk, team_id=team_pk)
    if not _in_reach(request.user, team_pk, [event_team.event_id]):
        raise Http404("No such team in this event")
    if not request.user.has_perm(Perm.VIEW_FOLLOW_UP, event_team):
        raise PermissionDenied(Perm.VIEW_FOLLOW_UP)
    event, team = event_team.event, event_team.team
    today = timezone.localdate()
    panel = data.panel(event, team, today)
    return render(request, "practice/follow_up/follow_up.html", {
        "title": f"{team.name}: since earlier practice events",
        "event": event,
        "team": team,
        "panel": panel,
        "today": today,
        "back_url": reverse("practice:team_practice", args=[team.pk]),
    })


@requires(Perm.VIEW_FOLLOW_UP)
def team_practice(request, team_pk):
    team = get_object_or_404(Team, pk=team_pk)
    events = list(PracticeEvent.objects.filter(teams__team=team).exclude(status=PracticeEvent.Status.CANCELLED)
                  .order_by("-starts_on", "-pk"))
    if not _in_reach(request.user, team.pk, events):
        raise Http404("No such team")
    rows = []
    for event in events:
        event_team = next(et for et in event.teams.all() if et.team_id == team.pk)
        rows.append({
            "event": event,
            "detail_url": reverse("practice:event_detail", args=[event.pk]),
            "summary_url": (reverse("practice:team_summary", args=[event.pk, team.pk])
                            if request.user.has_perm(Perm.VIEW_TEAM_SUMMARY, event_team) else None),
            "follow_up_url": (reverse("practice:follow_up", args=[event.pk, team.pk])
                              if request.user.has_perm(Perm.VIEW_FOLLOW_UP, event_team) else None),
        })
    return render(request, "practice/follow_up/team_practice.html", {
        "title": f"{team.name}: practice observation", "team": team, "rows": rows,
        "back_url": reverse("people:team_detail", args=[team.pk])})


urlpatterns = [
    path("<int:pk>/teams/<int:team_pk>/follow-up/", follow_up, name="follow_up"),
    path("teams/<int:team_pk>/", team_practice, name="team_practice"),
]
