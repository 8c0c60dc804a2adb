"""Every report figure of design §6 (R1–R22), worked out from plain records (decisions 10, 11 and 14).

Pure: no queries. `report_records.py` turns a cohort's querysets into these records; the tests build them by hand
from the design's worked examples. A percentage is whole, rounded half up (`agreement.whole_percent`, which works
in integers), and is None with a reason ("no audits") when its denominator is 0, never 0%.

The grade used is the audit's **current** one, after any moderation (decision 10); agreement (R12) is counted from
the moderation records by `agreement.py`."""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .agreement import ModerationOutcome, agreement_figures, whole_percent

NO_AUDITS = "no audits"
DONE = ("submitted", "moderated")
IN_PROGRESS = ("record_review", "worker_conversation", "family_feedback", "graded")
ANSWERED = ("yes", "partly", "no", "dont_know")  # R14's denominator: "not asked" is left out (decision 14)
CONFIDENT_ANSWERED = ("yes", "not_sure", "no")
FOUND_FOR = ("close_case", "step_down", "transfer", "escalate")  # R19


@dataclass(frozen=True)
class GradeRecord:
    label: str
    value: int
    good: bool  # value ≥ the scale's good_threshold
    inadequate: bool


@dataclass(frozen=True)
class AnswerRecord:
    key: str
    theme: str  # the theme's name
    answer_type: str  # "grade" or "yes_no"; other types carry no figure
    grade: GradeRecord | None = None
    yes_no: str = ""
    not_applicable: bool = False


@dataclass(frozen=True)
class FamilyRecord:
    outcome: str  # reached, not_reached, not_attempted
    not_reached_reason: str = ""
    consent: bool = False
    positive_difference: str = ""
    confident_to_ask_again: str = ""
    featured: bool = False
    quote: str = ""  # the family's words, kept only with consent


@dataclass(frozen=True)
class FindingRecord:
    theme: str
    kind: str  # strength, area_for_development
    text: str
    found_on: date


@dataclass(frozen=True)
class ActionRecord:
    kind: str  # AuditAction.Kind
    status: str  # not_started, in_progress, complete, cancelled
    due_date: date
    completed_on: date | None = None  # when it was marked complete


@dataclass(frozen=True)
class FlagRecord:
    is_open: bool
    acknowledged_on_time: bool


@dataclass(frozen=True)
class AuditRecord:
    ref: str  # the audit's primary key as text: never a child id
    team: str
    state: str
    imported: bool = False
    due_date: date | None = None
    completed_on: date | None = None
    withdrawn_reason: str = ""
    grade: GradeRecord | None = None
    conversation: str = ""
    family: FamilyRecord | None = None
    answers: tuple = ()
    findings: tuple = ()
    actions: tuple = ()
    moderation: ModerationOutcome | None = None
    flags: tuple = ()

    @property
    def done(self):
        return self.state in DONE


def pct(numerator, denominator, reason=NO_AUDITS):
    return whole_percent(numerator, denominator, reason_when_empty=reason)


@dataclass(frozen=True)
class Recurring:
    theme: str
    kind: str
    audits: int
    share: object  # Percent of the completed audits
    recurring: bool
    examples: tuple  # up to 3 finding texts, the latest first


@dataclass
class Figures:
    """R1–R22 for one cohort. Each percentage is an `agreement.Percent`; each count an int."""

    planned: int = 0
    completed: int = 0
    withdrawn: dict = field(default_factory=dict)  # reason -> count
    r1_completed: object = None
    r2: dict = field(default_factory=dict)  # in_progress, not_started, overdue
    r3_on_time: object = None
    r4_grades: dict = field(default_factory=dict)  # label -> Percent, highest grade first
    r5_good: object = None
    r6_inadequate: object = None
    r7_inadequate_with_action: object = None
    r8_by_question: dict = field(default_factory=dict)  # key -> Percent
    r9_yes_no: dict = field(default_factory=dict)  # key -> Percent
    r10_by_theme: dict = field(default_factory=dict)  # theme -> Percent
    r11_moderated: object = None
    r12_agreement: object = None  # agreement.AgreementFigures
    r13_reached: object = None
    r14_positive: object = None
    r14_partly: object = None
    r15_confident: object = None
    r16_not_reached: dict = field(default_factory=dict)  # reason -> count
    r17_conversation: object = None
    r18_themes: list = field(default_factory=list)  # Recurring, most audits first
    r19_found_for: dict = field(default_factory=dict)  # kind -> Percent
    r20_actions_complete: object = None
    r20_overdue: int = 0
    r21_on_time: object = None
    r22_flags: dict = field(default_factory=dict)  # raised, open, acknowledged_on_time (Percent)
    quotes: list = field(default_factory=list)  # featured family words, with consent


def recurring_threshold(completed):
    """R18: a theme recurs in at least max(3, ⌈0.2 × completed⌉) audits."""
    return max(3, math.ceil(completed / 5))


def compute(audits, *, today):
    """R1–R22 for the cohort `audits` (AuditRecords, withdrawn ones included)."""
    audits = list(audits)
    live = [a for a in audits if a.state != "withdrawn"]
    done = [a for a in live if a.done]
    n = len(done)
    f = Figures(planned=len(live), completed=n)
    f.withdrawn = dict(Counter(a.withdrawn_reason or "other" for a in audits if a.state == "withdrawn"))
    f.r1_completed = pct(n, len(live))
    _progress(f, live, today)
    _grades(f, done)
    _questions(f, done)
    _moderation_and_family(f, done)
    _themes(f, done)
    _actions(f, done, today)
    flags = [fl for a in audits for fl in a.flags]
    f.r22_flags = {"raised": len(flags), "open": sum(fl.is_open for fl in flags),
                   "acknowledged_on_time": pct(sum(fl.acknowledged_on_time for fl in flags), len(flags), "no flags")}
    return f


def _progress(f, live, today):
    f.r2 = {
        "in_progress": sum(a.state in IN_PROGRESS for a in live),
        "not_started": sum(a.state == "allocated" for a in live),
        "overdue": sum(not a.done and a.due_date is not None and a.due_date < today for a in live),
    }
    timed = [a for a in live if a.done and not a.imported and a.due_date and a.completed_on]
    f.r3_on_time = pct(sum(a.completed_on <= a.due_date for a in timed), len(timed))


def _grades(f, done):
    graded = [a for a in done if a.grade is not None]
    labels = sorted({(a.grade.value, a.grade.label) for a in graded}, reverse=True)
    f.r4_grades = {label: pct(sum(a.grade.label == label for a in graded), len(graded)) for _, label in labels}
    f.r5_good = pct(sum(a.grade.good for a in graded), len(graded))
    inadequate = [a for a in graded if a.grade.inadequate]
    f.r6_inadequate = pct(len(inadequate), len(graded))
    with_action = sum(any(x.status != "cancelled" for x in a.actions) for a in inadequate)
    f.r7_inadequate_with_action = pct(with_action, len(inadequate), "no inadequate audits")


def _questions(f, done):
    answers = [x for a in done for x in a.answers if not x.not_applicable]
    graded = [x for x in answers if x.answer_type == "grade" and x.grade is not None]
    yes_no = [x for x in answers if x.answer_type == "yes_no" and x.yes_no in ("yes", "no")]
    for key in sorted({x.key for x in graded}):
        mine = [x for x in graded if x.key == key]
        f.r8_by_question[key] = pct(sum(x.grade.good for x in mine), len(mine), "no answers")
    for key in sorted({x.key for x in yes_no}):
        mine = [x for x in yes_no if x.key == key]
        f.r9_yes_no[key] = pct(sum(x.yes_no == "yes" for x in mine), len(mine), "no answers")
    for theme in sorted({x.theme for x in graded}):
        mine = [x for x in graded if x.theme == theme]
        f.r10_by_theme[theme] = pct(sum(x.grade.good for x in mine), len(mine), "no answers")


def _moderation_and_family(f, done):
    moderations = [a.moderation for a in done if a.moderation is not None]
    f.r11_moderated = pct(sum(m.moderated is not None for m in moderations), len(done))
    f.r12_agreement = agreement_figures(moderations)
    with_family = [a.family for a in done if a.family is not None]
    reached = [x for x in with_family if x.outcome == "reached"]
    f.r13_reached = pct(len(reached), len(with_family), "no family feedback")
    consented = [x for x in reached if x.consent]
    answered = [x for x in consented if x.positive_difference in ANSWERED]
    f.r14_positive = pct(sum(x.positive_difference == "yes" for x in answered), len(answered), "no families asked")
    f.r14_partly = pct(sum(x.positive_difference == "partly" for x in answered), len(answered), "no families asked")
    confident = [x for x in consented if x.confident_to_ask_again in CONFIDENT_ANSWERED]
    f.r15_confident = pct(sum(x.confident_to_ask_again == "yes" for x in confident), len(confident),
                          "no families asked")
    f.r16_not_reached = dict(Counter(x.not_reached_reason or "other" for x in with_family
                                     if x.outcome == "not_reached"))
    f.quotes = [x.quote for x in consented if x.featured and x.quote][:2]
    held = [a for a in done if not a.imported]
    f.r17_conversation = pct(sum(a.conversation == "held" for a in held), len(held))


def _themes(f, done):
    n = len(done)
    threshold = recurring_threshold(n)
    groups = {}
    for a in done:
        for finding in a.findings:
            groups.setdefault((finding.theme, finding.kind), {}).setdefault(a.ref, []).append(finding)
    rows = []
    for (theme, kind), by_audit in groups.items():
        latest = sorted((x for xs in by_audit.values() for x in xs), key=lambda x: x.found_on, reverse=True)
        rows.append(Recurring(theme, kind, len(by_audit), pct(len(by_audit), n), len(by_audit) >= threshold,
                              tuple(x.text for x in latest if x.text)[:3]))
    f.r18_themes = sorted(rows, key=lambda r: (-r.audits, r.theme, r.kind))


def _actions(f, done, today):
    n = len(done)
    for kind in FOUND_FOR:
        found = sum(any(x.kind == kind and x.status != "cancelled" for x in a.actions) for a in done)
        f.r19_found_for[kind] = pct(found, n)
    actions = [x for a in done for x in a.actions if x.status != "cancelled"]
    complete = [x for x in actions if x.status == "complete"]
    f.r20_actions_complete = pct(len(complete), len(actions), "no actions")
    f.r20_overdue = sum(x.status != "complete" and x.due_date < today for x in actions)
    f.r21_on_time = pct(sum(x.completed_on is not None and x.completed_on <= x.due_date for x in complete),
                        len(complete), "no actions complete")
