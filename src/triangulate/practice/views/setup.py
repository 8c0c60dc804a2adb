"""The event's setup pages (design §3.1 "edit teams, assessors, headings", §9.1): its teams and their details,
its assessors (staff and guests), and its headings."""

from django.http import HttpResponse
from django.urls import path

from triangulate.core.views.decorators import requires

from ..rules import Perm

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_teams(request, pk):
    return HttpResponse("")


@requires(Perm.EDIT_TEAM_DETAILS, methods=EDIT)
def event_team_edit(request, pk):
    return HttpResponse("")


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_assessors(request, pk):
    return HttpResponse("")


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_headings(request, pk):
    return HttpResponse("")


urlpatterns = [
    path("<int:pk>/teams/", event_teams, name="event_teams"),
    path("teams/<int:pk>/edit/", event_team_edit, name="event_team_edit"),
    path("<int:pk>/assessors/", event_assessors, name="event_assessors"),
    path("<int:pk>/headings/", event_headings, name="event_headings"),
]
