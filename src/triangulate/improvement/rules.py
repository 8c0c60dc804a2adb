"""improvement's named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import can_write, has_role, sees_individuals
from triangulate.core.roles import Role
from triangulate.people.scope import in_scope


class Perm(Permission):
    VIEW_FINDINGS = "improvement.view_findings"
    ADD_FINDING = "improvement.add_finding"
    VIEW_ACTIONS = "improvement.view_actions"
    ADD_ACTION = "improvement.add_action"
    UPDATE_ACTION = "improvement.update_action"


# Who records findings and sets actions: managers, auditors and the QA/PSW/leadership roles.
RECORDERS = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                     Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)


@rules.predicate
def owns_action(user, action):
    return action is not None and action.owner_id == user.pk


rules.add_perm(Perm.VIEW_FINDINGS, sees_individuals)
rules.add_perm(Perm.ADD_FINDING, RECORDERS)
rules.add_perm(Perm.VIEW_ACTIONS, sees_individuals)
rules.add_perm(Perm.ADD_ACTION, RECORDERS)
# The owner updates their own action; recorders may update any action they can see.
rules.add_perm(Perm.UPDATE_ACTION, can_write & ((owns_action) | (RECORDERS & in_scope)))
