"""The audits app's records (design §1), one module per part; import them from here."""

from .audits import Answer, AuditAction, AuditFinding, AuditRevision, CaseAudit, FamilyFeedback, Response
from .choices import CaseType, Population, all_case_types
from .imports import TrackerError, TrackerImport
from .oversight import Moderation, RoundBriefing, SafeguardingFlag
from .rounds import AuditRound, RoundAuditor, RoundTeam, SampleEntry, random_seed
from .tools import AuditTool, Grade, GradeScale, Question, Section, ToolVersion

__all__ = [
    "Answer", "AuditAction", "AuditFinding", "AuditRevision", "AuditRound", "AuditTool", "CaseAudit", "CaseType",
    "FamilyFeedback", "Grade", "GradeScale", "Moderation", "Population", "Question", "Response", "RoundAuditor",
    "RoundBriefing", "RoundTeam", "SafeguardingFlag", "SampleEntry", "Section", "ToolVersion", "TrackerError",
    "TrackerImport", "all_case_types", "random_seed",
]
