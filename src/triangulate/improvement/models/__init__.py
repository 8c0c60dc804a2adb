"""improvement's records (docs/design/improvement.md §2–§6), one module per part; import them from here."""

from .assessment import DomainJudgement, DomainTemplate, JudgementScale, ScaleGrade, SelfAssessment
from .findings import Action, ActionStatusChange, Finding, Source
from .learning import EvidenceNote, TopTen, TopTenItem, TrainingTopic
from .priorities import ImprovementPlan, Milestone, Priority, PriorityUpdate, Progress

__all__ = [
    "Action", "ActionStatusChange", "DomainJudgement", "DomainTemplate", "EvidenceNote", "Finding",
    "ImprovementPlan", "JudgementScale", "Milestone", "Priority", "PriorityUpdate", "Progress", "ScaleGrade",
    "SelfAssessment", "Source", "TopTen", "TopTenItem", "TrainingTopic",
]
