"""Write grants (people/scope.py) and who manages whom (people/selectors.py): a peer auditor records a finding
for the team whose case they audit, through the audit's grant only, and still cannot read that team's records."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from triangulate.audits.models import CaseAudit
from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.models import Finding, Source
from triangulate.improvement.selectors import findings_visible_to
from triangulate.people.scope import Grant, check_team
from triangulate.people.selectors import home_teams, line_managers_of, service_managers, team_managers

from ..audits.factories import AuditRoundFactory, CaseAuditFactory, make_tool
from ..factories import StaffFactory, add_to_team, make_user, theme


@pytest.fixture
def peer(world):
    """A team manager of the other team, auditing a case of the own team."""
    staff = StaffFactory(role="team_manager")
    add_to_team(staff, world.other)
    manager = make_user(Role.TEAM_MANAGER, staff=staff, username="peer")
    round_ = AuditRoundFactory(council=world.own.council, tool_version=make_tool(council=world.own.council))
    audit = CaseAuditFactory(round=round_, sample_entry=None, child_id="A1", team=world.own, auditor=manager,
                             state=CaseAudit.State.RECORD_REVIEW)
    return manager, audit


def record(actor, team, grant=None):
    return services.record_finding(actor=actor, kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text="Plan not SMART",
                                   theme=theme(), team=team, source=Source.CASE_AUDIT, found_on=date(2026, 12, 1),
                                   grant=grant)


def test_a_peer_auditor_writes_for_the_audited_team_through_the_grant_only(world, peer):
    manager, audit = peer
    with pytest.raises(PermissionDenied):
        record(manager, world.own)
    finding = record(manager, world.own, Grant("case_audit", audit.pk))
    assert finding.team == world.own
    assert not findings_visible_to(manager).filter(pk=finding.pk).exists()  # a write, never a read


def test_the_grant_is_for_that_audit_team_and_auditor(world, peer):
    manager, audit = peer
    third = StaffFactory(role="team_manager")
    add_to_team(third, world.other)
    stranger = make_user(Role.TEAM_MANAGER, staff=third, username="stranger")
    with pytest.raises(PermissionDenied):  # not their audit
        check_team(stranger, world.own, Grant("case_audit", audit.pk))
    from ..factories import TeamFactory

    with pytest.raises(PermissionDenied):  # not the audit's team
        check_team(manager, TeamFactory(name="Elsewhere"), Grant("case_audit", audit.pk))
    audit.state, audit.withdrawn_reason = CaseAudit.State.WITHDRAWN, CaseAudit.WithdrawnReason.DUPLICATE
    audit.save()
    with pytest.raises(PermissionDenied):  # withdrawn: it can no longer change
        check_team(manager, world.own, Grant("case_audit", audit.pk))
    with pytest.raises(ValueError):
        check_team(manager, world.own, Grant("no_such_kind", 1))


def test_who_manages_whom(world):
    manager, practitioner = world.users[Role.TEAM_MANAGER], world.users[Role.PRACTITIONER]
    service_manager = world.users[Role.SERVICE_MANAGER]
    assert list(team_managers(world.own)) == [manager]
    assert list(team_managers(world.other)) == []
    assert list(service_managers(world.own)) == [service_manager]  # through the service area
    assert list(line_managers_of(practitioner)) == [manager]
    assert list(line_managers_of(manager)) == [service_manager]  # a team manager's managers are above them
    assert list(home_teams(practitioner)) == [world.own]
    assert list(home_teams(world.users[Role.QA_LEAD])) == []
