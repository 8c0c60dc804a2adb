"""Conducting an audit (design §3.2): allocated → record_review → worker_conversation → family_feedback →
graded, then submitted (services/submission.py). Section answers are saved by services/answers.py.

Stages are gates, not a fixed order of pages: every page stays editable until submission, and the family page
is open from record_review on. Every edit by the auditor is claimed against `CaseAudit.version`. The trail and
notifications carry ids, states and grades only."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Source
from triangulate.kpis.calendar import is_working_day
from triangulate.people.scope import Grant
from triangulate.people.selectors import team_managers

from ..grants import KIND as GRANT_KIND
from ..models import AuditAction, AuditFinding, CaseAudit, FamilyFeedback, Grade
from ..notices import Notice, notify_on_commit
from ..rules import AUDITOR_ROLES, Perm
from ..verbs import Verb
from .answers import editable, missing_answers, start

State = CaseAudit.State
Feedback = FamilyFeedback
# The order of the stages, so a later save never moves an audit backwards.
ORDER = [State.ALLOCATED, State.RECORD_REVIEW, State.WORKER_CONVERSATION, State.FAMILY_FEEDBACK, State.GRADED,
         State.SUBMITTED, State.MODERATED]


def reached(audit, state):
    return audit.state in ORDER and ORDER.index(audit.state) >= ORDER.index(state)


def audit_url(audit):
    return reverse("audits:audit_detail", args=[audit.pk])


def worker_accounts(audit):
    """The worker's own account(s), when the worker has one (§3.2)."""
    if audit.worker_id is None:
        return []
    return list(get_user_model().objects.filter(is_active=True, profile__staff_id=audit.worker_id))


def grant_for(audit):
    return Grant(GRANT_KIND, audit.pk)


def _claimed(audit, expected_version):
    lock(audit)
    claim(audit, expected_version)
    editable(audit)
    return audit


def _move(actor, audit, to, verb, fields=(), **changes):
    """Advance the state to `to` when the audit is not already there or beyond; record `verb` either way."""
    old = audit.state
    if not reached(audit, to):
        audit.state = to
    audit.save(update_fields=["state", *fields])
    trail.record(actor, verb, audit, state=[old, audit.state], **changes)


@service(Perm.CONDUCT_AUDIT, on="audit")
def start_audit(*, actor, audit, expected_version=None):
    _claimed(audit, expected_version)
    if audit.state != State.ALLOCATED:
        raise ValidationError("This audit has already been started")
    start(audit, actor)
    return audit


@service(Perm.CONDUCT_AUDIT, on="audit")
def share_draft(*, actor, audit, expected_version=None):
    """→ worker_conversation: the worker (if they have an account) and the team managers can read the draft."""
    _claimed(audit, expected_version)
    if reached(audit, State.WORKER_CONVERSATION):
        raise ValidationError("The draft has already been shared")
    missing = missing_answers(audit)
    if missing:
        raise ValidationError(f"Answer every question that must be answered before sharing the draft: "
                              f"{len(missing)} still to answer")
    start(audit, actor)
    audit.shared_at = timezone.now()
    _move(actor, audit, State.WORKER_CONVERSATION, Verb.AUDIT_SHARED, fields=["shared_at"])
    notify_on_commit([*worker_accounts(audit), *team_managers(audit.team)], Notice.DRAFT_SHARED,
                     f"A draft case audit in {audit.team.name} has been shared with you", audit_url(audit))
    return audit


@service(Perm.CONDUCT_AUDIT, on="audit")
def record_conversation(*, actor, audit, conversation, conversation_on=None, manager_present=None, notes="",
                        not_held_reason="", expected_version=None):
    """→ family_feedback: the conversation with the worker, held (a date, and whether the manager was there)
    or not held (a reason)."""
    _claimed(audit, expected_version)
    if not reached(audit, State.WORKER_CONVERSATION):
        raise ValidationError("Share the draft with the worker before recording the conversation")
    errors = {}
    if conversation == CaseAudit.Conversation.HELD:
        if conversation_on is None:
            errors["conversation_on"] = "Enter the date of the conversation"
        elif conversation_on > timezone.localdate():
            errors["conversation_on"] = "The date of the conversation must be today or in the past"
        if manager_present is None:
            errors["manager_present"] = "Select whether the worker's manager was there"
        not_held_reason = ""
    elif conversation == CaseAudit.Conversation.NOT_HELD:
        if not (not_held_reason or "").strip():
            errors["not_held_reason"] = "Say why the conversation was not held"
        conversation_on, manager_present = None, None
    else:
        errors["conversation"] = "Select whether the conversation was held"
    if errors:
        raise ValidationError(errors)
    audit.conversation, audit.conversation_on, audit.manager_present = conversation, conversation_on, manager_present
    audit.conversation_notes, audit.conversation_not_held_reason = (notes or "").strip(), not_held_reason.strip()
    _move(actor, audit, State.FAMILY_FEEDBACK, Verb.CONVERSATION_RECORDED,
          fields=["conversation", "conversation_on", "manager_present", "conversation_notes",
                  "conversation_not_held_reason"], conversation=conversation, manager_present=manager_present)
    return audit


FAMILY_WORDS = ("spoke_with", "contacted_on", "share_with_worker", "positive_difference", "confident_to_ask_again",
                "what_went_well", "what_could_be_better", "featured")


@service(Perm.CONDUCT_AUDIT, on="audit")
def record_family_feedback(*, actor, audit, outcome, expected_version=None, **values):
    """Stage 3, open from record_review on. A family not reached (or not asked) needs a reason. Without their
    consent only the outcome is kept (decision 13): everything they said, and who they were, is dropped here,
    and the database refuses their words besides."""
    _claimed(audit, expected_version)
    if not reached(audit, State.RECORD_REVIEW):
        start(audit, actor)
    unknown = set(values) - {*FAMILY_WORDS, "consent", "attempts", "not_reached_reason", "reason_note"}
    if unknown:
        raise ValueError(f"unknown family feedback field(s) {sorted(unknown)}")
    if outcome not in Feedback.Outcome.values:
        raise ValidationError({"outcome": "Select whether the family was reached"})
    kept = {"outcome": outcome, "attempts": values.get("attempts") or 0, "consent": bool(values.get("consent"))}
    if outcome == Feedback.Outcome.REACHED:
        if kept["consent"]:
            kept.update({name: values[name] for name in FAMILY_WORDS if name in values})
            for name in ("what_went_well", "what_could_be_better"):
                kept[name] = (kept.get(name) or "").strip()
            if kept.get("featured") and not (kept["what_went_well"] or kept["what_could_be_better"]):
                raise ValidationError({"featured": "Only the family's own words can be chosen for the briefing"})
    else:
        reason = values.get("not_reached_reason") or ""
        if not reason:
            raise ValidationError({"not_reached_reason": "Select why the family was not reached"})
        note = (values.get("reason_note") or "").strip()
        if reason == Feedback.NotReachedReason.OTHER and not note:
            raise ValidationError({"reason_note": "Say why the family was not reached"})
        kept.update(not_reached_reason=reason, reason_note=note, consent=False)
    blank = {"not_reached_reason": "", "reason_note": "", "spoke_with": "", "contacted_on": None,
             "share_with_worker": False, "positive_difference": "", "confident_to_ask_again": "",
             "what_went_well": "", "what_could_be_better": "", "featured": False}
    feedback, _ = FamilyFeedback.objects.update_or_create(audit=audit, defaults={**blank, **kept})
    trail.record(actor, Verb.FAMILY_FEEDBACK_RECORDED, audit, outcome=outcome, consent=feedback.consent)
    return feedback


@service(Perm.CONDUCT_AUDIT, on="audit")
def record_outcome(*, actor, audit, overall_grade, next_steps, expected_version=None):
    """→ graded: the family outcome is recorded, and the overall grade (on the version's scale) and next steps
    are filled in."""
    _claimed(audit, expected_version)
    if not reached(audit, State.FAMILY_FEEDBACK):
        raise ValidationError("Record the conversation with the worker before grading the audit")
    if not FamilyFeedback.objects.filter(audit=audit).exists():
        raise ValidationError("Record the family's feedback, or why there is none, before grading the audit")
    errors = {}
    if not isinstance(overall_grade, Grade) or overall_grade.scale_id != audit.tool_version.grade_scale_id:
        errors["overall_grade"] = "Choose a grade from the audit's scale"
    if not (next_steps or "").strip():
        errors["next_steps"] = "Enter the next steps"
    if errors:
        raise ValidationError(errors)
    old_grade = audit.overall_grade_id and audit.overall_grade.value
    audit.overall_grade, audit.next_steps = overall_grade, next_steps.strip()
    _move(actor, audit, State.GRADED, Verb.AUDIT_GRADED, fields=["overall_grade", "next_steps"],
          grade=[old_grade, overall_grade.value])
    return audit


@service(Perm.CONDUCT_AUDIT, on="audit")
def add_finding(*, actor, audit, kind, text, theme, suggested_by=None):
    """A finding for the audited team (a peer auditor from another team writes it through the audit's grant)."""
    lock(audit)
    editable(audit)
    if suggested_by is not None and suggested_by.version_id != audit.tool_version_id:
        raise ValidationError("That question is not part of this audit's form")
    finding = improvement.record_finding.step(
        actor=actor, kind=kind, text=text, theme=theme, team=audit.team, source=Source.CASE_AUDIT,
        found_on=timezone.localdate(), grant=grant_for(audit))
    AuditFinding.objects.create(audit=audit, finding=finding, suggested_by=suggested_by)
    trail.record(actor, Verb.FINDING_LINKED, audit, finding=finding.pk, kind=kind,
                 question=suggested_by.pk if suggested_by else None)
    return finding


def default_due_date(kind, today=None):
    """1 working day for an escalation, 20 for the others (§9.1)."""
    day, left = today or timezone.localdate(), 1 if kind == AuditAction.Kind.ESCALATE else 20
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


@service(Perm.CONDUCT_AUDIT, on="audit")
def add_action(*, actor, audit, kind, title, rationale, priority, owner, due_date, theme, finding=None):
    """An action for the audited team. Open after submission too: an amendment or a re-grade to inadequate
    needs an action, and the auditor is asked for one."""
    lock(audit)
    if audit.state == State.WITHDRAWN:
        raise ValidationError("This audit has been withdrawn and can no longer be changed")
    if kind not in AuditAction.Kind.values:
        raise ValidationError({"kind": "Select the kind of action"})
    if finding is not None and not AuditFinding.objects.filter(audit=audit, finding=finding).exists():
        raise ValidationError({"finding": "Choose one of this audit's findings"})
    action = improvement.create_action.step(
        actor=actor, title=title, rationale=rationale, priority=priority, owner=owner, due_date=due_date,
        theme=theme, team=audit.team, finding=finding, grant=grant_for(audit))
    AuditAction.objects.create(audit=audit, action=action, kind=kind)
    trail.record(actor, Verb.ACTION_LINKED, audit, action=action.pk, kind=kind)
    return action


@service(Perm.MANAGE_ROUNDS, on="audit")
def reallocate_audit(*, actor, audit, auditor, expected_version=None):
    """Give the audit to another auditor before submission; the state stays (§3.2). The version moves on, so the
    old auditor's open window is refused (its autosave answers 409, or 404 once they can no longer read it)."""
    _claimed(audit, expected_version)
    if not (auditor.is_active and AUDITOR_ROLES(auditor)):
        raise ValidationError({"auditor": "Choose someone who can be given audits"})
    if auditor.pk == audit.auditor_id:
        raise ValidationError({"auditor": "The audit is already allocated to them"})
    old = audit.auditor_id
    audit.auditor, audit.auditor_name = auditor, auditor.get_full_name() or auditor.get_username()
    audit.allocated_at, audit.allocated_by = timezone.now(), user_of(actor)
    audit.save(update_fields=["auditor", "auditor_name", "allocated_at", "allocated_by"])
    trail.record(actor, Verb.AUDIT_REALLOCATED, audit, auditor=[old, auditor.pk], state=audit.state)
    notify_on_commit([auditor], Notice.AUDITS_ALLOCATED,
                     f"A case audit in {audit.team.name} has been allocated to you", audit_url(audit))
    return audit
