"""Who may read an audit (design §8, decision 12), asked of the rules with and without the record: the worker and
the team's managers only once the draft is shared, an auditor-role user only their own, never the administrator."""

import pytest
from django.utils import timezone

from triangulate.audits.rules import Perm
from triangulate.core.roles import Role

from .factories import CaseAuditFactory, ModerationFactory, SafeguardingFlagFactory, SampleEntryFactory


@pytest.fixture
def audit(world):
    entry = SampleEntryFactory(team=world.own, round__council=world.own.council)
    return CaseAuditFactory(sample_entry=entry, worker=world.own_worker, auditor=world.users[Role.AUDITOR])


def readers(world, perm, record):
    return {role for role, user in world.users.items() if user.has_perm(perm, record)}


def test_a_draft_is_read_by_its_auditor_and_the_council_wide_readers_until_it_is_shared(world, audit):
    assert readers(world, Perm.VIEW_AUDIT, audit) == {
        Role.AUDITOR, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER, Role.INSPECTOR}
    audit.state, audit.shared_at = audit.State.WORKER_CONVERSATION, timezone.now()
    assert readers(world, Perm.VIEW_AUDIT, audit) == {
        Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
        Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER, Role.INSPECTOR}
    assert readers(world, Perm.RESPOND, audit) == {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}


def test_another_teams_shared_audit_is_not_read_by_this_teams_worker_or_managers(world, audit):
    audit.team, audit.worker, audit.shared_at = world.other, world.other_worker, timezone.now()
    assert {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER} & readers(world, Perm.VIEW_AUDIT, audit) \
        == set()


def test_only_the_auditor_conducts_it_and_only_the_moderator_moderates(world, audit):
    assert readers(world, Perm.CONDUCT_AUDIT, audit) == {Role.AUDITOR}
    moderation = ModerationFactory(audit=CaseAuditFactory(auditor=world.users[Role.QA_LEAD], state="submitted"),
                                   moderator=world.users[Role.TEAM_MANAGER])
    assert readers(world, Perm.MODERATE, moderation) == {Role.TEAM_MANAGER}
    assert world.users[Role.TEAM_MANAGER].has_perm(Perm.VIEW_AUDIT, moderation.audit)  # as its moderator


def test_a_flag_is_answered_by_the_teams_managers_and_closed_by_its_raiser_or_a_qa_lead(world, audit):
    flag = SafeguardingFlagFactory(audit=audit)
    assert readers(world, Perm.RESPOND_FLAG, flag) == {Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
    assert readers(world, Perm.CLOSE_FLAG, flag) == {Role.AUDITOR, Role.QA_LEAD}
    assert readers(world, Perm.VIEW_FLAGS, flag) == {
        Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER,
        Role.SENIOR_LEADER, Role.INSPECTOR}


def test_page_level_checks_follow_the_roles_of_section_8(world):
    assert readers(world, Perm.VIEW_TOOLS, None) == set(Role)
    assert readers(world, Perm.VIEW_REPORTS, None) == set(Role) - {Role.SYSTEM_ADMIN}
    assert readers(world, Perm.VIEW_ROUNDS, None) == set(Role) - {Role.ELECTED_MEMBER, Role.SYSTEM_ADMIN}
    assert readers(world, Perm.VIEW_AUDIT, None) == set(Role) - {Role.ELECTED_MEMBER, Role.SYSTEM_ADMIN}
    assert readers(world, Perm.MANAGE_ROUNDS, None) == {Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER}
    assert readers(world, Perm.IMPORT_TRACKER, None) == {Role.QA_LEAD}
