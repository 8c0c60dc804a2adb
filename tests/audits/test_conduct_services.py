"""Conducting an audit (design §3.2, §1.3): typed answers, the gates between stages, the family's consent,
submission and its revision, stale saves refused, and the peer auditor's write grant."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from triangulate.audits.models import (
    AuditAction,
    AuditRevision,
    CaseAudit,
    FamilyFeedback,
    Moderation,
    Question,
    Response,
)
from triangulate.audits.services import answers, conduct, responses, submission
from triangulate.core.audit import AuditEvent
from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import Notification
from triangulate.core.roles import Role
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Finding, Source

from ..factories import make_user, theme
from .factories import AuditRoundFactory, CaseAuditFactory, QuestionFactory, SampleEntryFactory, make_scale, make_tool

State = CaseAudit.State


class Conducted:
    """A round on the small tool (section 1: a mandatory yes/no and a mandatory grade; section 2: a number
    for CLA only, a date that may be not applicable, optional text), and one audit of the own team's child
    with the own worker, allocated to the auditor-role user."""

    def __init__(self, world, auditor=None):
        council = world.own.council
        self.version = make_tool(council=council)
        self.scale = self.version.grade_scale
        self.s1 = self.version.sections.get(number=1)
        self.s2 = self.s1.__class__.objects.create(version=self.version, number=2, title="Plans")
        QuestionFactory(section=self.s2, number=1, key="placements", answer_type=Question.AnswerType.NUMBER,
                        theme=None, applies_to=["cla"])
        QuestionFactory(section=self.s2, number=2, key="plan_reviewed", answer_type=Question.AnswerType.DATE,
                        theme=None, allow_not_applicable=True)
        QuestionFactory(section=self.s2, number=3, key="plan_notes", answer_type=Question.AnswerType.TEXT,
                        theme=None, mandatory=False)
        self.round = AuditRoundFactory(council=council, tool_version=self.version)
        self.auditor = auditor or world.users[Role.AUDITOR]
        entry = SampleEntryFactory(round=self.round, team=world.own, worker=world.own_worker, child_id="A07")
        self.audit = CaseAuditFactory(sample_entry=entry, worker=world.own_worker, auditor=self.auditor)

    def grade(self, value):
        return self.scale.grades.get(value=value)

    def fresh(self):
        self.audit.refresh_from_db()
        return self.audit

    def answer_all(self):
        audit = self.fresh()
        conduct_save(self, self.s1, {"summary_current": {"value": "yes"},
                                     "summary_grade": {"value": self.grade(3).pk, "evidence": "Chronology current"}})
        conduct_save(self, self.s2, {"plan_reviewed": {"not_applicable": True}})
        return audit

    def to_graded(self, grade=3):
        self.answer_all()
        conduct.share_draft(actor=self.auditor, audit=self.fresh())
        conduct.record_conversation(actor=self.auditor, audit=self.fresh(), conversation="held",
                                    conversation_on=date(2026, 1, 5), manager_present=True)
        conduct.record_family_feedback(actor=self.auditor, audit=self.fresh(), outcome="not_reached",
                                       not_reached_reason="no_answer", attempts=3)
        conduct.record_outcome(actor=self.auditor, audit=self.fresh(), overall_grade=self.grade(grade),
                               next_steps="Update the plan.")
        return self.fresh()

    def add_finding(self):
        return conduct.add_finding(actor=self.auditor, audit=self.fresh(), kind=Finding.Kind.STRENGTH,
                                   text="The chronology is current.", theme=theme("recording"))


def conduct_save(c, section, given, **kwargs):
    return answers.save_section(actor=c.auditor, audit=c.fresh(), section=section, answers=given, **kwargs)


@pytest.fixture
def c(world):
    return Conducted(world)


def test_the_first_save_starts_the_audit_and_records_the_keys_only(c):
    changed = conduct_save(c, c.s1, {"summary_current": {"value": "no", "evidence": "Child A07 not seen"}})
    audit = c.fresh()
    assert changed == ["summary_current"]
    assert audit.state == State.RECORD_REVIEW and audit.started_at is not None and audit.version == 2
    answer = audit.answers.get()
    assert (answer.yes_no, answer.evidence, answer.grade, answer.number) == ("no", "Child A07 not seen", None, None)
    event = AuditEvent.objects.get(verb="case_audit.section_saved")
    assert event.changes == {"section": 1, "keys": ["summary_current"]}
    assert "A07" not in str(AuditEvent.objects.filter(object_id=str(audit.pk)).values_list("changes", flat=True))


@pytest.mark.parametrize(("key", "value", "message"), [
    ("summary_current", "maybe", "Choose yes or no"),
    ("summary_grade", "9999", "Choose a grade from the audit's scale"),
    ("summary_grade", "three", "Choose a grade from the audit's scale"),
])
def test_only_the_value_for_the_question_type_is_accepted(c, key, value, message):
    with pytest.raises(ValidationError) as error:
        conduct_save(c, c.s1, {key: {"value": value}})
    assert error.value.message_dict == {key: [message]}
    assert c.fresh().answers.count() == 0


def test_a_grade_from_another_scale_is_refused(c, world):
    other_scale = make_scale(world.own.council, name="Other", is_default=False)
    with pytest.raises(ValidationError):
        conduct_save(c, c.s1, {"summary_grade": {"value": other_scale.grades.get(value=3).pk}})


def test_typed_numbers_dates_and_not_applicable(c):
    c.audit.case_type = "cla"
    c.audit.save()
    conduct_save(c, c.s2, {"placements": {"value": "2.5"}, "plan_reviewed": {"value": date(2026, 1, 2)},
                           "plan_notes": {"value": "  Reviewed  "}})
    got = {a.question.key: a for a in c.fresh().answers.select_related("question")}
    assert got["placements"].number == Decimal("2.50")
    assert got["plan_reviewed"].date == date(2026, 1, 2)
    assert got["plan_notes"].text == "Reviewed"
    conduct_save(c, c.s2, {"plan_reviewed": {"value": None, "not_applicable": True}})
    assert c.fresh().answers.get(question__key="plan_reviewed").not_applicable is True
    with pytest.raises(ValidationError) as error:
        conduct_save(c, c.s2, {"placements": {"not_applicable": True}})
    assert "cannot be not applicable" in str(error.value)
    with pytest.raises(ValidationError):
        conduct_save(c, c.s2, {"plan_reviewed": {"value": date(2026, 1, 2), "not_applicable": True}})


def test_a_question_for_another_case_type_is_not_asked(c):
    # The child is on a CIN plan: the CLA question neither applies nor counts as missing.
    assert [q.key for q in answers.applicable_questions(c.audit, c.s2)] == ["plan_reviewed", "plan_notes"]
    with pytest.raises(ValidationError):
        conduct_save(c, c.s2, {"placements": {"value": "2"}})
    assert [q.key for q in answers.missing_answers(c.audit)] == ["summary_current", "summary_grade",
                                                                 "plan_reviewed"]


def test_a_stale_save_is_refused_and_nothing_written(c):
    conduct_save(c, c.s1, {"summary_current": {"value": "yes"}}, expected_version=1)
    with pytest.raises(StaleEdit):
        conduct_save(c, c.s1, {"summary_current": {"value": "no"}}, expected_version=1)
    assert c.fresh().answers.get().yes_no == "yes"
    assert c.audit.version == 2


def test_sharing_needs_every_mandatory_applicable_answer_and_tells_worker_and_managers(
        c, world, django_capture_on_commit_callbacks):
    conduct_save(c, c.s1, {"summary_current": {"value": "yes"}})
    with pytest.raises(ValidationError, match="2 still to answer"):
        conduct.share_draft(actor=c.auditor, audit=c.fresh())
    c.answer_all()
    with django_capture_on_commit_callbacks(execute=True):
        conduct.share_draft(actor=c.auditor, audit=c.fresh())
    audit = c.fresh()
    assert audit.state == State.WORKER_CONVERSATION and audit.shared_at is not None
    told = set(Notification.objects.filter(kind="audits.draft_shared").values_list("user__username", flat=True))
    assert told == {"practitioner", "teammanager"}
    assert all("A07" not in n.title for n in Notification.objects.all())


def test_the_conversation_needs_a_date_or_a_reason(c):
    c.answer_all()
    with pytest.raises(ValidationError, match="Share the draft"):
        conduct.record_conversation(actor=c.auditor, audit=c.fresh(), conversation="held",
                                    conversation_on=date(2026, 1, 5), manager_present=False)
    conduct.share_draft(actor=c.auditor, audit=c.fresh())
    with pytest.raises(ValidationError) as error:
        conduct.record_conversation(actor=c.auditor, audit=c.fresh(), conversation="not_held")
    assert list(error.value.message_dict) == ["not_held_reason"]
    conduct.record_conversation(actor=c.auditor, audit=c.fresh(), conversation="not_held",
                                not_held_reason="The worker was on leave.")
    audit = c.fresh()
    assert (audit.state, audit.conversation, audit.manager_present) == (State.FAMILY_FEEDBACK, "not_held", None)


def test_without_consent_only_the_outcome_is_kept(c):
    conduct_save(c, c.s1, {"summary_current": {"value": "yes"}})
    feedback = conduct.record_family_feedback(
        actor=c.auditor, audit=c.fresh(), outcome="reached", consent=False, spoke_with="parent",
        positive_difference="yes", what_went_well="She listened to us.", share_with_worker=True)
    feedback.refresh_from_db()
    assert (feedback.outcome, feedback.consent, feedback.spoke_with, feedback.positive_difference,
            feedback.what_went_well, feedback.share_with_worker) == ("reached", False, "", "", "", False)
    feedback = conduct.record_family_feedback(
        actor=c.auditor, audit=c.fresh(), outcome="reached", consent=True, spoke_with="parent",
        positive_difference="yes", what_went_well="She listened to us.")
    feedback.refresh_from_db()
    assert (feedback.positive_difference, feedback.what_went_well) == ("yes", "She listened to us.")
    assert FamilyFeedback.objects.count() == 1


def test_a_family_not_reached_needs_a_reason(c):
    with pytest.raises(ValidationError) as error:
        conduct.record_family_feedback(actor=c.auditor, audit=c.fresh(), outcome="not_reached")
    assert list(error.value.message_dict) == ["not_reached_reason"]
    with pytest.raises(ValidationError) as error:
        conduct.record_family_feedback(actor=c.auditor, audit=c.fresh(), outcome="not_reached",
                                       not_reached_reason="other")
    assert list(error.value.message_dict) == ["reason_note"]
    # the family page is open from the start: recording it starts the audit
    conduct.record_family_feedback(actor=c.auditor, audit=c.fresh(), outcome="not_reached",
                                   not_reached_reason="declined")
    assert c.fresh().state == State.RECORD_REVIEW


def test_grading_needs_the_family_outcome_and_a_grade_on_the_scale(c, world):
    c.answer_all()
    conduct.share_draft(actor=c.auditor, audit=c.fresh())
    conduct.record_conversation(actor=c.auditor, audit=c.fresh(), conversation="held",
                                conversation_on=date(2026, 1, 5), manager_present=True)
    with pytest.raises(ValidationError, match="family"):
        conduct.record_outcome(actor=c.auditor, audit=c.fresh(), overall_grade=c.grade(3), next_steps="Plan")
    conduct.record_family_feedback(actor=c.auditor, audit=c.fresh(), outcome="not_attempted",
                                   not_reached_reason="not_safe_or_appropriate")
    other = make_scale(world.own.council, name="Other", is_default=False).grades.get(value=3)
    with pytest.raises(ValidationError) as error:
        conduct.record_outcome(actor=c.auditor, audit=c.fresh(), overall_grade=other, next_steps="")
    assert set(error.value.message_dict) == {"overall_grade", "next_steps"}
    conduct.record_outcome(actor=c.auditor, audit=c.fresh(), overall_grade=c.grade(2), next_steps="Plan")
    assert (c.fresh().state, c.audit.overall_grade.value) == (State.GRADED, 2)


def test_submission_guards_then_locks_with_revision_one(c, world, django_capture_on_commit_callbacks):
    c.to_graded(grade=3)
    with pytest.raises(ValidationError, match="at least one finding"):
        submission.submit_audit(actor=c.auditor, audit=c.fresh())
    c.add_finding()
    with django_capture_on_commit_callbacks(execute=True):
        audit = submission.submit_audit(actor=c.auditor, audit=c.fresh())
    assert audit.state == State.SUBMITTED and audit.completed_on == timezone.localdate()
    revision = AuditRevision.objects.get(audit=audit)
    assert (revision.number, revision.kind, revision.made_by) == (1, "submitted", c.auditor)
    snap = revision.snapshot
    assert snap["answers"]["summary_current"] == {"value": "yes", "not_applicable": False, "evidence": ""}
    assert snap["answers"]["summary_grade"]["value"] == 3
    assert snap["answers"]["plan_reviewed"]["not_applicable"] is True
    assert snap["outcome"] == {"overall_grade": 3, "grade_label": "Good", "next_steps": "Update the plan."}
    assert snap["family"]["outcome"] == "not_reached" and snap["conversation"]["manager_present"] is True
    told = set(Notification.objects.filter(kind="audits.submitted").values_list("user__username", flat=True))
    assert told == {"practitioner", "teammanager"}
    # locked: no more saves
    with pytest.raises(ValidationError, match="ask the QA lead"):
        conduct_save(c, c.s1, {"summary_current": {"value": "no"}})


def test_an_inadequate_audit_needs_an_action_and_is_moderated(c, world):
    c.to_graded(grade=1)
    finding = c.add_finding()
    with pytest.raises(ValidationError, match="inadequate"):
        submission.submit_audit(actor=c.auditor, audit=c.fresh())
    action = conduct.add_action(actor=c.auditor, audit=c.fresh(), kind="escalate", title="Strategy discussion",
                                rationale="Risk not assessed", priority="high", owner=world.users[Role.TEAM_MANAGER],
                                due_date=date(2027, 1, 5), theme=theme("recording"), finding=finding)
    assert action.team == world.own and AuditAction.objects.get(action=action).kind == "escalate"
    submission.submit_audit(actor=c.auditor, audit=c.fresh())
    assert Moderation.objects.get(audit=c.audit).reason == Moderation.Reason.INADEQUATE


def test_the_grant_lets_a_peer_auditor_from_another_team_write_findings(world):
    peer = make_user(Role.TEAM_MANAGER, username="peer", teams=[world.other])
    c = Conducted(world, auditor=peer)
    finding = c.add_finding()
    assert (finding.team, finding.source) == (world.own, Source.CASE_AUDIT)
    assert c.audit.finding_links.get().finding == finding
    # without the audit, the same manager may not write for the team
    with pytest.raises(PermissionDenied):
        improvement.record_finding(actor=peer, kind=Finding.Kind.STRENGTH, text="x", theme=theme(),
                                   team=world.own, source=Source.CASE_AUDIT, found_on=date(2026, 1, 5))


def test_only_the_auditor_conducts(c, world):
    with pytest.raises(PermissionDenied):
        conduct.start_audit(actor=world.users[Role.QA_LEAD], audit=c.fresh())


def test_worker_reflects_and_manager_comments_once_shared(c, world, django_capture_on_commit_callbacks):
    worker, manager = world.users[Role.PRACTITIONER], world.users[Role.TEAM_MANAGER]
    with pytest.raises(PermissionDenied):
        responses.write_response(actor=worker, audit=c.fresh(), kind="worker_reflection", text="Early")
    c.answer_all()
    conduct.share_draft(actor=c.auditor, audit=c.fresh())
    with django_capture_on_commit_callbacks(execute=True):
        responses.write_response(actor=worker, audit=c.fresh(), kind="worker_reflection", text="I agree.")
    with pytest.raises(PermissionDenied):
        responses.write_response(actor=worker, audit=c.fresh(), kind="manager_comment", text="Not mine")
    with django_capture_on_commit_callbacks(execute=True):
        comment = responses.write_response(actor=manager, audit=c.fresh(), kind="manager_comment", text="Noted.")
    with pytest.raises(StaleEdit):
        responses.write_response(actor=manager, audit=c.fresh(), kind="manager_comment", text="Again",
                                 expected_version=comment.version + 1)
    assert {r.kind: r.text for r in Response.objects.all()} == {"worker_reflection": "I agree.",
                                                                "manager_comment": "Noted."}
    assert Notification.objects.filter(kind="audits.response_added", user=c.auditor).count() == 2


def submitted(c):
    c.to_graded(grade=3)
    c.add_finding()
    return submission.submit_audit(actor=c.auditor, audit=c.fresh())


def test_an_amendment_writes_the_next_revision_with_its_changes(c):
    submitted(c)
    with pytest.raises(ValidationError) as error:
        submission.amend_audit(actor=c.auditor, audit=c.fresh(), reason="", next_steps="Other")
    assert list(error.value.message_dict) == ["reason"]
    submission.amend_audit(actor=c.auditor, audit=c.fresh(), reason="Misread the chronology",
                           answers={"summary_current": {"value": "no", "evidence": "Not updated for child A07"}},
                           overall_grade=c.grade(2), next_steps="Update the plan.")
    revision = AuditRevision.objects.get(audit=c.audit, number=2)
    assert (revision.kind, revision.reason) == ("amended", "Misread the chronology")
    # free text only as "changed": the evidence names the child, and never reaches the changes
    assert revision.changes == {"overall_grade": [3, 2], "summary_current": ["yes", "no"],
                                "summary_current.evidence": "changed"}
    assert revision.snapshot["outcome"]["overall_grade"] == 2
    assert AuditRevision.objects.get(audit=c.audit, number=1).snapshot["outcome"]["overall_grade"] == 3
    with pytest.raises(ValidationError, match="Nothing was changed"):
        submission.amend_audit(actor=c.auditor, audit=c.fresh(), reason="Again", next_steps="Update the plan.")


def test_amending_to_inadequate_needs_an_action_and_selects_for_moderation(c, world):
    submitted(c)
    Moderation.objects.filter(audit=c.audit).delete()
    with pytest.raises(ValidationError, match="action"):
        submission.amend_audit(actor=c.auditor, audit=c.fresh(), reason="Risk missed", overall_grade=c.grade(1))
    assert c.fresh().overall_grade.value == 3  # nothing kept
    Moderation.objects.filter(audit=c.audit).delete()
    # the auditor can still set the action the amendment needs
    conduct.add_action(actor=c.auditor, audit=c.fresh(), kind="escalate", title="Strategy discussion",
                       rationale="Risk", priority="high", owner=world.users[Role.TEAM_MANAGER],
                       due_date=date(2027, 1, 5), theme=theme())
    submission.amend_audit(actor=c.auditor, audit=c.fresh(), reason="Risk missed", overall_grade=c.grade(1))
    assert Moderation.objects.get(audit=c.audit).reason == Moderation.Reason.INADEQUATE


def test_the_auditor_cannot_amend_after_moderation_but_the_qa_lead_can(c, world):
    submitted(c)
    audit = c.fresh()
    audit.state = State.MODERATED
    audit.save()
    with pytest.raises(ValidationError, match="ask the QA lead"):
        submission.amend_audit(actor=c.auditor, audit=c.fresh(), reason="Late", next_steps="Other steps")
    submission.amend_audit(actor=world.users[Role.QA_LEAD], audit=c.fresh(), reason="Late", next_steps="Other")
    assert AuditRevision.objects.get(audit=c.audit, number=2).changes == {"next_steps": "changed"}


def test_reallocation_moves_the_audit_and_refuses_the_old_window(c, world, django_capture_on_commit_callbacks):
    conduct_save(c, c.s1, {"summary_current": {"value": "yes"}}, expected_version=1)
    new = make_user(Role.AUDITOR, username="newauditor")
    with pytest.raises(PermissionDenied):
        conduct.reallocate_audit(actor=c.auditor, audit=c.fresh(), auditor=new)
    with django_capture_on_commit_callbacks(execute=True):
        conduct.reallocate_audit(actor=world.users[Role.QA_LEAD], audit=c.fresh(), auditor=new)
    audit = c.fresh()
    assert (audit.auditor, audit.state, audit.version) == (new, State.RECORD_REVIEW, 3)
    assert Notification.objects.filter(user=new, kind="audits.allocated").count() == 1
    with pytest.raises(PermissionDenied):  # the old auditor may no longer change it
        conduct_save(c, c.s1, {"summary_current": {"value": "no"}}, expected_version=2)
    with pytest.raises(ValidationError):
        conduct.reallocate_audit(actor=world.users[Role.QA_LEAD], audit=c.fresh(),
                                 auditor=world.users[Role.PRACTITIONER])
