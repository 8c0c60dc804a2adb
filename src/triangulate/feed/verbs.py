"""The changes feed's services record on the audit trail (core/audit.py): a token's name, scope and expiry,
never its secret nor its hash."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    TOKEN_ISSUED = "feed_token.issued"
    TOKEN_REVOKED = "feed_token.revoked"
