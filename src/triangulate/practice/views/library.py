"""The good practice library (design §1.5, §8, §9.1): placeholder views while S7 is built."""

from django.http import HttpResponse
from django.urls import path

from triangulate.core.views.decorators import requires

from ..rules import Perm


@requires(Perm.VIEW_LIBRARY)
def library(request):
    return HttpResponse("")


@requires(Perm.VIEW_LIBRARY)
def library_item(request, pk):
    return HttpResponse("")


@requires(Perm.MANAGE_LIBRARY)
def library_item_edit(request, pk):
    return HttpResponse("")


@requires(Perm.PROPOSE_LIBRARY_ITEM)
def library_propose(request, entry_pk):
    return HttpResponse("")


@requires(Perm.MANAGE_LIBRARY)
def library_publish(request, pk):
    return HttpResponse("")


@requires(Perm.MANAGE_LIBRARY)
def library_withdraw(request, pk):
    return HttpResponse("")


urlpatterns = [
    path("library/", library, name="library"),
    path("library/<int:pk>/", library_item, name="library_item"),
    path("library/<int:pk>/edit/", library_item_edit, name="library_item_edit"),
    path("library/propose/<int:entry_pk>/", library_propose, name="library_propose"),
    path("library/<int:pk>/publish/", library_publish, name="library_publish"),
    path("library/<int:pk>/withdraw/", library_withdraw, name="library_withdraw"),
]
