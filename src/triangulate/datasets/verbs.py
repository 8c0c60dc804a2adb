"""The changes datasets' services and job worker record on the audit trail (core/audit.py)."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    UPLOAD_STARTED = "upload.started"
    UPLOAD_CANCEL_REQUESTED = "upload.cancel_requested"
    UPLOAD_CANCELLED = "upload.cancelled"
    UPLOAD_RETRIED = "upload.retried"
    UPLOAD_INTERRUPTED = "upload.interrupted"  # by the job worker's recovery
    UPLOAD_PUBLISHED = "upload.published"
    UPLOAD_DISCARDED = "upload.discarded"
    TEAM_NAME_MAPPED = "team_name.mapped"
    TEAM_NAME_UNMAPPED = "team_name.unmapped"
