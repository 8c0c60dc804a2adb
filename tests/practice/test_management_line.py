"""selectors.management_line (design §4): the people of the §4 worked example. ann is a team manager in
Safeguarding North 1; bob a service manager whose account holds the Safeguarding service area (North 1 and West 1
are in it; Fostering and the Front Door are not); cat a senior leader with no teams; Gail a guest on paper who
declares the Front Door (her school's link team)."""

import pytest

from triangulate.core.roles import Role
from triangulate.people.models import Team
from triangulate.people.selectors import service_managers, team_managers
from triangulate.practice.selectors import management_line

from ..factories import ServiceAreaFactory, StaffFactory, TeamFactory, add_to_team, make_user
from .factories import AssessorFactory, make_event, make_guest


@pytest.fixture
def example(db):
    safeguarding = ServiceAreaFactory(name="Safeguarding")
    council = safeguarding.council
    north1 = TeamFactory(name="Safeguarding North 1", council=council, service_area=safeguarding)
    west1 = TeamFactory(name="Safeguarding West 1", council=council, service_area=safeguarding)
    fostering = TeamFactory(name="Fostering", council=council, service_area=ServiceAreaFactory(name="Care"))
    front_door = TeamFactory(name="Front Door", council=council, service_area=ServiceAreaFactory(name="MASH"))
    ann_staff = StaffFactory(council=council, role="team_manager", first_name="Ann", last_name="Able")
    add_to_team(ann_staff, north1)
    ann = make_user(Role.TEAM_MANAGER, staff=ann_staff, username="ann")
    bob = make_user(Role.SERVICE_MANAGER, service_areas=[safeguarding], username="bob")
    cat = make_user(Role.SENIOR_LEADER, username="cat")
    event = make_event(council=council, teams=[north1, west1, fostering, front_door], headings=False)
    gail = make_guest(event, with_account=False, organisation="Hexham Middle School")
    gail.conflict_teams.set([front_door])
    assessors = {name: AssessorFactory(event=event, user=user) for name, user in (("ann", ann), ("bob", bob),
                                                                                    ("cat", cat))}
    assessors["gail"] = gail
    teams = {t.name: t.pk for t in (north1, west1, fostering, front_door)}
    return assessors, teams


def test_the_line_is_home_teams_managed_teams_and_declared_conflicts(example):
    assessors, teams = example
    assert management_line(assessors["ann"]) == {teams["Safeguarding North 1"]}
    assert management_line(assessors["bob"]) == {teams["Safeguarding North 1"], teams["Safeguarding West 1"]}
    assert management_line(assessors["cat"]) == frozenset()  # no teams or service areas: no line
    assert management_line(assessors["gail"]) == {teams["Front Door"]}  # on paper: only what is declared


def test_a_declared_conflict_adds_to_a_staff_line(example):
    assessors, teams = example
    assessors["cat"].conflict_teams.add(teams["Fostering"])
    assert management_line(assessors["cat"]) == {teams["Fostering"]}


def test_the_line_agrees_with_peoples_managers(example):
    """Every team whose team or service managers include the assessor is in their line (the selector reads
    service areas directly rather than asking people's selectors team by team)."""
    assessors, _ = example
    for assessor in assessors.values():
        if assessor.user is None:
            continue
        managed = {team.pk for team in Team.objects.all()
                   if assessor.user in team_managers(team) or assessor.user in service_managers(team)}
        assert managed <= management_line(assessor)
