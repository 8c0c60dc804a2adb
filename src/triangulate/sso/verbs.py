"""The changes sso's services record on the audit trail (core/audit.py). Events carry ids and roles, never a
token or a claim's raw value beyond the group id an administrator typed."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    IDENTITY_BOUND = "sso_identity.bound"
    ACCESS_FROM_GROUPS = "sso_identity.access_from_groups"
    ACCESS_WITHDRAWN = "sso_identity.access_withdrawn"
    SIGN_IN_REFUSED = "sso_identity.refused"
    MAPPING_CREATED = "sso_group_mapping.created"
    MAPPING_UPDATED = "sso_group_mapping.updated"
    MAPPING_DELETED = "sso_group_mapping.deleted"
