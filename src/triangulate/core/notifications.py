"""Telling people things (design/audits.md §9.3, decision 18): in-app notifications, and email for the urgent.

`notify(users, kind, title, url, email=..., dedupe_key=...)` creates one Notification per user when the
caller's transaction commits (a rolled-back write tells nobody), skipping a user who already holds that
dedupe key. With `email`, each recipient with an address gets one message: the title, a link and "Sign in to
Triangulate to see it" — nothing more, as email leaves our control. A failed send is logged by notification
id only and retried by housekeeping for 24 hours.

Titles and urls are checked here as well as by convention: a url is a path with no query string (pages are
addressed by primary key), and a title is one line of at most 200 characters."""

import logging
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Notification

log = logging.getLogger(__name__)
RETRY_FOR = timedelta(hours=24)


class NotificationKind(StrEnum):
    """Base of every app's kinds of notification: `class Notice(NotificationKind): X = "app.x"`."""


def notify(users, kind, title, url, *, email=False, dedupe_key=""):
    if not isinstance(kind, NotificationKind):
        raise TypeError(f"notification kinds are named in an app's NotificationKind enum ({kind!r})")
    if not url.startswith("/") or "?" in url or "#" in url:
        raise ValueError("a notification links to a page by its path alone")
    if "\n" in title or len(title) > 200:
        raise ValueError("a notification's title is one line of at most 200 characters")
    recipients = list({user.pk: user for user in users}.values())
    transaction.on_commit(lambda: _deliver(recipients, kind, title, url, email, dedupe_key))


def _deliver(users, kind, title, url, email, dedupe_key):
    for user in users:
        if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(user=user, kind=kind, title=title, url=url,
                                                           dedupe_key=dedupe_key)
        except IntegrityError:  # another worker delivered the same reminder a moment ago
            continue
        if email and user.email:
            send_email(notification)


def send_email(notification):
    """Send one notification's email; record the outcome. Returns whether it was sent."""
    link = settings.TRIANGULATE_SITE_URL.rstrip("/") + notification.url
    try:
        send_mail(subject=notification.title, message=f"{notification.title}\n\n{link}\n\n"
                  "Sign in to Triangulate to see it.", from_email=None,
                  recipient_list=[notification.user.email])
    except Exception as error:  # any mail failure is retried, never raised into the write
        log.warning("notification %s: email failed (%s)", notification.pk, type(error).__name__)
        Notification.objects.filter(pk=notification.pk).update(email_failed_at=timezone.now())
        return False
    Notification.objects.filter(pk=notification.pk).update(email_sent_at=timezone.now(), email_failed_at=None)
    return True


def retry_failed_emails(now=None):
    """Housekeeping: send again the emails that failed in the last 24 hours. Returns how many went."""
    now = now or timezone.now()
    failed = Notification.objects.filter(email_sent_at=None, email_failed_at__isnull=False,
                                         created_at__gte=now - RETRY_FOR).select_related("user")
    return sum(send_email(notification) for notification in failed if notification.user.email)


def unread_count(user):
    return Notification.objects.filter(user=user, read_at=None).count()
