"""The changes core's services record on the audit trail (core/audit.py)."""

from .audit import AuditVerb


class Verb(AuditVerb):
    THEME_CREATED = "theme.created"
    THEME_UPDATED = "theme.updated"
