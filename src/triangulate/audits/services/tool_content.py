"""The content of a tool's draft version (design §1.1, §9.1): add, edit, move and delete its sections and
questions. Every change locks the draft's `ToolVersion` and claims it against the version the user's page was
drawn from (services/tools.py), so two people editing one draft never overwrite each other.

Order numbers are unique, so a move is a swap through a spare number and a delete closes the gap. A question's
`key` joins its results across versions and tools; it changes only when the user says the meaning has changed
(`new_trend`), and a question with published results cannot change its type of answer without that."""

from django.core.exceptions import ValidationError
from django.db.models import Max, ProtectedError

from triangulate.core import audit as trail
from triangulate.core.authority import service

from ..models import CaseType, Question, Section
from ..rules import Perm
from ..verbs import Verb
from .tools import Status, _claim_draft, _key_from, refuse

SECTION_FIELDS = ("title", "guidance")
QUESTION_FIELDS = ("text", "answer_type", "theme", "mandatory", "allow_not_applicable", "asks_evidence", "guidance",
                   "applies_to")
UP, DOWN = "up", "down"


# Sections ----------------------------------------------------------------------------------------------------


def _next_number(rows):
    return (rows.aggregate(n=Max("number"))["n"] or 0) + 1


def _swap(rows, row, direction):
    """Swap `row` with its neighbour in `rows` (ordered by the unique `number`) through a spare number, so the
    unique constraint holds after every statement. Returns the neighbour, or refuses at either end."""
    if direction not in (UP, DOWN):
        refuse("Choose “Move up” or “Move down”")
    neighbour = (rows.filter(number__lt=row.number).order_by("-number") if direction == UP
                 else rows.filter(number__gt=row.number).order_by("number")).first()
    if neighbour is None:
        refuse(f"It is already the {'first' if direction == UP else 'last'}: it cannot move {direction}")
    spare = _next_number(rows)
    mine, theirs = row.number, neighbour.number
    type(row).objects.filter(pk=row.pk).update(number=spare)
    type(row).objects.filter(pk=neighbour.pk).update(number=mine)
    type(row).objects.filter(pk=row.pk).update(number=theirs)
    row.number, neighbour.number = theirs, mine
    return neighbour


def _close_gap(rows, number):
    """After a delete, renumber the rows after `number` down by one, lowest first (each into a free number)."""
    for row in rows.filter(number__gt=number).order_by("number"):
        type(row).objects.filter(pk=row.pk).update(number=row.number - 1)


def _changed(obj, fields, values):
    before = {f: getattr(obj, f) for f in fields}
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"cannot change {obj._meta.model_name} field(s) {sorted(unknown)}")
    for name, value in values.items():
        setattr(obj, name, value)
    return trail.model_changes(obj, fields, before)


@service(Perm.MANAGE_TOOLS)
def create_section(*, actor, version, title, guidance="", expected_version=None):
    _claim_draft(version, expected_version)
    section = Section(version=version, number=_next_number(version.sections.all()), title=title, guidance=guidance)
    section.full_clean()
    section.save()
    trail.record(actor, Verb.SECTION_CREATED, section, version=version.pk, number=section.number)
    return section


@service(Perm.MANAGE_TOOLS)
def edit_section(*, actor, section, expected_version=None, **values):
    _claim_draft(section.version, expected_version)
    changes = _changed(section, SECTION_FIELDS, values)
    section.full_clean()
    section.save()
    if changes:
        # Field names only for the guidance: it is free text.
        trail.record(actor, Verb.SECTION_UPDATED, section, changed=sorted(changes))
    return section


@service(Perm.MANAGE_TOOLS)
def move_section(*, actor, section, direction, expected_version=None):
    _claim_draft(section.version, expected_version)
    before = section.number
    _swap(section.version.sections.all(), section, direction)
    trail.record(actor, Verb.SECTION_MOVED, section, number=[before, section.number])
    return section


@service(Perm.MANAGE_TOOLS)
def delete_section(*, actor, section, expected_version=None):
    """Delete a section of a draft, with its questions. Returns the version."""
    version = _claim_draft(section.version, expected_version)
    trail.record(actor, Verb.SECTION_DELETED, section, version=version.pk, number=section.number,
                 questions=list(section.questions.values_list("key", flat=True)))
    number = section.number
    section.delete()
    _close_gap(version.sections.all(), number)
    return version


# Questions ---------------------------------------------------------------------------------------------------


def _clean_question(question):
    errors = {}
    if question.answer_type in Question.THEMED_TYPES and question.theme_id is None:
        errors["theme"] = ["Choose a theme: graded and yes or no questions are reported by theme"]
    unknown = set(question.applies_to or []) - {c.value for c in CaseType}
    if unknown:
        errors["applies_to"] = ["Choose case types from the list"]
    if errors:
        raise ValidationError(errors)
    question.full_clean(exclude=["section", "version"])


def _key_taken(version, key, exclude=None):
    return version.questions.filter(key=key).exclude(pk=exclude).exists()


def used_before(version, key):
    """Whether an earlier, published version of the tool has a question with this key: its trend has results
    (or soon will), so changing the key or the type of answer matters."""
    return Question.objects.filter(version__tool=version.tool, key=key).exclude(version__status=Status.DRAFT).exists()


def fresh_key(version, base):
    """A key for a question whose meaning has changed: `<base>_v<draft number>`, made unique across the
    council's tools so it never joins another question's trend by accident."""
    base = base[:52]
    council_keys = set(Question.objects.filter(version__tool__council=version.tool.council)
                       .values_list("key", flat=True))
    candidate, n = f"{base}_v{version.number}", 2
    while candidate in council_keys:
        candidate, n = f"{base}_v{version.number}_{n}", n + 1
    return candidate


@service(Perm.MANAGE_TOOLS)
def create_question(*, actor, section, text, answer_type, key="", theme=None, mandatory=False,
                    allow_not_applicable=False, asks_evidence=None, guidance="", applies_to=(),
                    expected_version=None):
    """A question at the end of the section. A blank key is made from the text; an existing key from another
    version or tool joins that question's trend, as a themed audit does (§2.2)."""
    version = _claim_draft(section.version, expected_version)
    key = key or _key_from(text)
    if not key:
        refuse("The question must include letters or numbers", "text")
    if _key_taken(version, key):
        refuse(f"Another question in this version has the key “{key}”", "key")
    question = Question(
        section=section, version=version, number=_next_number(section.questions.all()), key=key, text=text,
        answer_type=answer_type, theme=theme, mandatory=mandatory, allow_not_applicable=allow_not_applicable,
        asks_evidence=answer_type == Question.AnswerType.GRADE if asks_evidence is None else asks_evidence,
        guidance=guidance, applies_to=list(applies_to))
    _clean_question(question)
    question.save()
    trail.record(actor, Verb.QUESTION_CREATED, question, section=section.pk, key=key, answer_type=answer_type,
                 theme=theme, mandatory=mandatory)
    return question


@service(Perm.MANAGE_TOOLS)
def edit_question(*, actor, question, new_trend=False, expected_version=None, **values):
    """Change a draft's question. `new_trend` ("The meaning has changed: start a new trend") gives it a new key;
    changing the type of answer of a question with published results needs it, since the results would no
    longer mean the same."""
    version = _claim_draft(question.version, expected_version)
    old_key, old_type = question.key, question.answer_type
    changes = _changed(question, QUESTION_FIELDS, values)
    if question.answer_type != old_type and not new_trend and used_before(version, old_key):
        refuse("Changing the type of answer changes what the results mean: tick “The meaning has changed: start a "
               "new trend”", "answer_type")
    if new_trend:
        question.key = fresh_key(version, old_key)
        changes["key"] = [old_key, question.key]
    _clean_question(question)
    question.save()
    if changes:
        # Ids, keys, types and flags; the text and guidance only as changed (free text).
        shown = {f: v for f, v in changes.items() if f not in ("text", "guidance")}
        trail.record(actor, Verb.QUESTION_UPDATED, question, **shown,
                     changed=sorted(f for f in changes if f in ("text", "guidance")))
    return question


@service(Perm.MANAGE_TOOLS)
def move_question(*, actor, question, direction, expected_version=None):
    _claim_draft(question.version, expected_version)
    before = question.number
    _swap(question.section.questions.all(), question, direction)
    trail.record(actor, Verb.QUESTION_MOVED, question, number=[before, question.number])
    return question


@service(Perm.MANAGE_TOOLS)
def delete_question(*, actor, question, expected_version=None):
    """Delete a draft's question. Returns its section."""
    _claim_draft(question.version, expected_version)
    section, number = question.section, question.number
    trail.record(actor, Verb.QUESTION_DELETED, question, section=section.pk, key=question.key)
    try:
        question.delete()
    except ProtectedError:
        refuse("This question has answers and cannot be deleted")
    _close_gap(section.questions.all(), number)
    return section
