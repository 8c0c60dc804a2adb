import rules

from triangulate.core.predicates import can_write, has_role, role_of, sees_individuals
from triangulate.core.roles import COUNCIL_WIDE, Role
from triangulate.people.selectors import team_in_scope

# Who records findings and sets actions: managers, auditors and the QA/PSW/leadership roles.
RECORDERS = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                     Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)


@rules.predicate
def record_in_scope(user, record):
    """A team's record is visible to those who see the team; a council-wide one to everyone with a role."""
    if record is None:
        return True
    if record.team_id is None:
        return role_of(user) is not None
    return team_in_scope(user, record.team_id)


@rules.predicate
def owns_action(user, action):
    return action is not None and action.owner_id == user.pk


@rules.predicate
def manages_everywhere(user):
    return role_of(user) in COUNCIL_WIDE


rules.add_perm("improvement.view_findings", sees_individuals)
rules.add_perm("improvement.add_finding", RECORDERS)
rules.add_perm("improvement.view_actions", sees_individuals)
rules.add_perm("improvement.add_action", RECORDERS)
# The owner updates their own action; recorders may update any action they can see.
rules.add_perm("improvement.update_action", can_write & ((owns_action) | (RECORDERS & record_in_scope)))
