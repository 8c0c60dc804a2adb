"""The changes workforce's services record on the audit trail (core/audit.py). An event carries ids, points and
states, never free text (no reasons' words, no comments) and never a child id. Answering a health check records
nothing at all (design §5.2): the counts per team are its only trace."""

from triangulate.core.audit import AuditVerb


class Verb(AuditVerb):
    # Caseloads (§2)
    WORKER_MATCHED = "workforce_worker_match.set"
    WORKER_MATCH_CLEARED = "workforce_worker_match.cleared"
    TARGET_SET = "workforce_caseload_target.set"
    TARGET_CLEARED = "workforce_caseload_target.cleared"
    # Weighting (§3)
    SCHEME_CREATED = "workforce_weighting_scheme.created"
    SCHEME_UPDATED = "workforce_weighting_scheme.updated"
    WEIGHT_OVERRIDDEN = "workforce_weight_override.set"
    WEIGHT_OVERRIDE_CLEARED = "workforce_weight_override.cleared"
    # The health check (§5)
    HEALTH_CHECK_CREATED = "workforce_health_check.created"
    HEALTH_CHECK_UPDATED = "workforce_health_check.updated"
    HEALTH_QUESTION_CHANGED = "workforce_health_question.changed"
    HEALTH_CHECK_OPENED = "workforce_health_check.opened"
    HEALTH_CHECK_CLOSED = "workforce_health_check.closed"
    HEALTH_CHECK_PUBLISHED = "workforce_health_check.published"
    HEALTH_LINKS_MADE = "workforce_health_check.links_made"  # the team and how many, never a token
    HEALTH_PLAN_ITEM_CHANGED = "workforce_health_plan_item.changed"
    HEALTH_PLAN_ITEM_REMOVED = "workforce_health_plan_item.removed"  # the row's number, theme and finding id
    HEALTH_PLAN_ACTION_CHANGED = "workforce_health_plan_item.action_changed"  # on the action: owner, due date
