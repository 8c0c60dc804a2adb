"""The practice events' pages (design §3.1, §9.1): the list, planning a week or day, its task list and the
organisers' transitions. Placeholder while the slice is built."""

from django.http import HttpResponse
from django.urls import path

from triangulate.core.views.decorators import requires

from ..rules import Perm

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)


@requires(Perm.VIEW_EVENTS)
def event_list(request):
    return HttpResponse("Practice weeks")


@requires(Perm.PLAN_EVENT, methods=EDIT)
def event_create(request):
    return HttpResponse("Plan a practice event")


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_edit(request, pk):
    return HttpResponse("Edit")


@requires(Perm.VIEW_EVENTS)
def event_detail(request, pk):
    return HttpResponse("Event")


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def close_observations(request, pk):
    return HttpResponse("Close")


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def reopen_observations(request, pk):
    return HttpResponse("Reopen")


@requires(Perm.MANAGE_EVENT, methods=POST)
def share_summaries(request, pk):
    return HttpResponse("Share")


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def complete(request, pk):
    return HttpResponse("Complete")


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def cancel(request, pk):
    return HttpResponse("Cancel")


urlpatterns = [
    path("", event_list, name="event_list"),
    path("new/", event_create, name="event_create"),
    path("<int:pk>/", event_detail, name="event_detail"),
    path("<int:pk>/edit/", event_edit, name="event_edit"),
    path("<int:pk>/close/", close_observations, name="close_observations"),
    path("<int:pk>/reopen/", reopen_observations, name="reopen_observations"),
    path("<int:pk>/share-summaries/", share_summaries, name="share_summaries"),
    path("<int:pk>/complete/", complete, name="complete"),
    path("<int:pk>/cancel/", cancel, name="cancel"),
]
