"""What the practice views share: an event found by pk (events are council-wide records: 404 only when there is no
such event), the permission then asked of it (403), the event's task list, form data, and download file names."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from ..models import PracticeEvent


def event_or_404(pk):
    return get_object_or_404(PracticeEvent, pk=pk)


def require(request, perm, obj):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def event_for(request, pk, perm):
    """The event, when the reader holds `perm` on it."""
    event = event_or_404(pk)
    require(request, perm, event)
    return event


def event_page(event):
    """The event's task list."""
    return reverse("practice:event_detail", args=[event.pk])


def form_data(request):
    """The POST for a form page, even an empty one (an empty POST shows the form's errors)."""
    return request.POST if request.method == "POST" else None


def download_name(event, what):
    """"practice-week-12-action-plan": the kind and pk say which event, never its title (free text)."""
    return f"practice-{event.kind}-{event.pk}-{what}"
