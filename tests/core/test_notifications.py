"""Notifications (core/notifications.py): made on commit only, once per dedupe key, emailed with a link and no
more, retried after a failed send; a person's own list and opening one."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from triangulate.core import notifications
from triangulate.core.models import Notification
from triangulate.core.notifications import NotificationKind, notify
from triangulate.core.roles import Role

from ..factories import make_user


class Kind(NotificationKind):
    TEST = "tests.something_happened"


@pytest.fixture
def people(db):
    return [make_user(Role.TEAM_MANAGER, username=f"manager{i}", email=f"m{i}@council.example") for i in (1, 2)]


def test_nothing_is_made_until_the_write_commits(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(people, Kind.TEST, "A flag was raised in North 1", "/audits/flags/3/")
        assert not Notification.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == ["manager1", "manager2"]


def test_a_rolled_back_write_tells_nobody(people, transactional_db):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(people, Kind.TEST, "A flag was raised", "/audits/flags/3/", email=True)
        raise RuntimeError("the write failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_dedupe_key_tells_each_person_once(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(people, Kind.TEST, "Overdue", "/a/1/", email=True, dedupe_key="overdue:1:0")
    with django_capture_on_commit_callbacks(execute=True):
        notify(people, Kind.TEST, "Overdue", "/a/1/", email=True, dedupe_key="overdue:1:0")
        notify(people[:1], Kind.TEST, "Overdue", "/a/1/", dedupe_key="overdue:1:1")
    assert Notification.objects.filter(user=people[0]).count() == 2
    assert Notification.objects.filter(user=people[1]).count() == 1
    assert len(mail.outbox) == 2


def test_the_email_holds_the_title_and_a_link_only(people, django_capture_on_commit_callbacks, settings):
    settings.TRIANGULATE_SITE_URL = "https://triangulate.council.example/"
    with django_capture_on_commit_callbacks(execute=True):
        notify(people[:1], Kind.TEST, "Immediate safeguarding concern raised in North 1", "/audits/flags/7/",
               email=True)
    message = mail.outbox[0]
    assert message.to == ["m1@council.example"]
    assert message.subject == "Immediate safeguarding concern raised in North 1"
    assert message.body == ("Immediate safeguarding concern raised in North 1\n\n"
                            "https://triangulate.council.example/audits/flags/7/\n\nSign in to Triangulate to see it.")
    assert Notification.objects.get().email_sent_at is not None


def test_a_failed_email_is_kept_and_retried_for_a_day(people, django_capture_on_commit_callbacks, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.core.failing_mail.Backend"}}
    with django_capture_on_commit_callbacks(execute=True):
        notify(people[:1], Kind.TEST, "A flag", "/audits/flags/7/", email=True)
    failed = Notification.objects.get()
    assert (failed.email_sent_at, failed.email_failed_at is not None) == (None, True)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert notifications.retry_failed_emails(now=timezone.now() + timedelta(hours=25)) == 0  # too old by then
    assert notifications.retry_failed_emails() == 1
    failed.refresh_from_db()
    assert failed.email_sent_at is not None and failed.email_failed_at is None
    assert notifications.retry_failed_emails() == 0


def test_kinds_urls_and_titles_are_checked(people):
    with pytest.raises(TypeError):
        notify(people, "tests.text_kind", "Title", "/a/")
    with pytest.raises(ValueError):
        notify(people, Kind.TEST, "Title", "https://elsewhere.example/")
    with pytest.raises(ValueError):
        notify(people, Kind.TEST, "Title", "/performance/kpis/x/children/?child=A12")
    with pytest.raises(ValueError):
        notify(people, Kind.TEST, "Two\nlines", "/a/")


def test_the_list_shows_only_your_own_and_opening_one_marks_it_read(people, client_for):
    mine = Notification.objects.create(user=people[0], kind=Kind.TEST, title="Yours", url="/audits/flags/1/")
    theirs = Notification.objects.create(user=people[1], kind=Kind.TEST, title="Theirs", url="/audits/flags/2/")
    client = client_for(people[0])
    page = client.get(reverse("core:notification_list"))
    assert b"Yours" in page.content and b"Theirs" not in page.content
    assert b"Notifications (1" in page.content  # the header's count
    assert client.post(reverse("core:notification_read", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("core:notification_read", args=[mine.pk]))
    assert (response.status_code, response["Location"]) == (302, "/audits/flags/1/")
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert b"Notifications (" not in client.get(reverse("core:notification_list")).content


def test_mark_all_as_read(people, client_for):
    for i in range(3):
        Notification.objects.create(user=people[0], kind=Kind.TEST, title=f"N{i}", url="/")
    Notification.objects.create(user=people[1], kind=Kind.TEST, title="Other", url="/")
    client_for(people[0]).post(reverse("core:notification_list"))
    assert Notification.objects.filter(read_at=None).count() == 1
