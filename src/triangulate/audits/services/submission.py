"""Submitting an audit (design §3.2): the guards, revision 1 with its snapshot, the local completion date, the
moderation selection (§5.1), and telling the worker and the team managers. Once submitted the audit is locked."""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.audit import plain
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.people.selectors import team_managers

from ..models import AuditRevision, CaseAudit, FamilyFeedback, Moderation
from ..notices import Notice, notify_on_commit
from ..rules import Perm
from ..verbs import Verb
from .answers import VALUE_FIELD, applicable_questions, editable, invalid_answers, missing_answers, save_answer
from .conduct import _claimed, audit_url, worker_accounts
from .moderation_selection import select_on_submit

State = CaseAudit.State


def submission_problems(audit):
    """What stops the audit being submitted, in the words of the submit page's checklist (empty: ready)."""
    problems = []
    if audit.state != State.GRADED:
        problems.append("Grade the audit: share the draft, record the conversation and the family's feedback, "
                        "then give the overall grade and next steps")
    missing = missing_answers(audit)
    if missing:
        problems.append(f"Answer every question that must be answered ({len(missing)} still to answer)")
    if invalid_answers(audit):
        problems.append("Correct the answers that do not fit their question")
    if not audit.finding_links.exists():
        problems.append("Record at least one finding")
    if audit.overall_grade_id and audit.overall_grade.is_inadequate and not audit.action_links.exists():
        problems.append("Set at least one action: the overall grade is inadequate")
    return problems


def snapshot(audit):
    """The audit as it stands: answers by key, the outcome, the conversation, the family and the responses."""
    answers = {}
    for answer in audit.answers.select_related("question", "grade").order_by("question__section__number",
                                                                            "question__number"):
        field = VALUE_FIELD[answer.question.answer_type]
        value = answer.grade.value if field == "grade" and answer.grade_id else plain(getattr(answer, field))
        answers[answer.question.key] = {"value": None if value == "" else value,
                                        "not_applicable": answer.not_applicable, "evidence": answer.evidence}
    feedback = FamilyFeedback.objects.filter(audit=audit).first()
    family = None
    if feedback is not None:
        family = {name: plain(getattr(feedback, name)) for name in (
            "outcome", "not_reached_reason", "reason_note", "attempts", "contacted_on", "spoke_with", "consent",
            "share_with_worker", "positive_difference", "confident_to_ask_again", "what_went_well",
            "what_could_be_better", "featured")}
    grade = audit.overall_grade
    return {
        "answers": answers,
        "outcome": {"overall_grade": grade.value if grade else None, "grade_label": grade.label if grade else "",
                    "next_steps": audit.next_steps},
        "conversation": {"conversation": audit.conversation, "conversation_on": plain(audit.conversation_on),
                         "manager_present": audit.manager_present, "notes": audit.conversation_notes,
                         "not_held_reason": audit.conversation_not_held_reason},
        "family": family,
        "responses": {r.kind: r.text for r in audit.responses.all()},
        "findings": sorted(audit.finding_links.values_list("finding_id", flat=True)),
        "actions": sorted(audit.action_links.values_list("action_id", flat=True)),
    }


@service(Perm.CONDUCT_AUDIT, on="audit")
def submit_audit(*, actor, audit, expected_version=None):
    _claimed(audit, expected_version)
    editable(audit)
    problems = submission_problems(audit)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    audit.state, audit.submitted_at, audit.submitted_by = State.SUBMITTED, now, actor
    audit.completed_on = timezone.localdate(now)
    audit.save(update_fields=["state", "submitted_at", "submitted_by", "completed_on"])
    AuditRevision.objects.create(audit=audit, number=1, kind=AuditRevision.Kind.SUBMITTED, made_by=actor,
                                 snapshot=snapshot(audit))
    trail.record(actor, Verb.AUDIT_SUBMITTED, audit, state=[State.GRADED, State.SUBMITTED],
                 grade=audit.overall_grade.value, completed_on=audit.completed_on)
    select_on_submit(audit, actor)
    notify_on_commit([*worker_accounts(audit), *team_managers(audit.team)], Notice.AUDIT_SUBMITTED,
                     f"A case audit in {audit.team.name} has been submitted", audit_url(audit))
    return audit


def _flat(snap, text_keys):
    """The snapshot as key → value for the diff: answers by their question's key, evidence and notes as text."""
    flat = {}
    for key, answer in snap["answers"].items():
        flat[key] = "not applicable" if answer["not_applicable"] else answer["value"]
        flat[f"{key}.evidence"] = answer["evidence"]
    flat["overall_grade"] = snap["outcome"]["overall_grade"]
    flat["next_steps"] = snap["outcome"]["next_steps"]
    text_keys.update({k for k in flat if k.endswith(".evidence")}, {"next_steps"})
    return flat


def changes_between(before, after, text_questions=()):
    """key → [old, new]; free text (evidence, notes, text answers) only as "changed", so a revision's changes
    can be listed to anyone who reads the audit without copying what was written."""
    text_keys = set(text_questions)
    old, new = _flat(before, text_keys), _flat(after, text_keys)
    changes = {}
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key) and (old.get(key) or new.get(key)) not in (None, ""):
            changes[key] = "changed" if key in text_keys else [old.get(key), new.get(key)]
    return changes


def may_amend(user, audit):
    """The QA lead at any time; the auditor until the audit is moderated or its round closes (§3.2)."""
    if role_of(user) == Role.QA_LEAD:
        return True
    moderated = audit.state == State.MODERATED or Moderation.objects.filter(
        audit=audit, status__in=Moderation.DONE_STATUSES).exists()
    return not moderated and audit.round.status != audit.round.Status.CLOSED


@service(Perm.AMEND_AUDIT, on="audit")
def amend_audit(*, actor, audit, reason, answers=None, overall_grade=None, next_steps=None, expected_version=None):
    """Change a submitted audit: claimed against its version, with a reason, written as revision n+1 with its
    changes. An amendment to an inadequate grade needs an action and selects the audit for moderation."""
    lock(audit)
    claim(audit, expected_version)
    if audit.state not in CaseAudit.DONE_STATES:
        raise ValidationError("Only a submitted audit can be amended: edit the draft instead")
    if not may_amend(actor, audit):
        raise ValidationError("This audit has been moderated or its round has closed: ask the QA lead to amend it")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the audit is being amended"})
    before = snapshot(audit)
    questions = {q.key: q for q in applicable_questions(audit)}
    stored = {a.question_id: a for a in audit.answers.all()}
    errors = {}
    for key, given in (answers or {}).items():
        if key not in questions:
            raise ValidationError(f"The question {key} is not part of this audit")
        try:
            save_answer(audit, questions[key], stored.get(questions[key].pk), given)
        except ValidationError as error:
            errors.update(error.message_dict)
    if overall_grade is not None:
        if overall_grade.scale_id != audit.tool_version.grade_scale_id:
            errors["overall_grade"] = "Choose a grade from the audit's scale"
        audit.overall_grade = overall_grade
    if next_steps is not None:
        if not next_steps.strip():
            errors["next_steps"] = "Enter the next steps"
        audit.next_steps = next_steps.strip()
    if errors:
        raise ValidationError(errors)
    audit.save(update_fields=["overall_grade", "next_steps"])
    if missing_answers(audit) or invalid_answers(audit):
        raise ValidationError("Every question that must be answered needs a valid answer")
    inadequate = audit.overall_grade.is_inadequate
    if inadequate and not audit.action_links.exists():
        raise ValidationError({"overall_grade": "Set at least one action before grading the audit inadequate"})
    after = snapshot(audit)
    text_questions = [k for k, q in questions.items() if q.answer_type == q.AnswerType.TEXT]
    changes = changes_between(before, after, text_questions)
    if not changes:
        raise ValidationError("Nothing was changed")
    number = (AuditRevision.objects.filter(audit=audit).aggregate(n=Max("number"))["n"] or 0) + 1
    AuditRevision.objects.create(audit=audit, number=number, kind=AuditRevision.Kind.AMENDED, made_by=actor,
                                 reason=reason, snapshot=after, changes=changes)
    trail.record(actor, Verb.AUDIT_AMENDED, audit, revision=number, keys=sorted(changes),
                 grade=[before["outcome"]["overall_grade"], after["outcome"]["overall_grade"]])
    if inadequate:
        select_on_submit(audit, actor)
    return audit
