"""Placing workers in teams and the trend across extracts (docs/design/workforce.md §2.2, §2.3), and the caseload
services' permissions and checks."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.datasets.teams.services import map_team_name
from triangulate.people.models import Locality
from triangulate.workforce import caseload_data as data
from triangulate.workforce.services import caseloads as services

from ..factories import StaffFactory, TeamFactory, add_to_team
from .caseload_fixtures import FEBRUARY, MARCH, case, snapshot


def test_a_matched_worker_is_placed_by_their_team_on_the_extract_s_date(world):
    council = world.own.council
    mover = StaffFactory(council=council, first_name="Mia", last_name="Mover", staff_ref="SW9")
    add_to_team(mover, world.own, start=date(2020, 1, 1), end=date(2025, 3, 1))
    add_to_team(mover, world.other, start=date(2025, 3, 1))
    # the extract still files her cases under the old team's name: the staff record wins
    cases = [case("A", "cin", "sw9", world.own.name), case("B", "cin", "sw9", world.own.name)]
    february = data.picture(snapshot(council, FEBRUARY, cases))
    march = data.picture(snapshot(council, MARCH, cases))
    assert february.placed["sw9"].team == world.own and february.placed["sw9"].how == "staff record"
    assert march.placed["sw9"].team == world.other
    assert march.teams[world.other.pk].summary.average == 2.0 and world.own.pk not in march.teams
    points = data.trend(council)
    assert [p.snapshot.as_at for p in points] == [FEBRUARY, MARCH]
    assert [set(p.teams) for p in points] == [{world.own.pk}, {world.other.pk}]


def test_an_unmatched_worker_is_placed_by_the_extract_s_team_name_through_the_mapping(world):
    council = world.own.council
    shot = snapshot(council, MARCH, [case("A", "cp", "Locum Lou", "SG N1"), case("B", "cp", "Locum Lou", "SG N1"),
                                     case("C", "cin", "", "SG N1")])
    picture = data.picture(shot)
    assert picture.placed["Locum Lou"].team is None and picture.not_placed.workers == 1
    assert picture.unallocated == 1 and picture.unallocated_unplaced == 1
    map_team_name(actor=world.users[Role.QA_LEAD], council=council, extract_name="SG N1", team=world.own)
    picture = data.picture(shot)
    assert picture.placed["Locum Lou"].how == "extract team"
    assert picture.teams[world.own.pk].summary.workers == 1 and picture.teams[world.own.pk].unallocated == 1


def test_held_extracts_are_not_read(world):
    snapshot(world.own.council, MARCH, [case("A", "cin", "Olive Own", world.own.name)], status=Upload.Status.HELD)
    assert data.latest_snapshot(world.own.council) is None and data.trend(world.own.council) == []


def test_localities_pool_their_teams_workers(world):
    council = world.own.council
    east = Locality.objects.create(council=council, name="East")
    a, b = TeamFactory(council=council, name="East A", locality=east), TeamFactory(council=council, name="East B",
                                                                                   locality=east)
    shot = snapshot(council, MARCH, [case("1", "cin", "W1", "East A"), case("2", "cin", "W1", "East A"),
                                     case("3", "cin", "W1", "East A"), case("4", "cla", "W2", "East B")])
    (locality, pooled), = data.picture(shot).localities()
    assert locality == east and (pooled.workers, pooled.average, pooled.range_text) == (2, 2.0, "1 to 3")
    assert {a.pk, b.pk} <= set(data.picture(shot).teams)


def test_targets_a_team_s_own_or_the_council_default(world):
    lead, council = world.users[Role.QA_LEAD], world.own.council
    services.set_target(actor=lead, council=council, average=Decimal("24"), maximum=30)
    services.set_target(actor=lead, council=council, team=world.own, average=Decimal("20"))
    targets = data.Targets(council)
    assert targets.for_team(world.own.pk) == data.Target(Decimal("20"), 30, True)
    assert targets.for_team(world.other.pk) == data.Target(Decimal("24"), 30, False)
    with pytest.raises(ValidationError):
        services.set_target(actor=lead, council=council, average=Decimal("0"))
    with pytest.raises(ValidationError):
        services.clear_target(actor=lead, council=council, team=world.other)  # it has no own target


def test_only_the_qa_lead_the_psw_and_the_administrator_set_matches_and_targets(world):
    council = world.own.council
    for role in (Role.TEAM_MANAGER, Role.SENIOR_LEADER, Role.INSPECTOR):
        with pytest.raises(PermissionDenied):
            services.match_worker(actor=world.users[role], council=council, extract_name="X", not_staff=True)
        with pytest.raises(PermissionDenied):
            services.set_target(actor=world.users[role], council=council, average=Decimal("24"))
    row = services.match_worker(actor=world.users[Role.PRINCIPAL_SOCIAL_WORKER], council=council,
                                extract_name="  Duty   Inbox ", not_staff=True)
    assert (row.extract_name, row.key, row.not_staff) == ("Duty Inbox", "duty inbox", True)
    with pytest.raises(ValidationError):
        services.match_worker(actor=world.users[Role.QA_LEAD], council=council, extract_name="Y",
                              staff=world.own_worker, not_staff=True)
