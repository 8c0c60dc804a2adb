"""Guests with an account (design §3.4): the invitation (a role-less account ending 14 days after the week at 23:59
council time, a one-time link by email), a new link replacing the old, ending access, the welcome that spends the
link, and publishing inviting the guests with an email and no account. Dates: tests/practice/guests_world.py."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import resolve

from triangulate.core.models import AuditEvent, Notification
from triangulate.core.roles import Role
from triangulate.practice.models import Assessor, PracticeEvent
from triangulate.practice.services import guests
from triangulate.practice.services.publish import publish_timetable

from ..factories import make_user
from .factories import AssessorFactory, make_event
from .guests_world import GUEST_ENDS_AT, NOW, at_now, build

PASSWORD = "river-lantern-copper-91"


@pytest.fixture
def week(db, monkeypatch):
    at_now(monkeypatch)
    return build()


def invite(week, callbacks, assessor=None):
    with callbacks(execute=True):
        return guests.invite_guest(actor=week.qa_lead, assessor=assessor or week.guest)


def token_of(link):
    return resolve(link.removeprefix("https://triangulate.council.example")).kwargs["token"]


def test_the_invitation_makes_a_role_less_account_ending_14_days_after_the_week_at_2359(
        week, django_capture_on_commit_callbacks):
    link = invite(week, django_capture_on_commit_callbacks)
    week.guest.refresh_from_db()
    user = week.guest.user
    assert user.username == "guest.gail.guest" and user.email == "gail@police.example"
    assert user.profile.role == "" and user.profile.staff is None and not user.has_usable_password()
    # Friday 3 April 2026 + 14 days = Friday 17 April, 23:59 British Summer Time = 22:59 UTC
    assert user.profile.expires_at == GUEST_ENDS_AT == week.guest.access_ends_at
    assert week.guest.invited_at == NOW and week.guest.invited_by == week.qa_lead
    assert link.startswith("https://triangulate.council.example/practice/guest/")
    [message] = mail.outbox
    assert message.to == ["gail@police.example"]
    assert message.subject == "Your invitation to Spring practice week"
    assert link in message.body and "Your username is guest.gail.guest" in message.body
    assert "Your access ends on 17 April 2026" in message.body and "It works once and lasts 3 days" in message.body
    assert not Notification.objects.exists()  # the secret is never kept in a notification
    event = AuditEvent.objects.get(verb="practice_assessor.guest_invited")
    assert event.object_id == str(week.guest.pk) and token_of(link) not in str(event.changes)


def test_the_link_works_once(week, django_capture_on_commit_callbacks):
    link = invite(week, django_capture_on_commit_callbacks)
    week.guest.refresh_from_db()
    user, token = week.guest.user, token_of(link)
    assert guests.link_works(user, token)
    guests.accept_invitation(actor=user, token=token, password=PASSWORD)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not guests.link_works(user, token)
    with pytest.raises(ValidationError, match="This link has been used, replaced or has expired"):
        guests.accept_invitation(actor=user, token=token, password="another-long-phrase-42")
    assert AuditEvent.objects.filter(verb="practice_assessor.guest_welcomed").count() == 1


def test_a_weak_password_is_refused_and_the_link_still_works(week, django_capture_on_commit_callbacks):
    link = invite(week, django_capture_on_commit_callbacks)
    week.guest.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        guests.accept_invitation(actor=week.guest.user, token=token_of(link), password="short")
    assert "new_password1" in refused.value.error_dict
    assert guests.link_works(week.guest.user, token_of(link))


def test_a_new_link_replaces_the_old_one(week, django_capture_on_commit_callbacks, monkeypatch):
    first = invite(week, django_capture_on_commit_callbacks)
    at_now(monkeypatch, NOW + timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        second = guests.new_link(actor=week.qa_lead, assessor=Assessor.objects.get(pk=week.guest.pk))
    user = Assessor.objects.get(pk=week.guest.pk).user
    assert first != second
    assert not guests.link_works(user, token_of(first)) and guests.link_works(user, token_of(second))
    assert [m.body.count(second) for m in mail.outbox] == [0, 1]


def test_refusals(week, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="Only a guest is invited"):
        guests.invite_guest(actor=week.qa_lead, assessor=week.staff_assessor)
    with pytest.raises(PermissionDenied):  # an assessor, not an organiser
        guests.invite_guest(actor=week.staff, assessor=week.guest)
    with pytest.raises(ValidationError, match="has not been invited yet"):
        guests.new_link(actor=week.qa_lead, assessor=week.guest)
    on_paper = AssessorFactory(event=week.event, kind=Assessor.Kind.GUEST, user=None, name="Hal Head",
                               organisation="Hexham Middle School", email="")
    with pytest.raises(ValidationError, match="Add Hal Head's email address first"):
        guests.invite_guest(actor=week.qa_lead, assessor=on_paper)
    invite(week, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="Gail Guest has already been invited: send a new link instead."):
        guests.invite_guest(actor=week.qa_lead, assessor=Assessor.objects.get(pk=week.guest.pk))
    assert len(mail.outbox) == 1


def test_a_staff_email_is_not_made_a_guest(week):
    make_user(Role.PRACTITIONER, username="pat", email="gail@police.example")
    with pytest.raises(ValidationError, match="gail@police.example belongs to a member of staff.s account: add "
                                              "them as a staff assessor instead"):
        guests.invite_guest(actor=week.qa_lead, assessor=week.guest)


def test_too_early_too_late_and_finished_events_are_refused(week):
    # 1–5 June 2026: access would end 19 June 23:59 BST, more than 60 days after 20 March
    june = make_event(council=week.event.council, organisers=[week.qa_lead], starts_on=date(2026, 6, 1),
                      ends_on=date(2026, 6, 5), headings=False)
    gail = AssessorFactory(event=june, kind=Assessor.Kind.GUEST, user=None, name="Gail Guest",
                           organisation="Northumbria Police", email="gail@police.example")
    with pytest.raises(ValidationError, match="can be invited from 20 April 2026: a guest's access lasts at most "
                                              "60 days and ends on 19 June 2026"):
        guests.invite_guest(actor=week.qa_lead, assessor=gail)
    # 2–6 February 2026: access ended on 20 February
    february = make_event(council=week.event.council, organisers=[week.qa_lead], headings=False)
    gail.event = february
    gail.save()
    with pytest.raises(ValidationError, match="Guests' access to this event ended on 20 February 2026"):
        guests.invite_guest(actor=week.qa_lead, assessor=gail)
    week.event.status = PracticeEvent.Status.CANCELLED
    week.event.save()
    with pytest.raises(ValidationError, match="This event is cancelled: guests can no longer be invited"):
        guests.invite_guest(actor=week.qa_lead, assessor=week.guest)


def test_ending_access_ends_the_account_now(week, django_capture_on_commit_callbacks):
    invite(week, django_capture_on_commit_callbacks)
    assessor = guests.end_guest_access(actor=week.qa_lead, assessor=Assessor.objects.get(pk=week.guest.pk))
    assert assessor.access_ends_at == NOW
    assessor.user.profile.refresh_from_db()
    assert assessor.user.profile.expires_at == NOW and not assessor.user.profile.is_current()
    with pytest.raises(ValidationError, match="Gail Guest's access has already ended"):
        guests.end_guest_access(actor=week.qa_lead, assessor=assessor)
    with pytest.raises(ValidationError, match="access has ended: a new link would not let them in"):
        guests.new_link(actor=week.qa_lead, assessor=assessor)
    with pytest.raises(ValidationError, match="Only a guest with an account"):
        guests.end_guest_access(actor=week.qa_lead, assessor=week.staff_assessor)


def test_the_same_guest_in_a_later_event_keeps_one_account_running_to_the_later_end(
        week, django_capture_on_commit_callbacks):
    invite(week, django_capture_on_commit_callbacks)
    day = make_event(council=week.event.council, organisers=[week.qa_lead], kind=PracticeEvent.Kind.DAY,
                     starts_on=date(2026, 4, 22), ends_on=date(2026, 4, 22), headings=False)
    again = AssessorFactory(event=day, kind=Assessor.Kind.GUEST, user=None, name="Gail Guest",
                            organisation="Northumbria Police", email="Gail@Police.example")
    invite(week, django_capture_on_commit_callbacks, assessor=again)
    again.refresh_from_db()
    assert again.user == Assessor.objects.get(pk=week.guest.pk).user
    # 22 April + 14 days = 6 May 2026, 23:59 BST
    assert again.user.profile.expires_at == datetime(2026, 5, 6, 22, 59, tzinfo=UTC) == again.access_ends_at


def test_publishing_invites_the_guests_with_an_email_and_no_account(db, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    at_now(monkeypatch)
    week = build(status=PracticeEvent.Status.PLANNING)
    assert guests.guests_to_invite(week.event) == [week.guest]
    with django_capture_on_commit_callbacks(execute=True):
        publish_timetable(actor=week.qa_lead, event=week.event)
    week.guest.refresh_from_db()
    assert week.guest.user.username == "guest.gail.guest" and week.guest.invited_by == week.qa_lead
    invitation = [m for m in mail.outbox if m.to == ["gail@police.example"]]
    assert [m.subject for m in invitation] == ["Your invitation to Spring practice week"]
    assert guests.guests_to_invite(week.event) == []


def test_publishing_a_week_too_far_ahead_leaves_its_guests_for_later(db, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    at_now(monkeypatch, NOW - timedelta(days=40))  # 8 February: invitations open on 16 February
    week = build(status=PracticeEvent.Status.PLANNING)
    with django_capture_on_commit_callbacks(execute=True):
        publish_timetable(actor=week.qa_lead, event=week.event)
    week.guest.refresh_from_db()
    assert week.guest.user is None and week.guest.invited_at is None
    assert guests.invitation_refusal(week.event).startswith("Guests of this event can be invited from 16 February 2026")
    assert PracticeEvent.objects.get(pk=week.event.pk).status == PracticeEvent.Status.PUBLISHED


def test_a_guest_who_cannot_be_invited_does_not_stop_publishing(db, monkeypatch, django_capture_on_commit_callbacks):
    at_now(monkeypatch)
    week = build(status=PracticeEvent.Status.PLANNING)
    week.guest.name = "Gail"  # one name: no username can be made
    week.guest.save()
    assert guests.invite_refusal(week.guest) == ("Give Gail's first and last names to invite them: their username is "
                                                 "made from both.")
    with django_capture_on_commit_callbacks(execute=True):
        publish_timetable(actor=week.qa_lead, event=week.event)
    week.guest.refresh_from_db()
    assert week.guest.user is None and not [m for m in mail.outbox if m.to == ["gail@police.example"]]
    with pytest.raises(ValidationError, match="Give Gail's first and last names"):
        guests.invite_guest(actor=week.qa_lead, assessor=week.guest)


def test_a_failed_email_keeps_the_invitation_and_logs_no_secret(week, monkeypatch, caplog,
                                                                 django_capture_on_commit_callbacks):
    def refused(**kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(guests, "send_mail", refused)
    link = invite(week, django_capture_on_commit_callbacks)  # the organiser's page shows it to hand over
    week.guest.refresh_from_db()
    assert week.guest.user is not None and guests.link_works(week.guest.user, token_of(link))
    assert f"assessor {week.guest.pk}: email failed (ConnectionRefusedError)" in caplog.text
    assert token_of(link) not in caplog.text
