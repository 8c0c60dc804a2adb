from .caseloads import CASELOAD_KINDS, AllocatedCase, CaseKind, CaseloadSnapshot, CaseloadTarget, WorkerMatch
from .health import (
    Agreement,
    HealthAnswer,
    HealthCheck,
    HealthLink,
    HealthPlanItem,
    HealthQuestion,
    HealthResponse,
    HealthTheme,
)
from .weighting import CaseWeight, Modifier, ModifierWeight, RoleCapacity, WeightingScheme, WeightOverride

__all__ = [
    "CASELOAD_KINDS", "AllocatedCase", "CaseKind", "CaseloadSnapshot", "CaseloadTarget", "WorkerMatch",
    "Agreement", "HealthAnswer", "HealthCheck", "HealthLink", "HealthPlanItem", "HealthQuestion", "HealthResponse",
    "HealthTheme", "CaseWeight", "Modifier", "ModifierWeight", "RoleCapacity", "WeightingScheme", "WeightOverride",
]
