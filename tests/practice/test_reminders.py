"""The day-before reminder (design §9.2): housekeeping `practice_visit_reminders` tells each assessor with a current
account of each planned visit tomorrow in a sent timetable, in the app and by email, once per visit
(`practice-visit:<pk>`). Dates: tests/practice/guests_world.py (the staff visit is Monday 30 March 2026 at 09:30;
the guest's on paper Tuesday 31 March)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from triangulate.core import housekeeping
from triangulate.core.models import Notification
from triangulate.practice.models import PracticeEvent, Visit
from triangulate.practice.reminders import remind_visits_tomorrow

from .factories import VisitFactory, make_guest
from .guests_world import MON, TUE, at_now, build

SUNDAY = date(2026, 3, 29)


@pytest.fixture
def week(db, monkeypatch):
    at_now(monkeypatch)
    return build()


def run(callbacks, today=SUNDAY):
    with callbacks(execute=True):
        return remind_visits_tomorrow(today)


def test_the_assessor_is_told_the_day_before_once(week, django_capture_on_commit_callbacks):
    assert run(django_capture_on_commit_callbacks) == 1
    [notice] = Notification.objects.all()
    assert notice.user == week.staff and notice.kind == "practice.visit_tomorrow"
    assert notice.title == "Visit tomorrow at 09:30: Safeguarding North 1, Spring practice week"
    assert notice.url == reverse("practice:my_visits") and notice.dedupe_key == f"practice-visit:{week.staff_visit.pk}"
    assert [m.subject for m in mail.outbox] == [notice.title]
    run(django_capture_on_commit_callbacks)  # the job runs again the same day
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_no_reminder_for_a_guest_on_paper_an_ended_guest_a_cancelled_visit_or_an_unpublished_timetable(
        week, django_capture_on_commit_callbacks):
    ended = make_guest(week.event, expires_at=timezone.now() - timedelta(minutes=1))
    VisitFactory(event=week.event, event_team=week.event_team, assessor=ended, date=TUE)
    assert run(django_capture_on_commit_callbacks, today=MON) == 0  # Gail is on paper; Hal's access ended
    Visit.objects.filter(pk=week.staff_visit.pk).update(status=Visit.Status.CANCELLED)
    assert run(django_capture_on_commit_callbacks) == 0
    Visit.objects.filter(pk=week.staff_visit.pk).update(status=Visit.Status.PLANNED)
    PracticeEvent.objects.filter(pk=week.event.pk).update(status=PracticeEvent.Status.PLANNING)
    assert run(django_capture_on_commit_callbacks) == 0
    assert not Notification.objects.exists()


def test_it_is_a_daily_housekeeping_job():
    [job] = [job for job in housekeeping.jobs() if job.name == "practice_visit_reminders"]
    assert job.fn is remind_visits_tomorrow and job.every_seconds == 86_400
