"""Safeguarding flags (design §3.3): who is told at once, the acknowledgement's due time over weekends and bank
holidays, the managers' answers, "not enough", closing, escalation once, and a concern that never leaves its
page (no trail event, notification or email carries it)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.audits.models import CaseAudit, SafeguardingFlag
from triangulate.audits.services import flags
from triangulate.core.audit import AuditEvent
from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import Notification
from triangulate.core.roles import Role

from .factories import AuditRoundFactory, CaseAuditFactory, SampleEntryFactory, make_tool

LONDON = ZoneInfo("Europe/London")
CONCERN = "Bruises seen on the younger child; no strategy discussion recorded."
Status = SafeguardingFlag.Status


@pytest.fixture
def audit(world):
    for user in world.users.values():  # the world's accounts have no email address of their own
        user.email = f"{user.username}@council.example"
        user.save()
    version = make_tool(council=world.own.council)
    round_ = AuditRoundFactory(council=world.own.council, tool_version=version)
    entry = SampleEntryFactory(round=round_, team=world.own, worker=world.own_worker)
    return CaseAuditFactory(sample_entry=entry, auditor=world.users[Role.AUDITOR], worker=world.own_worker,
                            state=CaseAudit.State.RECORD_REVIEW)


@pytest.fixture
def raise_one(world, audit, django_capture_on_commit_callbacks):
    def raise_it(actor=None):
        with django_capture_on_commit_callbacks(execute=True):
            return flags.raise_flag(actor=actor or world.users[Role.AUDITOR], audit=audit, concern=CONCERN)
    return raise_it


def notified(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


@pytest.mark.parametrize(("raised", "due"), [
    # Friday afternoon: due by the end of Monday
    (datetime(2026, 12, 4, 14, 0), datetime(2026, 12, 8, 0, 0)),
    # Wednesday: due by the end of Thursday
    (datetime(2026, 12, 2, 9, 30), datetime(2026, 12, 4, 0, 0)),
    # Christmas Eve 2026 (Thursday): Christmas Day, the weekend and Monday 28th (Boxing Day's substitute)
    # are not working days, so the next is Tuesday 29th
    (datetime(2026, 12, 24, 16, 0), datetime(2026, 12, 30, 0, 0)),
    # Sunday: the next working day is Monday
    (datetime(2026, 11, 29, 11, 0), datetime(2026, 12, 1, 0, 0)),
])
def test_acknowledgement_is_due_by_the_end_of_the_next_working_day(raised, due):
    assert flags.acknowledgement_due(raised.replace(tzinfo=LONDON)) == due.replace(tzinfo=LONDON)


def test_raising_tells_the_managers_at_once_by_email_and_the_qa_leads_in_the_app(world, audit, raise_one):
    flag = raise_one()
    assert (flag.team, flag.stage, flag.status) == (world.own, CaseAudit.State.RECORD_REVIEW, Status.RAISED)
    manager, qa_lead = world.users[Role.TEAM_MANAGER], world.users[Role.QA_LEAD]
    assert notified(manager) == ["audits.flag_raised"]
    assert notified(qa_lead) == ["audits.flag_raised"]
    assert notified(world.users[Role.PRACTITIONER]) == []
    assert [message.to for message in mail.outbox] == [[manager.email]]  # the QA leads are told in the app only
    assert "Safeguarding North 1" in mail.outbox[0].subject


def test_a_team_with_no_team_manager_account_tells_its_service_managers(world, audit, raise_one):
    world.users[Role.TEAM_MANAGER].profile.staff = None  # the team's manager has no account any more
    world.users[Role.TEAM_MANAGER].profile.save()
    raise_one()
    assert notified(world.users[Role.SERVICE_MANAGER]) == ["audits.flag_raised"]
    assert [message.to for message in mail.outbox] == [[world.users[Role.SERVICE_MANAGER].email]]


def test_the_concern_never_leaves_the_flag(world, audit, raise_one, django_capture_on_commit_callbacks):
    flag = raise_one()
    manager = world.users[Role.TEAM_MANAGER]
    flags.record_flag_action(actor=manager, flag=flag, action_taken="Strategy discussion held on 5 December.")
    flags.return_flag(actor=world.users[Role.AUDITOR], flag=flag, reason="The sibling was not seen.")
    with django_capture_on_commit_callbacks(execute=True):
        flags.close_flag(actor=world.users[Role.QA_LEAD], flag=flag, note="Closed after the strategy meeting.")
    texts = [str(event.changes) for event in AuditEvent.objects.all()]
    texts += list(Notification.objects.values_list("title", flat=True))
    texts += [message.subject + message.body for message in mail.outbox]
    for secret in (CONCERN, "Strategy discussion", "sibling", "strategy meeting", audit.child_id):
        assert not any(secret in text for text in texts), secret


def test_only_the_auditor_moderator_or_a_qa_lead_raise_flags(world, audit):
    for role in (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SENIOR_LEADER):
        with pytest.raises(PermissionDenied):
            flags.raise_flag(actor=world.users[role], audit=audit, concern=CONCERN)
    audit.state, audit.withdrawn_reason = CaseAudit.State.WITHDRAWN, CaseAudit.WithdrawnReason.CASE_CLOSED
    audit.save()
    with pytest.raises(ValidationError, match="withdrawn"):
        flags.raise_flag(actor=world.users[Role.QA_LEAD], audit=audit, concern=CONCERN)
    with pytest.raises(ValidationError):
        flags.raise_flag(actor=world.users[Role.AUDITOR], audit=audit, concern="   ")


def test_the_managers_acknowledge_and_record_the_action_and_the_raiser_is_told(world, raise_one,
                                                                               django_capture_on_commit_callbacks):
    flag = raise_one()
    manager, auditor = world.users[Role.TEAM_MANAGER], world.users[Role.AUDITOR]
    with pytest.raises(PermissionDenied):
        flags.acknowledge_flag(actor=world.users[Role.QA_LEAD], flag=flag)  # QA leads close, managers answer
    with django_capture_on_commit_callbacks(execute=True):
        flags.acknowledge_flag(actor=manager, flag=flag, expected_version=flag.version)
    assert (flag.status, flag.acknowledged_by) == (Status.ACKNOWLEDGED, manager)
    with pytest.raises(ValidationError, match="already acknowledged"):
        flags.acknowledge_flag(actor=manager, flag=flag)
    with pytest.raises(StaleEdit):
        flags.record_flag_action(actor=manager, flag=flag, action_taken="Visited.", expected_version=1)
    with django_capture_on_commit_callbacks(execute=True):
        flags.record_flag_action(actor=world.users[Role.SERVICE_MANAGER], flag=flag, action_taken="Visited today.",
                                 expected_version=flag.version)
    flag.refresh_from_db()
    assert (flag.status, flag.action_taken) == (Status.ACTION_RECORDED, "Visited today.")
    assert "audits.flag_acknowledged" in notified(auditor)
    assert "audits.flag_action_recorded" in notified(auditor)


def test_recording_the_action_on_a_raised_flag_acknowledges_it_too(world, raise_one):
    flag = raise_one()
    manager = world.users[Role.TEAM_MANAGER]
    flags.record_flag_action(actor=manager, flag=flag, action_taken="Strategy discussion held.")
    assert (flag.status, flag.acknowledged_by, flag.action_recorded_by) == (Status.ACTION_RECORDED, manager, manager)


def test_a_manager_of_another_team_cannot_answer(world, audit, raise_one):
    from ..factories import StaffFactory, TeamFactory, add_to_team, make_user

    elsewhere = TeamFactory(name="Disabled Children")
    staff = StaffFactory(role="team_manager")
    add_to_team(staff, elsewhere)
    other_manager = make_user(Role.TEAM_MANAGER, staff=staff, username="elsewhere")
    flag = raise_one()
    with pytest.raises(PermissionDenied):
        flags.acknowledge_flag(actor=other_manager, flag=flag)


def test_not_enough_sends_it_back_with_a_reason_and_the_managers_are_told(world, raise_one,
                                                                          django_capture_on_commit_callbacks):
    flag = raise_one()
    manager = world.users[Role.TEAM_MANAGER]
    flags.record_flag_action(actor=manager, flag=flag, action_taken="Phoned mother.")
    with pytest.raises(ValidationError):
        flags.return_flag(actor=world.users[Role.AUDITOR], flag=flag, reason="")
    with pytest.raises(PermissionDenied):  # the raiser or a QA lead, not the managers themselves
        flags.return_flag(actor=manager, flag=flag, reason="Not enough.")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        flags.return_flag(actor=world.users[Role.AUDITOR], flag=flag, reason="The child was not seen.")
    assert (flag.status, flag.returned_count, flag.return_reason) == (Status.ACKNOWLEDGED, 1,
                                                                      "The child was not seen.")
    assert notified(manager) == ["audits.flag_returned"]
    flags.record_flag_action(actor=manager, flag=flag, action_taken="Visited and saw the child alone.")
    assert flag.status == Status.ACTION_RECORDED


def test_closing_needs_a_note_when_no_action_was_recorded(world, raise_one):
    flag = raise_one()
    with pytest.raises(PermissionDenied):
        flags.close_flag(actor=world.users[Role.TEAM_MANAGER], flag=flag, note="Done")
    with pytest.raises(ValidationError, match="say why"):
        flags.close_flag(actor=world.users[Role.AUDITOR], flag=flag)
    flags.close_flag(actor=world.users[Role.AUDITOR], flag=flag, note="Raised on the wrong audit.")
    assert flag.status == Status.CLOSED
    with pytest.raises(ValidationError, match="already closed"):
        flags.close_flag(actor=world.users[Role.QA_LEAD], flag=flag, note="Again")


def test_an_unacknowledged_flag_is_escalated_once_when_due(world, raise_one, django_capture_on_commit_callbacks):
    flag = raise_one()
    flag.raised_at = datetime(2026, 12, 4, 14, 0, tzinfo=LONDON)  # Friday: due by the end of Monday 7th
    flag.save()
    second = raise_one()
    flags.acknowledge_flag(actor=world.users[Role.TEAM_MANAGER], flag=second)
    second.raised_at = flag.raised_at
    second.save()
    mail.outbox.clear()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert flags.escalate_overdue_flags(now=datetime(2026, 12, 7, 23, 59, tzinfo=LONDON)) == []
        assert flags.escalate_overdue_flags(now=datetime(2026, 12, 8, 0, 0, tzinfo=LONDON)) == [flag]
        assert flags.escalate_overdue_flags(now=datetime(2026, 12, 9, 9, 0, tzinfo=LONDON)) == []  # once only
    flag.refresh_from_db()
    assert flag.escalated_at == datetime(2026, 12, 8, 0, 0, tzinfo=LONDON)
    assert notified(world.users[Role.SERVICE_MANAGER]) == ["audits.flag_escalated"]
    assert notified(world.users[Role.QA_LEAD]) == ["audits.flag_escalated"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.users[Role.SERVICE_MANAGER].email,
                                                          world.users[Role.QA_LEAD].email])
    event = AuditEvent.objects.get(verb="safeguarding_flag.escalated")
    assert (event.actor, event.system_reason) == (None, "scheduled housekeeping")
