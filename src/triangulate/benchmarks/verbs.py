"""The changes benchmarks' services record on the audit trail (core/audit.py)."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    BENCHMARKS_UPLOADED = "benchmarks.uploaded"
    BENCHMARKS_DELETED = "benchmarks.deleted"
