"""Setting up the council, its teams and its staff through the pages (system admin / QA lead)."""

import html as html_lib
from datetime import date
from decimal import Decimal

from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.people.models import (
    Council,
    CouncilPopulation,
    StaffMember,
    StatisticalNeighbour,
    Team,
    TeamMembership,
)


def test_a_qa_lead_adds_and_corrects_a_years_population(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    council = Council.objects.get()
    assert client.post(reverse("people:population_edit"), {"year": "2025", "children_0_17": "61000"}).status_code == 302
    assert client.post(reverse("people:population_edit"), {"year": "2025", "children_0_17": "61250"}).status_code == 302
    assert list(CouncilPopulation.objects.values_list("year", "children_0_17")) == [(2025, 61250)]
    assert council.population_for(2025) == 61250
    assert AuditEvent.objects.filter(verb="council.population_set").count() == 2


def test_a_bad_population_is_explained(world, client_for):
    response = client_for(world.users[Role.QA_LEAD]).post(reverse("people:population_edit"),
                                                          {"year": "1999", "children_0_17": "lots"})
    html = response.content.decode()
    assert "Year must be 2000 or later" in html and "Number of children must be a whole number" in html
    assert CouncilPopulation.objects.count() == 0


def test_statistical_neighbours_are_pasted_one_a_line(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    response = client.post(reverse("people:neighbours_edit"),
                           {"neighbours": "929 Northumberland\n\n  940, Durham \n841\tDarlington"})
    assert response.status_code == 302
    assert list(StatisticalNeighbour.objects.values_list("rank", "la_code", "name")) == [
        (1, "929", "Northumberland"), (2, "940", "Durham"), (3, "841", "Darlington")]
    response = client.get(reverse("people:neighbours_edit"))
    assert "929 Northumberland\n940 Durham\n841 Darlington" in response.content.decode()


def test_bad_neighbour_lines_are_each_named_and_the_old_list_kept(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    client.post(reverse("people:neighbours_edit"), {"neighbours": "929 Northumberland"})
    response = client.post(reverse("people:neighbours_edit"),
                           {"neighbours": "Durham 940\n929 Northumberland\n929 Again\n841"})
    html = html_lib.unescape(response.content.decode())
    assert "Line 1 (“Durham 940”) must start with a 3-digit DfE code" in html
    assert "Line 3 repeats code 929" in html
    assert "Line 4 must give the council's name after its code" in html
    assert list(StatisticalNeighbour.objects.values_list("la_code", flat=True)) == ["929"]


def test_council_details_are_validated(world, client_for):
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(
        reverse("people:council_edit"), {"name": "", "la_code": "92", "region": "atlantis"})
    html = html_lib.unescape(response.content.decode())
    assert "Enter the council's name" in html
    assert "A DfE local authority code is 3 digits" in html
    assert "Select a valid choice" in html
    assert Council.objects.get().la_code == "999"


def test_an_admin_adds_a_team_and_changes_its_establishment(world, client_for):
    client = client_for(world.users[Role.SYSTEM_ADMIN])
    response = client.post(reverse("people:team_create"), {
        "name": "Safeguarding Coast 1", "team_type": "locality_safeguarding",
        "service_area": str(world.own.service_area_id), "establishment_fte": "8.5", "is_active": "on"})
    team = Team.objects.get(name="Safeguarding Coast 1")
    assert response["Location"] == reverse("people:team_detail", args=[team.pk])
    assert team.establishment_fte == Decimal("8.5")
    client.post(reverse("people:team_edit", args=[team.pk]), {
        "name": "Safeguarding Coast 1", "team_type": "locality_safeguarding", "establishment_fte": "9",
        "service_area": "", "is_active": "on"})  # a browser sends a select left blank as ""
    event = AuditEvent.objects.get(verb="team.updated")
    assert event.changes == {"service_area": [world.own.service_area_id, None], "establishment_fte": ["8.5", "9"]}


def test_a_duplicate_team_name_is_refused(world, client_for):
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(reverse("people:team_create"), {
        "name": world.own.name, "team_type": "assessment", "establishment_fte": "x"})
    html = response.content.decode()
    assert "Funded posts must be a number" in html
    assert Team.objects.filter(name=world.own.name).count() == 1


def test_an_admin_adds_a_member_of_staff_with_their_first_team(world, client_for):
    client = client_for(world.users[Role.SYSTEM_ADMIN])
    response = client.post(reverse("people:staff_create"), {
        "staff_ref": "E77001", "first_name": "Priya", "last_name": "Shah", "role": "asye", "fte": "1",
        "employment": "permanent", "team": str(world.own.pk),
        "start_date-day": "7", "start_date-month": "9", "start_date-year": "2026"})
    member = StaffMember.objects.get(staff_ref="E77001")
    assert response["Location"] == reverse("people:staff_detail", args=[member.pk])
    assert list(member.memberships.values_list("team", "start_date", "end_date")) == [
        (world.own.pk, date(2026, 9, 7), None)]


def test_staff_form_errors_are_summarised_and_nothing_is_saved(world, client_for):
    response = client_for(world.users[Role.SYSTEM_ADMIN]).post(reverse("people:staff_create"), {
        "staff_ref": world.own_worker.staff_ref, "first_name": "", "last_name": "X", "role": "wizard",
        "fte": "1.5", "employment": "permanent", "team": "",
        "start_date-day": "7", "start_date-month": "9", "start_date-year": "2026",
        "leave_date-day": "1", "leave_date-month": "9", "leave_date-year": "2026"})
    html = response.content.decode()
    for message in ("Enter the first name", "Select a valid choice", "Select a team",
                    "Ensure this value is less than or equal to 1",
                    "The leaving date must be on or after the start date"):
        assert message in html, message
    assert StaffMember.objects.count() == 3


def test_recording_a_leaver_ends_their_team_spell(world, client_for):
    member = world.own_worker
    client_for(world.users[Role.SYSTEM_ADMIN]).post(reverse("people:staff_edit", args=[member.pk]), {
        "staff_ref": member.staff_ref, "first_name": member.first_name, "last_name": member.last_name,
        "role": member.role, "fte": "1", "employment": "agency",
        "start_date-day": "6", "start_date-month": "1", "start_date-year": "2020",
        "leave_date-day": "31", "leave_date-month": "10", "leave_date-year": "2026"})
    member.refresh_from_db()
    assert (member.employment, member.leave_date) == ("agency", date(2026, 10, 31))
    assert list(TeamMembership.objects.filter(staff=member).values_list("end_date", flat=True)) == [
        date(2026, 10, 31)]


def test_moving_a_member_of_staff_through_the_page(world, client_for):
    client = client_for(world.users[Role.SYSTEM_ADMIN])
    member = world.own_worker
    response = client.post(reverse("people:staff_move", args=[member.pk]), {
        "team": str(world.other.pk), "on-day": "1", "on-month": "1", "on-year": "2019"})
    assert "The move cannot be before the member of staff started" in response.content.decode()
    response = client.post(reverse("people:staff_move", args=[member.pk]), {
        "team": str(world.other.pk), "on-day": "2", "on-month": "11", "on-year": "2026"})
    assert response.status_code == 302
    assert member.current_team(date(2026, 11, 2)) == world.other
    assert member.current_team(date(2026, 11, 1)) == world.own


def test_a_team_lists_its_manager_before_its_practitioners(world, client_for):
    html = client_for(world.users[Role.TEAM_MANAGER]).get(reverse("people:team_detail", args=[world.own.pk]))
    text = html.content.decode()
    assert text.index("Mo Manager") < text.index("Olive Own")
