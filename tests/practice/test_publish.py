"""Publishing the timetable (design §3.1, §4, §9.2): refused while a §4 error remains; the worked example's fixes
let it through; the assessors with accounts and each team's team managers are told, by email too."""

from datetime import time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.models import AuditEvent, Notification
from triangulate.practice.models import PracticeEvent
from triangulate.practice.services import visits
from triangulate.practice.services.publish import event_dates, publish_timetable

from .factories import make_event, make_guest
from .timetable_world import FRONT_DOOR, TUE, build


@pytest.fixture
def week(db):
    return build()


def fix_the_example(week):
    """§4's fixes: V5 to 13:00–14:00, V4 accepted, V3 given to cat on Tuesday, V10 restored."""
    qa, v = week.qa_lead, week.visits
    visits.update_visit(actor=qa, visit=v[5], starts_at=time(13), ends_at=time(14))
    visits.accept_conflict(actor=qa, visit=v[4],
                           reason="bob leaves the Safeguarding service in March; agreed with the director")
    visits.update_visit(actor=qa, visit=v[3], assessor=week.assessors["cat"], date=TUE)
    v[10].status = "planned"  # restored (a cancelled visit is not un-cancelled by a service: the example's step)
    v[10].save()


def test_refused_with_the_four_errors_of_the_worked_example(week):
    with pytest.raises(ValidationError, match="The timetable has 4 errors to fix before it can be published."):
        publish_timetable(actor=week.qa_lead, event=week.event)
    week.event.refresh_from_db()
    assert week.event.status == PracticeEvent.Status.PLANNING and week.event.published_at is None


def test_only_an_organiser_publishes(week):
    with pytest.raises(PermissionDenied):
        publish_timetable(actor=week.users["cat"], event=week.event)


def test_after_the_fixes_it_publishes_and_tells_assessors_and_team_managers(
        week, django_capture_on_commit_callbacks):
    fix_the_example(week)
    with django_capture_on_commit_callbacks(execute=True):
        event = publish_timetable(actor=week.qa_lead, event=week.event, expected_version=1)
    assert event.status == PracticeEvent.Status.PUBLISHED and event.published_by == week.qa_lead
    assert event.version == 2
    ready = Notification.objects.filter(kind="practice.visits_ready")
    assert sorted(ready.values_list("user__username", flat=True)) == ["ann", "bob", "cat"]  # Gail is on paper
    assert {n.title for n in ready} == {"Your visits for Spring week are ready"}
    teams = Notification.objects.filter(kind="practice.team_in_event").order_by("user__username")
    assert [n.user.username for n in teams] == ["ann", "tm1", "tm2", "tm3"]
    assert teams.get(user__username="tm3").title == ("Front Door is in Spring week, Monday 2 to Friday 6 February "
                                                     "2026: check the team's details")
    assert len(mail.outbox) == 7  # both kinds go by email too (§9.2)
    trail = AuditEvent.objects.get(verb="practice_event.published")
    assert trail.changes == {"status": "published", "warnings": 2, "notes": 1}
    with pytest.raises(ValidationError, match="Only a timetable in planning can be published"):
        publish_timetable(actor=week.qa_lead, event=event)


def test_an_event_without_teams_is_not_published(db):
    from ..factories import make_user
    qa = make_user("qa_lead", username="qa2")
    event = make_event(organisers=[qa], headings=False)
    with pytest.raises(ValidationError, match="Add at least one team"):
        publish_timetable(actor=qa, event=event)


def test_a_guest_with_an_account_is_told_too(week, django_capture_on_commit_callbacks):
    fix_the_example(week)
    guest = make_guest(week.event, first_name="Pat", last_name="Partner")
    visits.create_visit(actor=week.qa_lead, event=week.event, event_team=week.teams[FRONT_DOOR], assessor=guest,
                        date=TUE, starts_at=time(9), ends_at=time(10), activity="team_meeting")
    with django_capture_on_commit_callbacks(execute=True):
        publish_timetable(actor=week.qa_lead, event=week.event)
    notice = Notification.objects.get(kind="practice.visits_ready", user=guest.user)
    assert notice.title == "Your visits for Spring week are ready"


def test_event_dates_read_as_a_council_writes_them(db):
    week = make_event(headings=False)
    assert event_dates(week) == "Monday 2 to Friday 6 February 2026"
    week.ends_on = week.ends_on.replace(month=3, day=2)
    assert event_dates(week) == "Monday 2 February to Monday 2 March 2026"
    week.ends_on = week.starts_on
    assert event_dates(week) == "Monday 2 February 2026"
