"""improvement's named permissions and who holds them (core/authority.py explains the pattern)."""

import rules

from triangulate.core.authority import Permission
from triangulate.core.predicates import can_write, has_any_role, has_role, sees_individuals
from triangulate.core.roles import Role
from triangulate.people.scope import in_scope, team_in_scope


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


# Issue 12's pages (docs/design/improvement.md §8; the letters there are the matrix's).
class KnowPerm(Permission):
    VIEW_PLANS = "improvement.view_plans"  # plans, priorities and their history
    MANAGE_PLANS = "improvement.manage_plans"  # make and edit plans and priorities; make service and team plans
    UPDATE_PRIORITY = "improvement.update_priority"  # record a dated progress update (object: the priority)
    VIEW_ASSESSMENTS = "improvement.view_assessments"  # published self-assessments (drafts need MANAGE)
    MANAGE_ASSESSMENTS = "improvement.manage_assessments"  # write, judge, publish; the external view; defaults
    VIEW_EVIDENCE = "improvement.view_evidence"  # theme and priority packs, the top 10
    VIEW_TEAM_EVIDENCE = "improvement.view_team_evidence"  # a team's pack (object: the team)
    EDIT_EVIDENCE_NOTE = "improvement.edit_evidence_note"
    BOARD_PAPER = "improvement.board_paper"
    WIDE_BOARD_PAPER = "improvement.wide_board_paper"  # the disclosure-controlled copy for elected members
    ANNUAL_PACK = "improvement.annual_pack"  # the annual-conversation pack for Ofsted
    EDIT_TOP_TEN = "improvement.edit_top_ten"
    VIEW_LEARNING = "improvement.view_learning"
    MANAGE_LEARNING = "improvement.manage_learning"


LEADS = has_role(Role.QA_LEAD, Role.SENIOR_LEADER)
EVIDENCE_READERS = has_role(Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER,
                            Role.SENIOR_LEADER, Role.INSPECTOR)


@rules.predicate
def in_scope_team(user, team):
    """A team's pack: the team is in the user's scope (True without a team, for the model-level check)."""
    return team is None or team_in_scope(user, team.pk)


@rules.predicate
def owns_priority(user, priority):
    return priority is not None and priority.owner_id == user.pk


rules.add_perm(KnowPerm.VIEW_PLANS, sees_individuals)
rules.add_perm(KnowPerm.MANAGE_PLANS, LEADS)
rules.add_perm(KnowPerm.UPDATE_PRIORITY, can_write & (owns_priority | has_role(
    Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)))
rules.add_perm(KnowPerm.VIEW_ASSESSMENTS, has_any_role)
rules.add_perm(KnowPerm.MANAGE_ASSESSMENTS, LEADS)
rules.add_perm(KnowPerm.VIEW_EVIDENCE, EVIDENCE_READERS)
rules.add_perm(KnowPerm.VIEW_TEAM_EVIDENCE, (EVIDENCE_READERS | has_role(Role.TEAM_MANAGER))
               & in_scope_team)
rules.add_perm(KnowPerm.EDIT_EVIDENCE_NOTE, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER))
rules.add_perm(KnowPerm.BOARD_PAPER, has_role(Role.SERVICE_MANAGER, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER,
                                              Role.SENIOR_LEADER, Role.INSPECTOR))
rules.add_perm(KnowPerm.WIDE_BOARD_PAPER, has_role(Role.SERVICE_MANAGER, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER,
                                                   Role.SENIOR_LEADER, Role.ELECTED_MEMBER, Role.INSPECTOR))
rules.add_perm(KnowPerm.ANNUAL_PACK, has_role(Role.QA_LEAD, Role.SENIOR_LEADER, Role.INSPECTOR))
rules.add_perm(KnowPerm.EDIT_TOP_TEN, LEADS)
rules.add_perm(KnowPerm.VIEW_LEARNING, has_role(Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                                                Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER))
rules.add_perm(KnowPerm.MANAGE_LEARNING, has_role(Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER))
