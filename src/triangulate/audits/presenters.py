"""What the report pages, downloads and the briefing show of figures.py's results (design §6 "Disclosure control").

Every figure goes through `core.disclosure` here, and templates get only text: for an elected member (and for the
briefing, always: decision 16) a count of 1–5, and every figure derivable from one, is never handed to a template.
The rules of §6 on top of core's:
- R1's planned count is shown only through R1's cell ("11 planned" beside "10 completed" would give away the 1);
- when R1's numerator (completed) is hidden, so is every figure whose denominator is the completed count (R4–R6,
  R11, R13, R17–R19), with the reason "hidden because the number completed is hidden";
- R2, R4, R16 and R19 are tables protected with their total;
- figures per auditor, quotes and finding texts are never shown to these readers."""

from dataclasses import dataclass

from django.conf import settings

from triangulate.core import disclosure
from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY

from .models import CaseAudit
from .rules import Perm

COMPLETED_HIDDEN = "hidden because the number completed is hidden"
HIDDEN = "suppressed"
ON_COMPLETED = ("R4", "R5", "R6", "R11", "R13", "R17", "R18", "R19")
FOUND_FOR_LABELS = {"close_case": "Found for closure", "step_down": "Found for step-down",
                    "transfer": "Found for transfer", "escalate": "Found for escalation"}
REASON_LABELS = {"no_answer": "No answer", "declined": "Declined", "no_contact_details": "No contact details",
                 "not_safe_or_appropriate": "Not safe or appropriate",
                 "interpreter_unavailable": "No interpreter available", "other": "Other"}
PROGRESS_LABELS = {"in_progress": "In progress", "not_started": "Not started", "overdue": "Overdue"}


@dataclass(frozen=True)
class Audience:
    controlled: bool
    may_read_words: bool  # finding texts and families' quotes (§8 "Example texts and quotes in reports")
    per_auditor: bool  # figures per auditor (VIEW_AUDITOR_FIGURES)
    threshold: int = disclosure.THRESHOLD

    @classmethod
    def for_user(cls, user, wide=False):
        """`wide`: a copy for a wide audience (an elected members' paper) is controlled whoever reads it."""
        controlled = wide or role_of(user) in AGGREGATES_ONLY
        return cls(controlled, not controlled, not controlled and user.has_perm(Perm.VIEW_AUDITOR_FIGURES),
                   settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD))

    @classmethod
    def briefing(cls):
        """The briefing is passed round teams: always under control, with only the featured, consented quotes."""
        return cls(True, False, False, settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD))


def _figure(percent):
    return disclosure.Figure(percent.value, percent.numerator, percent.denominator)


def one_decimal(numerator, denominator):
    """Excel's Number column: the percentage to one decimal place, half up, in integers."""
    if not denominator:
        return None
    tenths = (2000 * numerator + denominator) // (2 * denominator)
    return tenths / 10


@dataclass(frozen=True)
class Shown:
    """One figure as a reader may see it: text for the page, a number for the workbook."""

    id: str
    label: str
    value: str  # "91%", "suppressed", "no audits"
    of: str  # "10 of 11", "of 11", ""
    number: float | None  # hidden → None
    hidden: bool = False
    reason: str = ""


def _pct_shown(id, label, percent, audience, *, completed_hidden=False, cell=None):
    if completed_hidden:
        return Shown(id, label, HIDDEN, "", None, True, COMPLETED_HIDDEN)
    if cell is None:
        cell = _cell(audience, "pct", _figure(percent))
    if cell.value_hidden:
        of = f"of {cell.denominator}" if cell.denominator is not None else ""
        return Shown(id, label, HIDDEN, of, None, True, cell.reason)
    if percent.value is None:
        return Shown(id, label, percent.reason, "", None)
    return Shown(id, label, f"{percent.value}%", f"{percent.numerator} of {percent.denominator}",
                 one_decimal(percent.numerator, percent.denominator))


def _cell(audience, unit, figure):
    if audience.controlled:
        return disclosure.protect(unit, figure, audience.threshold)
    return disclosure.open_cell(unit, figure)


def _count_shown(id, label, count, audience):
    cell = _cell(audience, "count", disclosure.Figure(count))
    if cell.value_hidden:
        return Shown(id, label, disclosure.fewer_than(audience.threshold), "", None, True, cell.reason)
    return Shown(id, label, str(count), "", count)


def _table(id, labels, counts, total, audience, *, completed_hidden=False):
    """Count rows adding up to `total`, protected as a table (rule 3 of core/disclosure.py)."""
    if completed_hidden:
        return [Shown(id, labels.get(k, k), HIDDEN, "", None, True, COMPLETED_HIDDEN) for k in counts]
    rows = {k: disclosure.Figure(v) for k, v in counts.items()}
    if audience.controlled:
        cells, _ = disclosure.protect_table("count", rows, disclosure.Figure(total) if total is not None else None,
                                            audience.threshold)
    else:
        cells = {k: disclosure.open_cell("count", f) for k, f in rows.items()}
    return [Shown(id, labels.get(k, k), HIDDEN if cells[k].value_hidden else str(v), "",
                  None if cells[k].value_hidden else v, cells[k].value_hidden, cells[k].reason)
            for k, v in counts.items()]


def _pct_table(id, labels, percents, total, audience, *, completed_hidden=False):
    """Percentages of one cohort whose numerators add up to `total` (R4, R19), protected together."""
    if completed_hidden or not audience.controlled:
        return [_pct_shown(id, labels.get(k, k), p, audience, completed_hidden=completed_hidden)
                for k, p in percents.items()]
    rows = {k: _figure(p) for k, p in percents.items()}
    cells, _ = disclosure.protect_table("pct", rows, total, audience.threshold)
    return [_pct_shown(id, labels.get(k, k), p, audience, cell=cells[k]) for k, p in percents.items()]


def team_table(percents, total, audience):
    """One figure per team (the teams × rounds table), protected with the council's figure as their total."""
    return {s.label: s for s in _pct_table("R5", {}, percents, _figure(total), audience)}


def present(f, audience, *, question_labels=None):
    """The report of one cohort as the reader may see it (a dict of lists of Shown, and words)."""
    question_labels = question_labels or {}
    r1 = _pct_shown("R1", "Completed of planned", f.r1_completed, audience)
    hidden = r1.hidden  # the completed count is hidden with R1's value
    summary = [
        r1,
        _pct_shown("R3", "Completed on time", f.r3_on_time, audience, completed_hidden=hidden),
        _pct_shown("R5", "Good or better", f.r5_good, audience, completed_hidden=hidden),
        _pct_shown("R6", "Inadequate", f.r6_inadequate, audience, completed_hidden=hidden),
        _pct_shown("R7", "Inadequate with an action", f.r7_inadequate_with_action, audience),
        _pct_shown("R11", "Moderated", f.r11_moderated, audience, completed_hidden=hidden),
        _pct_shown("R12", "Moderators agreed", f.r12_agreement.overall.rate, audience),
        _pct_shown("R13", "Families reached", f.r13_reached, audience, completed_hidden=hidden),
        _pct_shown("R14", "Families who said the social worker made a positive difference", f.r14_positive,
                   audience),
        _pct_shown("R14", "… and who said partly", f.r14_partly, audience),
        _pct_shown("R15", "Families confident to ask for help again", f.r15_confident, audience),
        _pct_shown("R17", "Conversation with the worker held", f.r17_conversation, audience,
                   completed_hidden=hidden),
        _pct_shown("R20", "Actions complete", f.r20_actions_complete, audience),
        _count_shown("R20", "Actions overdue", f.r20_overdue, audience),
        _pct_shown("R21", "Actions done on time", f.r21_on_time, audience),
        _count_shown("R22", "Safeguarding flags raised", f.r22_flags["raised"], audience),
        _count_shown("R22", "Safeguarding flags open", f.r22_flags["open"], audience),
        _pct_shown("R22", "Flags acknowledged on time", f.r22_flags["acknowledged_on_time"], audience),
    ]
    if audience.controlled:
        summary = [s for s in summary if s.id != "R12" or not s.hidden]
    graded_total = sum(p.numerator for p in f.r4_grades.values())
    grades = _pct_table("R4", {}, f.r4_grades,
                        disclosure.Figure(100 if graded_total else None, graded_total, graded_total),
                        audience, completed_hidden=hidden)
    progress = _table("R2", PROGRESS_LABELS, {k: v for k, v in f.r2.items() if k != "overdue"}, None, audience)
    progress.append(_count_shown("R2", "Overdue", f.r2["overdue"], audience))
    found_for = [_pct_shown("R19", FOUND_FOR_LABELS[k], p, audience, completed_hidden=hidden)
                 for k, p in f.r19_found_for.items()]
    themes = []
    for row in f.r18_themes:
        share = _pct_shown("R18", row.theme, row.share, audience, completed_hidden=hidden)
        themes.append({"theme": row.theme, "kind": "Strength" if row.kind == "strength" else "Area for development",
                       "share": share, "recurring": row.recurring and not share.hidden,
                       "examples": list(row.examples) if audience.may_read_words else []})
    return {
        "summary": summary,
        # shown only as R1's denominator, and only when the cell shows it
        "planned": _cell(audience, "pct", _figure(f.r1_completed)).denominator or "",
        "progress": progress,
        "grades": grades,
        "by_question": [_pct_shown("R8", question_labels.get(k, k), p, audience)
                        for k, p in f.r8_by_question.items()],
        "yes_no": [_pct_shown("R9", question_labels.get(k, k), p, audience) for k, p in f.r9_yes_no.items()],
        "by_theme": [_pct_shown("R10", k, p, audience) for k, p in f.r10_by_theme.items()],
        "not_reached": _table("R16", REASON_LABELS, f.r16_not_reached, None, audience),
        "found_for": found_for,
        "themes": themes,
        "auditors": ([(name, a) for name, a in f.r12_agreement.by_auditor.items()] if audience.per_auditor else []),
        "quotes": list(f.quotes) if audience.may_read_words else [],
        "withdrawn": _table("R1", dict(CaseAudit.WithdrawnReason.choices), f.withdrawn, None, audience),
    }


def summary_rows(view):
    """The Summary sheet (and the CSV): every shown figure, as text with its Number column."""
    rows = []
    for group in ("summary", "progress", "grades", "found_for", "by_question", "yes_no", "by_theme", "not_reached"):
        for s in view[group]:
            rows.append([s.id, s.label, s.value, s.of, s.number, s.reason])
    return rows


SUMMARY_HEADERS = ["Figure", "What", "Shown", "Of", "Number", "Why hidden"]
