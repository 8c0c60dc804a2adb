"""Guests' pages (design §3.4, §9.1): invite a guest, end a guest's access, the guest's welcome page (public: the
one-time link is the credential) and "Your practice visits" for every assessor. Placeholders until the slice lands."""

from django.http import Http404
from django.urls import path


def guest_invite(request, pk):
    raise Http404


def guest_end_access(request, pk):
    raise Http404


def guest_welcome(request, uidb64, token):
    raise Http404


def my_visits(request):
    raise Http404


urlpatterns = [
    path("assessors/<int:pk>/invite/", guest_invite, name="guest_invite"),
    path("assessors/<int:pk>/end-access/", guest_end_access, name="guest_end_access"),
    path("guest/<uidb64>/<token>/", guest_welcome, name="guest_welcome"),
    path("mine/", my_visits, name="my_visits"),
]
