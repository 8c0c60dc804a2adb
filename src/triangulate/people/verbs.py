"""The changes people's services record on the audit trail (core/audit.py)."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    ACCOUNT_CREATED = "account.created"
    ACCOUNT_ACCESS_CHANGED = "account.access_changed"
    ACCOUNT_PASSWORD_CHANGED = "account.password_changed"  # by its own user
    ACCOUNT_PASSWORD_RESET = "account.password_reset"  # by an administrator
    GUEST_ACCOUNT_CREATED = "account.guest_created"  # role-less and expiring (practice guests)
    GUEST_ACCESS_END_SET = "account.guest_access_end_set"
    COUNCIL_CREATED = "council.created"  # once, at installation (manage.py setup_council)
    COUNCIL_UPDATED = "council.updated"
    COUNCIL_POPULATION_SET = "council.population_set"
    COUNCIL_NEIGHBOURS_REPLACED = "council.neighbours_replaced"
    TEAM_CREATED = "team.created"
    TEAM_UPDATED = "team.updated"
    STAFF_ADDED = "staff.added"
    STAFF_UPDATED = "staff.updated"
    STAFF_MOVED_TEAM = "staff.moved_team"
