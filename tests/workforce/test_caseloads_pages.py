"""The caseload pages (docs/design/workforce.md §2, §6): the council's and its teams' caseloads against targets,
a team's workers (named only to its managers), worker matching and targets; figures that cannot be computed say
why, never 0."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.workforce.models import CaseloadTarget, WorkerMatch

from .caseload_fixtures import FEBRUARY, MARCH, case, march_cases, snapshot


def text(response):
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def pictures(world):
    council = world.own.council
    snapshot(council, FEBRUARY, [case("A", "cin", "Olive Own", "Safeguarding North 1")])
    CaseloadTarget.objects.create(council=council, average=Decimal("24"), maximum=4,
                                  changed_by=world.users[Role.QA_LEAD])
    return snapshot(council, MARCH, march_cases())


def test_no_extract_yet_says_not_available(world, client_for):
    page = text(client_for(world.users[Role.QA_LEAD]).get(reverse("workforce:caseloads")))
    assert "Not available: no Annex A extract has been imported yet" in page
    page = text(client_for(world.users[Role.TEAM_MANAGER]).get(reverse("workforce:caseload_team", args=[world.own.pk])))
    assert "Not available: no Annex A extract has been imported yet" in page


def test_the_council_page_shows_each_team_against_its_target(world, client_for, pictures):
    page = text(client_for(world.users[Role.QA_LEAD]).get(reverse("workforce:caseloads")))
    # council: Olive 3, Al 1, Otto 5, Duty Inbox 2 -> 11 / 4 = 2.8 (Pat holds care leavers only)
    assert "Average caseload 2.8" in page and "Workers holding cases 4" in page and "Range 1 to 5" in page
    assert "Workers above the maximum 1" in page  # Otto, 5 > 4
    assert "Children with no allocated worker 1" in page and "Care leavers with no personal adviser 1" in page
    # own team: Olive 3 and Al 1 -> 2.0; other: Otto 5
    assert "Safeguarding North 1 2 2.0 within target 24.0 (maximum 4) council default 1 to 3 0 1" in page
    assert "Children in Care South 1 5.0 within target 24.0 (maximum 4) council default 5 1 0" in page
    # weighted loading (default scheme, capacity 40): own team Olive's 8 points -> 20.0%; Otto's five cla 2 -> 25.0%
    assert "council default 1 to 3 0 1 20.0% Green" in page and "council default 5 1 0 25.0% Green" in page
    assert "1 worker holding cases could not be placed in a council team" in page  # the duty inbox
    assert "28 February 2025 1.0 (1 worker) 31 March 2025 2.8 (4 workers)" in page  # the trend's data


def test_a_team_manager_sees_their_teams_only_and_names_in_their_team(world, client_for, pictures):
    client = client_for(world.users[Role.TEAM_MANAGER])
    page = text(client.get(reverse("workforce:caseloads")))
    assert "Safeguarding North 1" in page and "Children in Care South" not in page
    assert "could not be placed" not in page
    team = text(client.get(reverse("workforce:caseload_team", args=[world.own.pk])))
    assert "Olive Own 3 1 0 Within" in team and "Al Agency 1 0 0 Within" in team
    assert "Otto Other" not in team
    assert client.get(reverse("workforce:caseload_team", args=[world.other.pk])).status_code == 404


def test_readers_who_are_not_the_team_s_managers_see_the_spread_not_names(world, client_for, pictures):
    for role in (Role.QA_LEAD, Role.INSPECTOR):
        page = text(client_for(world.users[role]).get(reverse("workforce:caseload_team", args=[world.own.pk])))
        assert "Olive Own" not in page and "Al Agency" not in page
        assert "1 to 5 2" in page  # both caseloads (3 and 1) in the first band
    page = text(client_for(world.users[Role.SENIOR_LEADER]).get(
        reverse("workforce:caseload_team", args=[world.other.pk])))
    assert "Otto Other 5 0 0 Above the maximum" in page and "Pat Adviser 1" in page


def test_an_extract_without_the_caseload_columns_gives_no_figure(world, client_for):
    snapshot(world.own.council, MARCH, [], unknown={"caseload": "List 7 has no Allocated Worker column.",
                                                     "court": "List 8 has no “Child's Legal Status” column."})
    page = text(client_for(world.users[Role.QA_LEAD]).get(reverse("workforce:caseloads")))
    assert "Caseloads are not available for this extract: List 7 has no Allocated Worker column." in page
    assert "Average caseload" not in page
    assert "Care proceedings (an interim care order): List 8 has no" in page


def test_matching_a_worker_moves_their_caseload_to_the_staff_member_s_team(world, client_for, pictures):
    lead = world.users[Role.QA_LEAD]
    client = client_for(lead)
    page = text(client.get(reverse("workforce:worker_matching")))
    assert "Al Agency 1 0 Safeguarding North 1 No staff record has this reference or name" in page
    assert "Olive Own" not in page.split("Match a worker")[0]  # matched by name: nothing to do
    response = client.post(reverse("workforce:worker_matching"),
                           {"worker": "Al Agency", "decision": str(world.other_worker.pk)})
    assert response.status_code == 302
    row = WorkerMatch.objects.get(key="al agency")
    assert (row.staff, row.not_staff, row.decided_by) == (world.other_worker, False, lead)
    event = AuditEvent.objects.get(verb="workforce_worker_match.set")
    assert event.changes == {"staff": [None, world.other_worker.pk], "not_staff": [False, False]}
    page = text(client.get(reverse("workforce:caseloads")))
    assert "Children in Care South 2 3.0" in page  # Otto 5 and Al 1
    client.post(reverse("workforce:worker_matching"), {"worker": "Duty Inbox", "decision": "not_staff"})
    assert WorkerMatch.objects.get(key="duty inbox").not_staff
    client.post(reverse("workforce:worker_matching"), {"clear": "Al Agency"})
    assert not WorkerMatch.objects.filter(key="al agency").exists()
    assert AuditEvent.objects.filter(verb="workforce_worker_match.cleared").count() == 1
    errors = text(client.post(reverse("workforce:worker_matching"), {"worker": "Al Agency", "decision": ""}))
    assert "Choose the member of staff, or say the worker is not a member of staff" in errors


def test_targets_are_set_per_team_and_cleared(world, client_for, pictures):
    client = client_for(world.users[Role.PRINCIPAL_SOCIAL_WORKER])
    response = client.post(reverse("workforce:targets"), {"team": str(world.own.pk), "average": "20", "maximum": ""})
    assert response.status_code == 302
    own = CaseloadTarget.objects.get(team=world.own)
    assert (own.average, own.maximum) == (Decimal("20"), None)
    page = text(client.get(reverse("workforce:caseloads")))
    assert "Safeguarding North 1 2 2.0 within target 20.0 (maximum 4) 1 to 3" in page  # the council's maximum
    errors = text(client.post(reverse("workforce:targets"), {"team": "", "average": "24", "maximum": "10"}))
    assert "The maximum must be at least the average" in errors
    client.post(reverse("workforce:targets"), {"clear": str(world.own.pk)})
    assert not CaseloadTarget.objects.filter(team=world.own).exists()
    assert list(AuditEvent.objects.filter(verb__startswith="workforce_caseload_target").values_list("verb", flat=True)
                .order_by("pk")) == ["workforce_caseload_target.set", "workforce_caseload_target.cleared"]


def test_the_team_page_links_to_its_caseloads(world, client_for):
    page = client_for(world.users[Role.TEAM_MANAGER]).get(reverse("people:team_detail", args=[world.own.pk]))
    assert reverse("workforce:caseload_team", args=[world.own.pk]) in page.content.decode()
    page = client_for(world.users[Role.PRACTITIONER]).get(reverse("people:team_detail", args=[world.own.pk]))
    assert reverse("workforce:caseload_team", args=[world.own.pk]) not in page.content.decode()


def test_a_team_s_caseloads_show_its_weighted_loading_beside_the_count(world, client_for, pictures):
    # Olive (a full-time social worker, capacity 40 by the default scheme): A's highest kind cp 2.5, B cin 1.5,
    # C cla 2, P's assessment 2 -> 8 points, 20.0% (green). Al has no staff record, so no capacity: the team's
    # loading is Olive's alone.
    reader = text(client_for(world.users[Role.QA_LEAD]).get(reverse("workforce:caseload_team", args=[world.own.pk])))
    assert "Weighted loading 20.0% Green" in reader and "Olive Own" not in reader
    manager = client_for(world.users[Role.TEAM_MANAGER])
    response = manager.get(reverse("workforce:caseload_team", args=[world.own.pk]))
    page = text(response)
    assert "Olive Own 3 1 0 Within 20.0% Green" in page
    assert "Al Agency 1 0 0 Within Not worked out" in page
    assert reverse("workforce:worker", args=[world.own_worker.pk]) in response.content.decode()
    assert reverse("workforce:loading_team", args=[world.own.pk]) in response.content.decode()


def test_the_team_s_workload_page_names_workers_only_to_its_managers(world, client_for, pictures):
    url = reverse("workforce:loading_team", args=[world.own.pk])
    reader = text(client_for(world.users[Role.INSPECTOR]).get(url))
    assert "Olive Own" not in reader and "Al Agency" not in reader
    assert "20.0% Green 1 0 0 1" in reader  # loading, band, green, amber, red, no capacity
    manager = text(client_for(world.users[Role.TEAM_MANAGER]).get(url))
    assert "Olive Own 4 8 40 20.0% Green" in manager


def test_an_average_above_its_target_says_by_how_much(world, client_for, pictures):
    # the own team's own target 1.5 against its average 2.0 (Olive 3, Al 1); the council's 24 against 2.8
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    CaseloadTarget.objects.create(council=world.own.council, team=world.own, average=Decimal("1.5"), changed_by=psw)
    client = client_for(psw)
    page = text(client.get(reverse("workforce:caseloads")))
    assert "Safeguarding North 1 2 2.0 0.5 above target 1.5 (maximum 4)" in page
    assert "Average caseload 2.8 within target" in page
    team = text(client.get(reverse("workforce:caseload_team", args=[world.own.pk])))
    assert "Average caseload 2.0 0.5 above target" in team
