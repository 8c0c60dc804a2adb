"""The moderation slice's test records: design §5.1's ten submitted audits (seed 7, share 0.20), graded as its
table says, and the auditors of §5.2's example (ann in North 1, bob in South 2, cat in no case team)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from triangulate.audits.models import CaseAudit
from triangulate.core.roles import Role

from ..factories import TeamFactory, make_user
from .factories import AuditRoundFactory, CaseAuditFactory, SampleEntryFactory, make_tool

GRADE_VALUES = {"O": 4, "G": 3, "RI": 2, "I": 1}
# §5.1's table: child, grade, its team in §4.1's example, and who audited it in §4.3's allocation
EXAMPLE = (
    ("A02", "G", "North 1", "bob"), ("A11", "RI", "North 1", "cat"), ("A09", "I", "North 1", "bob"),
    ("A10", "G", "North 1", "cat"), ("B04", "RI", "South 2", "ann"), ("B05", "G", "South 2", "ann"),
    ("B06", "O", "South 2", "cat"), ("B03", "RI", "South 2", "ann"), ("C01", "I", "West 1", "bob"),
    ("C02", "RI", "West 1", "ann"),
)


class Example:
    """The round, its teams by name, the auditors by username and the audits by child id."""

    def __init__(self, world, *, share=Decimal("0.20"), state=CaseAudit.State.SUBMITTED):
        council = world.own.council
        self.version = make_tool(council=council)
        self.scale = self.version.grade_scale
        self.round = AuditRoundFactory(council=council, tool_version=self.version, seed=7, moderation_share=share)
        self.teams = {name: TeamFactory(council=council, name=name) for name in ("North 1", "South 2", "West 1")}
        self.auditors = {
            "ann": make_user(Role.AUDITOR, username="ann", teams=[self.teams["North 1"]]),
            "bob": make_user(Role.AUDITOR, username="bob", teams=[self.teams["South 2"]]),
            "cat": make_user(Role.AUDITOR, username="cat"),
        }
        self.audits = {}
        for child_id, grade, team, auditor in EXAMPLE:
            entry = SampleEntryFactory(round=self.round, team=self.teams[team], child_id=child_id)
            self.audits[child_id] = submitted_audit(entry, self.auditors[auditor], self.grade(grade), state=state)

    def grade(self, letter):
        return self.scale.grades.get(value=GRADE_VALUES[letter])


def submitted_audit(entry, auditor, grade, *, state=CaseAudit.State.SUBMITTED):
    return CaseAuditFactory(sample_entry=entry, auditor=auditor, state=state, overall_grade=grade,
                            submitted_by=auditor, submitted_at=timezone.now(), completed_on=date(2026, 12, 1))
