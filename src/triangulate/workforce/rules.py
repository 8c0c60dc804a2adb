"""workforce's named permissions and who holds them (core/authority.py explains the pattern; the letters are the
permission matrix's, docs/design/workforce.md §7: PR TM SM AU QA PW SL EM IN SA)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import can_write, has_role
from triangulate.core.roles import Role
from triangulate.people.scope import team_in_scope


class Perm(Permission):
    VIEW_WORKFORCE = "workforce.view_workforce"  # the index: OOOOOOOOOF
    VIEW_CASELOADS = "workforce.view_caseloads"  # council and teams; a team's (object: the team): FOOFOOOFOF
    VIEW_WORKER = "workforce.view_worker"  # a worker's cases, child-level (object: the worker's team): FOOFOOOFOF
    OVERRIDE_WEIGHT = "workforce.override_weight"  # object: the worker's team: FOOFFOOFFF
    MANAGE_MATCHING = "workforce.manage_matching"  # worker matching and caseload targets: FFFFOOFFFO
    VIEW_SCHEME = "workforce.view_scheme"  # OOOOOOOFOF
    MANAGE_SCHEME = "workforce.manage_scheme"  # FFFFFOOFFF
    VIEW_STAFFING = "workforce.view_staffing"  # FOOFOOOOOF (EM under disclosure control)
    VIEW_HEALTH = "workforce.view_health"  # the list, published results and plans: OOOOOOOOOF
    MANAGE_HEALTH = "workforce.manage_health"  # edit, links, draft results, the plan: FFFFOOOFFF


@rules.predicate
def team_of_object_in_scope(user, team):
    """A team's page: the team is in the user's scope (True without one, for the model-level check)."""
    return team is None or team_in_scope(user, team.pk)


NOT_ADMIN = has_role(*[r for r in Role if r != Role.SYSTEM_ADMIN])
CASELOAD_READERS = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER,
                            Role.SENIOR_LEADER, Role.INSPECTOR)
MANAGERS = has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)
HEALTH_LEADS = has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)

rules.add_perm(Perm.VIEW_WORKFORCE, NOT_ADMIN)
rules.add_perm(Perm.VIEW_CASELOADS, CASELOAD_READERS & team_of_object_in_scope)
rules.add_perm(Perm.VIEW_WORKER, CASELOAD_READERS & team_of_object_in_scope)
rules.add_perm(Perm.OVERRIDE_WEIGHT, can_write & MANAGERS & team_of_object_in_scope)
rules.add_perm(Perm.MANAGE_MATCHING, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SYSTEM_ADMIN))
rules.add_perm(Perm.VIEW_SCHEME, has_role(Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR,
                                          Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER,
                                          Role.INSPECTOR))
rules.add_perm(Perm.MANAGE_SCHEME, has_role(Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER))
rules.add_perm(Perm.VIEW_STAFFING, has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.QA_LEAD,
                                            Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER, Role.ELECTED_MEMBER,
                                            Role.INSPECTOR))
rules.add_perm(Perm.VIEW_HEALTH, NOT_ADMIN)
rules.add_perm(Perm.MANAGE_HEALTH, HEALTH_LEADS)
