"""Turns a report's cohort (design §6) into figures.py's plain records: the only part of the figures that queries.

The cohort is every audit of the council matching the filters, whoever reads it: counts are shown to everyone
(§4.4). Words (finding texts, families' quotes) are kept only for the audits the reader may read
(`audits_visible_to`), so "the latest the reader may see" (R18) holds, and an elected member, who reads no audit,
is given none."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from triangulate.improvement.models import ActionStatusChange

from ..models import Answer, CaseAudit
from ..selectors import audits_visible_to
from .agreement import ModerationOutcome
from .figures import (
    ActionRecord,
    AnswerRecord,
    AuditRecord,
    FamilyRecord,
    FindingRecord,
    FlagRecord,
    GradeRecord,
)
from .flags import acknowledgement_due

QUARTER_MONTHS = {1: "April–June", 2: "July–September", 3: "October–December", 4: "January–March"}


@dataclass(frozen=True)
class Quarter:
    """A financial-year quarter: Q1 is April–June."""

    year: int  # the financial year's first calendar year (2026 for 2026-27)
    number: int

    @classmethod
    def of(cls, day):
        fy = day.year if day.month >= 4 else day.year - 1
        return cls(fy, (day.month - 4) % 12 // 3 + 1)

    @classmethod
    def parse(cls, text):
        """"2026-Q3" → Quarter(2026, 3); anything else → None."""
        try:
            year, q = text.split("-Q")
            quarter = cls(int(year), int(q))
        except (AttributeError, ValueError):
            return None
        return quarter if 1 <= quarter.number <= 4 and 2000 <= quarter.year <= 2100 else None

    @property
    def start(self):
        month = 4 + 3 * (self.number - 1)
        return date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self):
        following = Quarter(self.year + (self.number == 4), self.number % 4 + 1).start
        return date.fromordinal(following.toordinal() - 1)

    @property
    def key(self):
        return f"{self.year}-Q{self.number}"

    @property
    def label(self):
        """"Q3 2026-27 (October–December 2026)"."""
        year = self.year + (self.number == 4)
        return f"Q{self.number} {self.year}-{(self.year + 1) % 100:02d} ({QUARTER_MONTHS[self.number]} {year})"

    def previous(self):
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)


def cohort(*, round=None, quarter=None, team=None, service_area=None, tool=None):
    """The audits of §6's cohort: a round's, or those completed in a quarter; narrowed by team, service area
    and tool."""
    audits = CaseAudit.objects.all()
    if round is not None:
        audits = audits.filter(round=round)
    if quarter is not None:
        audits = audits.filter(completed_on__gte=quarter.start, completed_on__lte=quarter.end)
    if team is not None:
        audits = audits.filter(team=team)
    if service_area is not None:
        audits = audits.filter(team__service_area=service_area)
    if tool is not None:
        audits = audits.filter(tool_version__tool=tool)
    return audits


def _places(scale_grades):
    return {g.pk: i for i, g in enumerate(sorted(scale_grades, key=lambda g: g.value), start=1)}


def load(audits, reader):
    """AuditRecords for a queryset of audits, with words only where `reader` may read the audit."""
    visible = set(audits_visible_to(reader).filter(pk__in=audits.values("pk")).values_list("pk", flat=True))
    audits = audits.select_related(
        "overall_grade__scale", "auditor", "moderation__auditor_grade", "moderation__moderator_grade",
        "family_feedback", "round",
    ).prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("question__theme", "grade__scale")),
        "finding_links__finding__theme", "action_links__action", "flags",
        "overall_grade__scale__grades",
    )
    completions = {}
    for change in ActionStatusChange.objects.filter(
            status="complete", action__case_audit_link__audit__in=audits).order_by("changed_on"):
        completions[change.action_id] = change.changed_on
    return [_record(a, a.pk in visible, completions) for a in audits]


def _grade(grade):
    if grade is None:
        return None
    return GradeRecord(grade.label, grade.value, grade.value >= grade.scale.good_threshold, grade.is_inadequate)


def _record(audit, may_read, completions):
    family = getattr(audit, "family_feedback", None)
    if family is not None:
        quote = family.what_went_well or family.what_could_be_better
        family = FamilyRecord(family.outcome, family.not_reached_reason, family.consent, family.positive_difference,
                              family.confident_to_ask_again, family.featured,
                              quote if may_read and family.consent else "")
    answers = tuple(
        AnswerRecord(a.question.key, a.question.theme.name if a.question.theme else "", a.question.answer_type,
                     _grade(a.grade), a.yes_no, a.not_applicable)
        for a in audit.answers.all())
    findings = tuple(
        FindingRecord(link.finding.theme.name, link.finding.kind, link.finding.text if may_read else "",
                      link.finding.found_on)
        for link in audit.finding_links.all())
    actions = tuple(
        ActionRecord(link.kind, link.action.status, link.action.due_date, completions.get(link.action_id))
        for link in audit.action_links.all())
    flags = tuple(
        FlagRecord(f.status != "closed",
                   f.acknowledged_at is not None and f.acknowledged_at <= acknowledgement_due(f.raised_at))
        for f in audit.flags.all())
    return AuditRecord(
        ref=str(audit.pk), team=audit.team_id, state=audit.state, imported=audit.source == "imported",
        due_date=audit.due_date, completed_on=audit.completed_on, withdrawn_reason=audit.withdrawn_reason,
        grade=_grade(audit.overall_grade), conversation=audit.conversation, family=family, answers=answers,
        findings=findings, actions=actions, moderation=_moderation(audit), flags=flags)


def _moderation(audit):
    moderation = getattr(audit, "moderation", None)
    if moderation is None or moderation.auditor_grade is None:
        return None
    places = _places(moderation.auditor_grade.scale.grades.all())
    moderated = moderation.moderator_grade
    if moderation.status not in ("agreed", "regraded"):
        moderated = None
    name = audit.auditor.get_full_name() or audit.auditor.get_username() if audit.auditor else audit.auditor_name
    return ModerationOutcome(name, places[moderation.auditor_grade_id],
                             places.get(moderated.pk) if moderated else None)

