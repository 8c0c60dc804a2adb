"""Observing on a tablet (design §5, §3.3): the observe page, its sync endpoints, hand in and return.
Placeholder views: being built by S3."""

from django.http import HttpResponse
from django.urls import path


def _todo(request, pk):
    return HttpResponse(status=501)


observe = entry_sync = observation_sync = hand_in = observation_detail = return_observation = _todo

urlpatterns = [
    path("visits/<int:pk>/observe/", observe, name="observe"),
    path("visits/<int:pk>/observe/entries/", entry_sync, name="entry_sync"),
    path("visits/<int:pk>/observe/observation/", observation_sync, name="observation_sync"),
    path("visits/<int:pk>/observe/hand-in/", hand_in, name="hand_in"),
    path("observations/<int:pk>/", observation_detail, name="observation_detail"),
    path("observations/<int:pk>/return/", return_observation, name="return_observation"),
]
