"""Check every row of a mapped tracker (design §7 step 4) and turn it into plain records to write.

`check_rows` returns (plans, errors): a plan per good row, and an error (row, column, value, problem) for each
problem found. The importer writes nothing unless the errors are empty.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.utils import timezone

from triangulate.datasets.parsers.annex_a.normalise import norm_date, norm_id

from ..models import CaseAudit
from . import tracker_mapping as tm

EARLIEST = dt.date(2000, 1, 1)
FORMULA_STARTS = ("=", "+", "-", "@", "<")
MAX_ERRORS = 500


@dataclass
class RowError:
    row: int
    column: str
    value: str
    problem: str


@dataclass
class RowPlan:
    row: int
    child_id: str
    team_id: int
    completed_on: dt.date
    version: object
    overall: object  # Grade
    answers: dict = field(default_factory=dict)  # Question -> {field: value}
    fields: dict = field(default_factory=dict)  # CaseAudit fields: auditor, worker_name, case_type, next_steps
    family: dict = field(default_factory=dict)
    moderated: object = None  # Grade
    moderator: object = None  # User or None
    moderator_name: str = ""


def shown(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return tm.number_text(value)
    return " ".join(str(value).split())[:100]


class People:
    """Users matched by full name or username, ignoring case and spacing; only a single match counts."""

    def __init__(self):
        self.by_name = {}
        for user in get_user_model().objects.filter(is_active=True):
            for name in {user.get_full_name(), user.username}:
                if name.strip():
                    self.by_name.setdefault(tm.cell_text(name), set()).add(user)

    def find(self, name):
        found = self.by_name.get(tm.cell_text(name), set())
        return next(iter(found)) if len(found) == 1 else None


class RowChecker:
    def __init__(self, tracker, headings, versions):
        self.tracker, self.headings = tracker, headings
        self.versions = {str(v.pk): v for v in versions}
        self.columns = {target: int(column) for column, target in tracker.mapping.items() if target}
        self.maps = tracker.value_maps
        self.today = timezone.localdate()
        self.people = People()
        self.errors, self.plans, self.seen = [], [], {}
        self.questions = {str(v.pk): {q.key: q for s in v.sections.all() for q in s.questions.all()}
                          for v in versions}
        self.grades = {str(v.pk): {g.value: g for g in v.grade_scale.grades.all()} for v in versions}

    def heading(self, target):
        column = self.columns[target]
        return self.headings[column] if column < len(self.headings) else f"column {column + 1}"

    def fail(self, row, target, value, problem):
        self.errors.append(RowError(row, self.heading(target) if target in self.columns else target,
                                    shown(value), problem))

    def cell(self, cells, target):
        column = self.columns.get(target)
        if column is None or column >= len(cells):
            return None
        value = cells[column]
        return None if isinstance(value, str) and not value.strip() else value

    def code(self, row, target, value):
        """The mapped code of a coded cell: "" for blank or mapped to blank, None (and an error) when unmapped."""
        if value is None:
            return ""
        text = tm.cell_text(value)
        codes = self.maps.get(target, {})
        if text not in codes:
            self.fail(row, target, value, "this value is not mapped: choose what it means on the mapping page")
            return None
        return codes[text]

    def check(self, number, cells):
        before = len(self.errors)
        child_raw = self.cell(cells, tm.CHILD_ID)
        child_id, problem = norm_id(child_raw)
        if not child_id:
            self.fail(number, tm.CHILD_ID, child_raw, "a Child Unique ID is required")
        elif problem or child_id.startswith(FORMULA_STARTS) or len(child_id) > 64:
            self.fail(number, tm.CHILD_ID, child_raw, "expected a Child Unique ID (letters and digits), not a "
                                                      "formula, markup or a text over 64 characters")
        team = self.required_code(number, cells, tm.TEAM, "a team is required")
        completed_on = self.date(number, cells)
        version = self.version(number, cells)
        overall = self.grade(number, cells, tm.OVERALL_GRADE, version, required=True)
        if len(self.errors) > before or version is None:
            self.extras(number, cells, version)  # the row's other problems are listed too
            return
        plan = RowPlan(number, child_id, int(team), completed_on, version, overall)
        self.extras(number, cells, version, plan)
        duplicate = (child_id, completed_on, version.tool_id)
        if duplicate in self.seen:
            self.fail(number, tm.CHILD_ID, child_raw, f"this child, date and tool are also in row {self.seen[duplicate]}")
        self.seen.setdefault(duplicate, number)
        if len(self.errors) == before:
            self.plans.append(plan)

    def required_code(self, number, cells, target, missing):
        value = self.cell(cells, target)
        code = self.code(number, target, value)
        if code == "":
            self.fail(number, target, value, missing)
            return None
        return code

    def date(self, number, cells):
        raw = self.cell(cells, tm.COMPLETED_ON)
        day, problem = norm_date(raw)
        if raw is None:
            self.fail(number, tm.COMPLETED_ON, raw, "the date the audit was completed is required")
        elif problem or day is None:
            self.fail(number, tm.COMPLETED_ON, raw, "expected a date such as 31/03/2025")
        elif day > self.today:
            self.fail(number, tm.COMPLETED_ON, raw, "the date is in the future; expected the date the audit was done")
        elif day < EARLIEST:
            self.fail(number, tm.COMPLETED_ON, raw, "the date is before 2000; expected the date the audit was done")
        else:
            return day
        return None

    def version(self, number, cells):
        if tm.TOOL not in self.columns:
            version = self.versions.get(str(self.tracker.default_tool_version_id))
            if version is None:
                self.fail(number, tm.TOOL, "", "choose the tool these audits used on the mapping page")
            return version
        value = self.cell(cells, tm.TOOL)
        code = self.code(number, tm.TOOL, value)
        if code is None:
            return None
        version = self.versions.get(str(code)) or self.versions.get(str(self.tracker.default_tool_version_id))
        if version is None:
            self.fail(number, tm.TOOL, value, "the tool is required")
        return version

    def grade(self, number, cells, target, version, required=False):
        value = self.cell(cells, target)
        code = self.code(number, target, value)
        if code is None:
            return None
        if code == "":
            if required:
                self.fail(number, target, value, "a grade is required")
            return None
        if version is None:
            return None
        grade = self.grades[str(version.pk)].get(int(code))
        if grade is None:
            self.fail(number, target, value, f"the grade {code} is not on the scale “{version.grade_scale.name}”")
        return grade

    def extras(self, number, cells, version, plan=None):
        """The optional columns: questions, people, case type, family feedback, moderation."""
        questions = self.questions.get(str(version.pk), {}) if version else {}
        for target in self.columns:
            if not target.startswith(tm.QUESTION):
                continue
            value = self.cell(cells, target)
            if value is None:
                continue
            question = questions.get(target.removeprefix(tm.QUESTION))
            if version is not None and question is None:
                self.fail(number, target, value, f"the tool “{version.tool.name}” (version {version.number}) has no "
                                                 "such question; leave the cell blank for this tool")
                continue
            answer = self.answer(number, target, value, question, version)
            if answer and plan:
                plan.answers[question] = answer
        case_type = self.code(number, tm.CASE_TYPE, self.cell(cells, tm.CASE_TYPE))
        moderated = self.grade(number, cells, tm.MODERATED_GRADE, version)
        family = {}
        for name in ("outcome", "positive_difference", "confident_to_ask_again", "consent"):
            code = self.code(number, tm.FAMILY + name, self.cell(cells, tm.FAMILY + name))
            if code:
                family[name] = code
        if plan is None:
            return
        auditor_name = shown(self.cell(cells, tm.AUDITOR))
        plan.fields = {"auditor": self.people.find(auditor_name) if auditor_name else None,
                       "auditor_name": auditor_name[:150], "worker_name": shown(self.cell(cells, tm.WORKER))[:120],
                       "case_type": case_type or "", "next_steps": text_of(self.cell(cells, tm.NEXT_STEPS))}
        words = text_of(self.cell(cells, tm.FAMILY + "what_could_be_better"))
        if family or words:
            plan.family = family_record(family, words)
        if moderated is not None:
            plan.moderated = moderated
            plan.moderator_name = shown(self.cell(cells, tm.MODERATOR))
            plan.moderator = self.people.find(plan.moderator_name) if plan.moderator_name else None

    def answer(self, number, target, value, question, version):
        kind = question.answer_type if question else None
        if kind == "grade":
            grade = self.grade_cell(number, target, value, version)
            return {"grade": grade} if grade else None
        if kind == "yes_no":
            code = self.code(number, target, value)
            if code == "na":
                return {"not_applicable": True}
            return {"yes_no": code} if code else None
        if kind == "number":
            try:
                return {"number": Decimal(tm.cell_text(value)).quantize(Decimal("0.01"))}
            except InvalidOperation:
                self.fail(number, target, value, "expected a number")
                return None
        if kind == "date":
            day, problem = norm_date(value)
            if problem or day is None:
                self.fail(number, target, value, "expected a date such as 31/03/2025")
                return None
            return {"date": day}
        return {"text": text_of(value)} if kind == "text" else None

    def grade_cell(self, number, target, value, version):
        code = self.code(number, target, value)
        if not code:
            return None
        grade = self.grades[str(version.pk)].get(int(code))
        if grade is None:
            self.fail(number, target, value, f"the grade {code} is not on the scale “{version.grade_scale.name}”")
        return grade


def text_of(value):
    return "" if value is None else str(tm.number_text(value) if isinstance(value, float) else value).strip()


def family_record(family, words):
    """A FamilyFeedback's fields. Without consent only the outcome is kept (design §1.3)."""
    consent = family.get("consent") == "yes"
    outcome = family.get("outcome") or ("reached" if consent or words or "positive_difference" in family
                                        else "not_attempted")
    record = {"outcome": outcome, "consent": consent}
    if consent:
        record.update(positive_difference=family.get("positive_difference", ""),
                      confident_to_ask_again=family.get("confident_to_ask_again", ""), what_could_be_better=words)
    return record


def check_rows(tracker, rows, headings, versions):
    checker = RowChecker(tracker, headings, versions)
    for index in range(tracker.header_row, len(rows)):
        cells = rows[index]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        checker.check(index + 1, cells)
        if len(checker.errors) >= MAX_ERRORS:
            break
    if not checker.errors:
        already_imported(checker)
    return checker.plans, checker.errors[:MAX_ERRORS]


def already_imported(checker):
    """A tracker cannot be imported twice: the same child, date and tool already held is an error."""
    by_child = {}
    for plan in checker.plans:
        by_child.setdefault(plan.child_id, []).append(plan)
    children = list(by_child)
    for start in range(0, len(children), 500):
        held = (CaseAudit.objects.filter(round__council=checker.tracker.council, child_id__in=children[start:start + 500])
                .exclude(state=CaseAudit.State.WITHDRAWN)
                .values_list("child_id", "completed_on", "tool_version__tool_id"))
        held = set(held)
        for child in children[start:start + 500]:
            for plan in by_child[child]:
                if (plan.child_id, plan.completed_on, plan.version.tool_id) in held:
                    checker.fail(plan.row, tm.CHILD_ID, plan.child_id,
                                 "an audit of this child on this date with this tool is already held")
