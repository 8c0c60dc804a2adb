"""services/teams.py (design §1.2, §3.1): a team's snapshot and structure line, adding and removing teams, editing
and confirming their details."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.practice.models import EventTeam, PracticeEvent
from triangulate.practice.services import teams
from triangulate.practice.verbs import Verb

from ..factories import StaffFactory, TeamFactory, add_to_team, make_user
from .factories import VisitFactory, make_event

pytestmark = pytest.mark.django_db


def _staffed_team():
    """1 team manager, 1 deputy, 5 social workers (one half-time), 1 ASYE in post; one social worker who has
    left and one who moved out are not counted. Establishment 10 FTE."""
    team = TeamFactory(name="Safeguarding West 1", establishment_fte=Decimal("10"))

    def member(role, fte=Decimal("1"), **kwargs):
        staff = StaffFactory(council=team.council, role=role, fte=fte, **kwargs)
        add_to_team(staff, team)
        return staff

    manager = member("team_manager", first_name="Tess", last_name="Manager")
    member("social_worker")
    member("asye")
    for _ in range(3):
        member("social_worker")
    member("social_worker", fte=Decimal("0.5"))
    member("deputy_team_manager")
    member("social_worker", leave_date=date(2021, 1, 1))  # left
    moved = StaffFactory(council=team.council)
    add_to_team(moved, team, end=date(2021, 1, 1))  # moved out
    return team, manager


def test_the_structure_line_counts_members_in_post_in_seniority_order():
    team, _ = _staffed_team()
    assert teams.structure_of(team) == "1 team manager, 1 deputy team manager, 5 social workers, 1 ASYE"


def test_the_snapshot_takes_headcount_fte_and_vacancies_from_the_staffing():
    team, _ = _staffed_team()
    # 8 in post; 1+1+1+3+0.5+1 = 7.5 FTE; 10 - 7.5 = 2.5 vacant
    assert teams.team_snapshot(team) == {
        "headcount": 8, "fte": Decimal("7.5"), "vacancy_fte": Decimal("2.5"),
        "structure": "1 team manager, 1 deputy team manager, 5 social workers, 1 ASYE"}


def test_an_empty_team_has_no_structure_and_its_whole_establishment_vacant():
    team = TeamFactory(establishment_fte=Decimal("4"))
    assert teams.team_snapshot(team) == {"headcount": 0, "fte": Decimal("0.0"), "vacancy_fte": Decimal("4.0"),
                                         "structure": ""}


def _event(**fields):
    qa = make_user(Role.QA_LEAD)
    team, manager = _staffed_team()
    event = make_event(council=team.council, organisers=[qa], **fields)
    return event, team, manager, qa


def test_adding_a_team_takes_its_snapshot_and_is_recorded():
    event, team, _, qa = _event()
    event_team = teams.add_team(actor=qa, event=event, team=team)
    assert (event_team.headcount, event_team.fte, event_team.vacancy_fte) == (8, Decimal("7.5"), Decimal("2.5"))
    assert event_team.structure.startswith("1 team manager")
    audit = AuditEvent.objects.get(verb=Verb.TEAM_ADDED)
    assert audit.changes == {"event": event.pk, "team": team.pk}


def test_a_team_is_added_once_and_only_while_active():
    event, team, _, qa = _event()
    teams.add_team(actor=qa, event=event, team=team)
    with pytest.raises(ValidationError, match="already in this event"):
        teams.add_team(actor=qa, event=event, team=team)
    with pytest.raises(ValidationError, match="no longer active"):
        teams.add_team(actor=qa, event=event, team=TeamFactory(council=event.council, is_active=False))


def test_only_an_organiser_adds_teams_and_not_once_complete():
    event, team, _, qa = _event()
    with pytest.raises(PermissionDenied):
        teams.add_team(actor=make_user(Role.QA_LEAD), event=event, team=team)
    PracticeEvent.objects.filter(pk=event.pk).update(status=PracticeEvent.Status.COMPLETE)
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="can no longer change: it is complete"):
        teams.add_team(actor=qa, event=event, team=team)


def test_a_team_with_a_visit_stays_and_one_without_is_removed():
    event, team, _, qa = _event()
    visited = teams.add_team(actor=qa, event=event, team=team)
    VisitFactory(event=event, event_team=visited, status="cancelled")
    with pytest.raises(ValidationError, match="Safeguarding West 1 has visits"):
        teams.remove_team(actor=qa, event_team=visited)
    other = teams.add_team(actor=qa, event=event, team=TeamFactory(council=event.council))
    teams.remove_team(actor=qa, event_team=other)
    assert list(EventTeam.objects.filter(event=event)) == [visited]
    assert AuditEvent.objects.filter(verb=Verb.TEAM_REMOVED, object_id=str(other.pk)).exists()


def test_details_edited_by_the_organiser_withdraw_a_confirmation_and_record_only_field_names():
    event, team, manager_staff, qa = _event()
    event_team = teams.add_team(actor=qa, event=event, team=team)
    manager = make_user(Role.TEAM_MANAGER, staff=manager_staff)
    teams.confirm_team_details(actor=manager, event_team=event_team, expected_version=1)
    event_team.refresh_from_db()
    assert event_team.details_confirmed_by == manager and event_team.version == 2
    teams.edit_team_details(actor=qa, event_team=event_team, expected_version=2, office_contact=manager_staff,
                            meeting_point="Room 2, Hexham Civic Centre", fte=Decimal("7.0"))
    event_team.refresh_from_db()
    assert event_team.office_contact == manager_staff and event_team.fte == Decimal("7.0")
    assert event_team.details_confirmed_by is None and event_team.details_confirmed_at is None
    audit = AuditEvent.objects.filter(verb=Verb.TEAM_UPDATED).get()
    assert audit.changes["changed"] == ["fte", "meeting_point", "office_contact"]


def test_a_manager_of_the_team_edits_and_confirms_in_one_save():
    event, team, manager_staff, qa = _event()
    event_team = teams.add_team(actor=qa, event=event, team=team)
    manager = make_user(Role.TEAM_MANAGER, staff=manager_staff)
    teams.edit_team_details(actor=manager, event_team=event_team, context="New duty rota since May",
                            confirm=True)
    event_team.refresh_from_db()
    assert event_team.context == "New duty rota since May" and event_team.details_confirmed_by == manager


def test_only_a_manager_of_the_team_confirms():
    event, team, _, qa = _event()
    event_team = teams.add_team(actor=qa, event=event, team=team)
    with pytest.raises(PermissionDenied):
        teams.confirm_team_details(actor=qa, event_team=event_team)
    outside = make_user(Role.TEAM_MANAGER, teams=[TeamFactory(council=event.council)])
    with pytest.raises(PermissionDenied):
        teams.confirm_team_details(actor=outside, event_team=event_team)


def test_the_office_contact_is_a_member_of_the_team_and_numbers_are_checked():
    event, team, _, qa = _event()
    event_team = teams.add_team(actor=qa, event=event, team=team)
    with pytest.raises(ValidationError) as error:
        teams.edit_team_details(actor=qa, event_team=event_team, office_contact=StaffFactory(),
                                vacancy_fte=Decimal("-1"))
    assert set(error.value.message_dict) == {"office_contact", "vacancy_fte"}


def test_a_stale_edit_is_refused():
    event, team, _, qa = _event()
    event_team = teams.add_team(actor=qa, event=event, team=team)
    teams.edit_team_details(actor=qa, event_team=event_team, expected_version=1, context="First")
    with pytest.raises(StaleEdit):
        teams.edit_team_details(actor=qa, event_team=event_team, expected_version=1, context="Second")
