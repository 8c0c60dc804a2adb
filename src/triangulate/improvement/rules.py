import rules

from triangulate.core.predicates import can_write, has_role, sees_individuals
from triangulate.core.roles import Role
from triangulate.people.scope import in_scope

# Who records findings and sets actions: managers, auditors and the QA/PSW/leadership roles.
RECORDERS = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                     Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)


@rules.predicate
def owns_action(user, action):
    return action is not None and action.owner_id == user.pk


rules.add_perm("improvement.view_findings", sees_individuals)
rules.add_perm("improvement.add_finding", RECORDERS)
rules.add_perm("improvement.view_actions", sees_individuals)
rules.add_perm("improvement.add_action", RECORDERS)
# The owner updates their own action; recorders may update any action they can see.
rules.add_perm("improvement.update_action", can_write & ((owns_action) | (RECORDERS & in_scope)))
