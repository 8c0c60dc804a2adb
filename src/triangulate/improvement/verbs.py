"""The changes improvement's services record on the audit trail (core/audit.py)."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    FINDING_RECORDED = "finding.recorded"
    ACTION_CREATED = "action.created"
    ACTION_STATUS_CHANGED = "action.status_changed"
