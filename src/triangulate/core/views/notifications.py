"""A person's own notifications (core/notifications.py): the list, and opening one, which marks it read."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import Notification
from ..rules import Perm
from .decorators import requires

PER_PAGE = 25


@requires(Perm.VIEW_HOME, methods=("GET", "POST"))
def notification_list(request):
    mine = Notification.objects.filter(user=request.user)
    if request.method == "POST":  # "Mark all as read"
        mine.filter(read_at=None).update(read_at=timezone.now())
        return redirect("core:notification_list")
    page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {
        "title": "Notifications", "page": page, "unread": mine.filter(read_at=None).count()})


@requires(Perm.VIEW_HOME, methods=("POST",))
def notification_read(request, pk):
    """Mark one of the user's own notifications read and go to its page (someone else's is not found)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    # A notification's url is a path checked when it was made; checked again, as any redirect target is.
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if safe else reverse("core:notification_list"))
