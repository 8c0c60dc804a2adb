"""Saving a section's answers (design §1.3, §3.2): only the value for the question's type, or "not applicable"
where the question allows it, claimed against the audit's version so two windows never overwrite each other.

The trail records which keys changed, never what was written: answers can name the child and the family."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.audit import AuditEvent
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.formatting import date_uk

from ..models import Answer, CaseAudit, Grade, Question
from ..rules import Perm
from ..verbs import Verb

State = CaseAudit.State
Type = Question.AnswerType
# The states in which the auditor still edits the audit: everything before submission.
EDITABLE = (State.ALLOCATED, State.RECORD_REVIEW, State.WORKER_CONVERSATION, State.FAMILY_FEEDBACK, State.GRADED)
AUTOSAVE_TRAIL_EVERY = timedelta(minutes=15)
VALUE_FIELD = {Type.GRADE: "grade", Type.YES_NO: "yes_no", Type.NUMBER: "number", Type.DATE: "date",
               Type.TEXT: "text"}


def applies(question, audit):
    """A question with no case types applies to every case; an imported audit of unknown type gets them all."""
    return not question.applies_to or not audit.case_type or audit.case_type in question.applies_to


def applicable_questions(audit, section=None):
    questions = Question.objects.filter(version=audit.tool_version).select_related("section", "theme")
    if section is not None:
        questions = questions.filter(section=section)
    return [q for q in questions.order_by("section__number", "number") if applies(q, audit)]


def is_answered(answer):
    if answer is None:
        return False
    if answer.not_applicable:
        return True
    value = getattr(answer, VALUE_FIELD[answer.question.answer_type] + ("_id" if answer.question.answer_type ==
                                                                        Type.GRADE else ""))
    return value not in (None, "")


def missing_answers(audit):
    """The mandatory questions that apply to the case and have no answer (nor "not applicable")."""
    answers = {a.question_id: a for a in audit.answers.select_related("question")}
    return [q for q in applicable_questions(audit) if q.mandatory and not is_answered(answers.get(q.pk))]


def invalid_answers(audit):
    """Stored answers that no longer fit their question (a value of the wrong type, or N/A not allowed)."""
    bad = []
    for answer in audit.answers.select_related("question", "grade"):
        question = answer.question
        set_fields = [name for name in VALUE_FIELD.values() if _stored(answer, name) not in (None, "")]
        if answer.not_applicable and (not question.allow_not_applicable or set_fields):
            bad.append(question)
        elif set_fields and set_fields != [VALUE_FIELD[question.answer_type]]:
            bad.append(question)
        elif answer.grade_id and answer.grade.scale_id != audit.tool_version.grade_scale_id:
            bad.append(question)
    return bad


def _stored(answer, name):
    return answer.grade_id if name == "grade" else getattr(answer, name)


def typed_value(question, value, audit):
    """The value for the question's type, or a ValidationError naming the question. None or "" is no answer."""
    if value is None or value == "":
        return None
    kind = question.answer_type
    if kind == Type.GRADE:
        pk = value.pk if isinstance(value, Grade) else value
        grade = Grade.objects.filter(scale=audit.tool_version.grade_scale_id, pk=_int(pk, question)).first()
        if grade is None:
            raise ValidationError({question.key: "Choose a grade from the audit's scale"})
        return grade
    if kind == Type.YES_NO:
        if value not in (Answer.YesNo.YES, Answer.YesNo.NO):
            raise ValidationError({question.key: "Choose yes or no"})
        return value
    if kind == Type.NUMBER:
        try:
            number = Decimal(str(value)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise ValidationError({question.key: "Enter a number, like 3 or 2.5"}) from None
        if abs(number) >= Decimal("10000000000"):
            raise ValidationError({question.key: "Enter a number below 10,000,000,000"})
        return number
    if kind == Type.DATE:
        if not isinstance(value, date):
            raise ValidationError({question.key: "Enter a real date"})
        return value
    if not isinstance(value, str):
        raise ValidationError({question.key: "Enter text"})
    return value.strip() or None


def _int(value, question):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({question.key: "Choose a grade from the audit's scale"}) from None


def start(audit, actor):
    """allocated → record_review (the caller holds the lock). The round starts with its first audit."""
    if audit.state != State.ALLOCATED:
        return False
    audit.state, audit.started_at = State.RECORD_REVIEW, timezone.now()
    audit.save(update_fields=["state", "started_at"])
    trail.record(actor, Verb.AUDIT_STARTED, audit, state=[State.ALLOCATED, State.RECORD_REVIEW])
    round_ = audit.round
    if round_.status == round_.Status.ALLOCATED:
        type(round_).objects.filter(pk=round_.pk, status=round_.Status.ALLOCATED).update(
            status=round_.Status.IN_PROGRESS)
        trail.record(actor, Verb.ROUND_STARTED, round_, status=[round_.Status.ALLOCATED, round_.Status.IN_PROGRESS],
                     audit=audit.pk)
    return True


def editable(audit):
    if audit.state not in EDITABLE:
        if audit.state in CaseAudit.DONE_STATES:
            on = date_uk(audit.completed_on) if audit.completed_on else "an earlier date"
            raise ValidationError(f"Submitted on {on}; ask the QA lead to amend it")
        raise ValidationError("This audit has been withdrawn and can no longer be changed")


@service(Perm.CONDUCT_AUDIT, on="audit")
def save_section(*, actor, audit, section, answers, expected_version=None, autosave=False):
    """Save one section. `answers` maps a question's key to {"value", "not_applicable", "evidence"} (any may be
    left out: left out is not changed). Returns the keys whose answer changed."""
    lock(audit)
    claim(audit, expected_version)
    editable(audit)
    if section.version_id != audit.tool_version_id:
        raise ValidationError("This section is not part of the audit's form")
    questions = {q.key: q for q in applicable_questions(audit, section)}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise ValidationError(f"These questions are not in this section for this case: {', '.join(unknown)}")
    started = start(audit, actor)
    stored = {a.question_id: a for a in audit.answers.filter(question__section=section)}
    errors, changed = {}, []
    for key, given in answers.items():
        question = questions[key]
        try:
            if save_answer(audit, question, stored.get(question.pk), given):
                changed.append(key)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if autosave:
        _record_autosave(actor, audit, section)
    elif changed or started:
        trail.record(actor, Verb.SECTION_SAVED, audit, section=section.number, keys=changed)
    return changed


def save_answer(audit, question, answer, given):
    not_applicable = bool(given.get("not_applicable", answer.not_applicable if answer else False))
    if not_applicable and not question.allow_not_applicable:
        raise ValidationError({question.key: "This question must be answered: it cannot be not applicable"})
    field = VALUE_FIELD[question.answer_type]
    if "value" in given:
        value = typed_value(question, given["value"], audit)
    else:
        value = (answer.grade if field == "grade" else getattr(answer, field)) if answer else None
    if not_applicable and value not in (None, ""):
        raise ValidationError({question.key: "Give an answer or choose not applicable, not both"})
    evidence = given.get("evidence", answer.evidence if answer else "")
    evidence = (evidence or "").strip()
    new = {"grade": None, "yes_no": "", "number": None, "date": None, "text": "", "not_applicable": not_applicable,
           "evidence": evidence}
    if value is not None:
        new[field] = value
    if answer is None:
        if not_applicable is False and value is None and not evidence:
            return False
        Answer.objects.create(audit=audit, question=question, **new)
        return True
    before = {name: getattr(answer, name) for name in new}
    if all(_same(before[name], new[name]) for name in new):
        return False
    for name, item in new.items():
        setattr(answer, name, item)
    answer.save()
    return True


def _same(old, new):
    if isinstance(old, Decimal) and isinstance(new, Decimal):
        return old == new
    return old == new


def _record_autosave(actor, audit, section):
    """At most one autosave event per audit and user every 15 minutes (§3.2): the revisions hold the record."""
    user = user_of(actor)
    since = timezone.now() - AUTOSAVE_TRAIL_EVERY
    recent = AuditEvent.objects.filter(verb=Verb.DRAFT_AUTOSAVED, object_type=audit._meta.label_lower,
                                       object_id=str(audit.pk), actor=user, occurred_at__gte=since).exists()
    if not recent:
        trail.record(actor, Verb.DRAFT_AUTOSAVED, audit, section=section.number)
