"""audits_visible_to and flags_visible_to are the rules of rules.py as one query: over a grid of audits (own and
other team; shared or not; the user as auditor, moderator or worker or not) every role's queryset holds
exactly the audits `has_perm(VIEW_AUDIT, audit)` allows, and the same for flags."""

import pytest
from django.utils import timezone

from triangulate.audits.models import CaseAudit, Moderation
from triangulate.audits.rules import Perm
from triangulate.audits.selectors import audits_visible_to, flags_visible_to
from triangulate.core.roles import Role

from .factories import AuditRoundFactory, CaseAuditFactory, ModerationFactory, SafeguardingFlagFactory, make_tool

S = CaseAudit.State


@pytest.fixture
def grid(world):
    version = make_tool(council=world.own.council)
    round_ = AuditRoundFactory(council=world.own.council, tool_version=version)
    auditor, team_manager = world.users[Role.AUDITOR], world.users[Role.TEAM_MANAGER]
    qa_lead = world.users[Role.QA_LEAD]
    audits = []
    for team, worker in ((world.own, world.own_worker), (world.other, world.other_worker)):
        for state, shared in ((S.RECORD_REVIEW, False), (S.WORKER_CONVERSATION, True), (S.SUBMITTED, False)):
            for who in (auditor, team_manager, qa_lead):
                audit = CaseAuditFactory(round=round_, sample_entry=None, child_id=f"C{len(audits)}", team=team,
                                         worker=worker, auditor=who, state=state,
                                         shared_at=timezone.now() if shared else None)
                audits.append(audit)
    # the auditor moderates one submitted audit of each team that someone else audited
    for audit in audits:
        if audit.state == S.SUBMITTED and audit.auditor == qa_lead:
            ModerationFactory(audit=audit, moderator=auditor, status=Moderation.Status.ALLOCATED)
    for audit in audits[::2]:
        SafeguardingFlagFactory(audit=audit, raised_by=audit.auditor)
    SafeguardingFlagFactory(audit=audits[1], raised_by=auditor)  # the auditor raised one on another's audit
    return audits


@pytest.mark.parametrize("role", list(Role))
def test_the_audit_queryset_is_the_view_rule(world, grid, role):
    user = world.users[role]
    expected = {audit.pk for audit in grid if user.has_perm(Perm.VIEW_AUDIT, audit)}
    assert set(audits_visible_to(user).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize("role", list(Role))
def test_the_flag_queryset_is_the_view_rule(world, grid, role):
    from triangulate.audits.models import SafeguardingFlag

    user = world.users[role]
    expected = {flag.pk for flag in SafeguardingFlag.objects.all() if user.has_perm(Perm.VIEW_FLAGS, flag)}
    assert set(flags_visible_to(user).values_list("pk", flat=True)) == expected


def test_the_grid_tells_roles_apart(world, grid):
    """The grid is rich enough to mean something: hand-counted sizes for a few roles."""
    counts = {role: audits_visible_to(world.users[role]).count() for role in Role}
    assert counts[Role.QA_LEAD] == counts[Role.INSPECTOR] == 18
    assert counts[Role.SYSTEM_ADMIN] == counts[Role.ELECTED_MEMBER] == 0
    # the auditor: the 6 audits they audit, and the 2 submitted ones they moderate
    assert counts[Role.AUDITOR] == 8
    # the practitioner (own team's worker): the own team's shared (3) and submitted (3) audits
    assert counts[Role.PRACTITIONER] == 6
    # the team manager: their own 6 audits, and the own team's shared or submitted audits by others (4)
    assert counts[Role.TEAM_MANAGER] == 10
