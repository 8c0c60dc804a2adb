"""Team names in extracts mapped to the council's teams: the implicit match, the audited mapping, the page
listing names, the upload page's report, and the drill-down scope that follows the mapping."""

import html as html_lib
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.datasets.models import TeamNameMapping, Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.datasets.teams import selectors
from triangulate.datasets.teams.selectors import TeamNames, extract_names_in_scope, name_key
from triangulate.datasets.teams.services import map_team_name
from triangulate.people.models import CouncilPopulation

from ..factories import TeamFactory
from ..workbooks import REFERRAL_HEADINGS, workbook

URL = reverse("datasets:team_names")


def upload(world, day, teams, status=Upload.Status.SUCCEEDED, **fields):
    return Upload.objects.create(council=world.own.council, extract_date=day, original_name=f"{day}.xlsx",
                                 status=status, teams=teams, **fields)


@pytest.fixture
def qa(world):
    return world.users[Role.QA_LEAD]


# --- the implicit match ---------------------------------------------------------------------------------

def test_a_name_matches_a_team_of_the_same_name_ignoring_case_and_spaces(world):
    world.own.case_system_name = "North Safeguarding"
    world.own.save()
    names = TeamNames(world.own.council)
    assert name_key("  NORTH   safeguarding ") == "north safeguarding"
    assert names.resolve("north  SAFEGUARDING") == selectors.Match(world.own, selectors.SAME_NAME)
    # the team's own name matches too (world.other has no case-system name)
    assert names.resolve("children in care south").team == world.other
    assert names.resolve("Safeguarding North 1").team == world.own
    assert names.resolve("Nowhere") == selectors.Match(None, selectors.NONE)


def test_a_case_system_name_beats_a_name_and_a_current_team_beats_an_inactive_one(world):
    council = world.own.council
    TeamFactory(council=council, name="Other Team", case_system_name="Children in Care South")
    old = TeamFactory(council=council, name="Old North", case_system_name="North", is_active=False)
    names = TeamNames(council)
    # world.other is *named* so; the new team's case-system name wins
    assert names.resolve("Children in Care South").team.name == "Other Team"
    assert names.resolve("north").team == old  # only an inactive team has it: still a match
    TeamFactory(council=council, name="New North", case_system_name="NORTH")
    assert TeamNames(council).resolve("north").team.name == "New North"


def test_two_equally_good_teams_leave_a_name_unmapped(world):
    council = world.own.council
    a = TeamFactory(council=council, name="East A", case_system_name="East")
    b = TeamFactory(council=council, name="East B", case_system_name="east")
    match = TeamNames(council).resolve("East")
    assert (match.team, match.how, match.candidates) == (None, selectors.AMBIGUOUS, (a, b))


def test_an_explicit_row_wins_over_the_same_name(world, qa):
    council = world.own.council
    map_team_name(actor=qa, council=council, extract_name="Safeguarding  north 1", team=world.other)
    assert TeamNames(council).resolve("SAFEGUARDING NORTH 1") == selectors.Match(world.other, selectors.MAPPED)


# --- the service ----------------------------------------------------------------------------------------

def test_mapping_a_name_is_audited(world, qa):
    match = map_team_name(actor=qa, council=world.own.council, extract_name=" CiC  South ", team=world.other)
    assert match == selectors.Match(world.other, selectors.MAPPED)
    row = TeamNameMapping.objects.get()
    assert (row.extract_name, row.key, row.team, row.changed_by) == ("CiC South", "cic south", world.other, qa)
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb, event.object_type, event.object_id) == (
        qa, "team_name.mapped", "datasets.teamnamemapping", str(row.pk))
    assert event.changes == {"extract_name": "CiC South", "team": [None, world.other.pk]}
    # mapping it the same way again changes nothing and records nothing
    map_team_name(actor=qa, council=world.own.council, extract_name="cic south", team=world.other)
    assert AuditEvent.objects.count() == 1
    # moving it records the move
    map_team_name(actor=qa, council=world.own.council, extract_name="cic south", team=world.own)
    assert AuditEvent.objects.first().changes["team"] == [world.other.pk, world.own.pk]
    assert TeamNameMapping.objects.get().extract_name == "cic south"


def test_a_mapping_to_an_inactive_team_is_refused(world, qa):
    world.other.is_active = False
    world.other.save()
    with pytest.raises(ValidationError) as error:
        map_team_name(actor=qa, council=world.own.council, extract_name="CiC South", team=world.other)
    assert error.value.message_dict == {"team": [
        "Children in Care South is no longer an active team: choose a current team, or leave the name not mapped"]}
    assert TeamNameMapping.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_only_those_who_may_upload_may_map(world):
    with pytest.raises(PermissionDenied):
        map_team_name(actor=world.users[Role.AUDITOR], council=world.own.council, extract_name="X", team=world.own)
    assert TeamNameMapping.objects.count() == 0


def test_unmapping_keeps_a_row_only_where_the_same_name_would_map_again(world, qa):
    council = world.own.council
    # "Safeguarding North 1" would match world.own by name: a row with no team says it must not
    map_team_name(actor=qa, council=council, extract_name="Safeguarding North 1", team=None)
    row = TeamNameMapping.objects.get()
    assert row.team is None
    assert TeamNames(council).resolve("safeguarding north 1") == selectors.Match(None, selectors.UNMAPPED)
    assert AuditEvent.objects.get().changes == {"extract_name": "Safeguarding North 1", "team": [world.own.pk, None]}
    # "CiC South" matches no team by name: unmapping deletes its row, audited first
    map_team_name(actor=qa, council=council, extract_name="CiC South", team=world.other)
    map_team_name(actor=qa, council=council, extract_name="CiC South", team=None)
    assert list(TeamNameMapping.objects.values_list("key", flat=True)) == ["safeguarding north 1"]
    assert AuditEvent.objects.first().verb == "team_name.unmapped"
    assert TeamNames(council).resolve("CiC South") == selectors.Match(None, selectors.NONE)


# --- the page -------------------------------------------------------------------------------------------

def test_the_page_lists_every_name_seen_with_its_match(world, client_for):
    upload(world, date(2025, 2, 28), {"CiC South": 4, "Gone Team": 2, "safeguarding north 1": 1})
    upload(world, date(2025, 3, 31), {"Safeguarding North 1": 7, "cic south": 3, "Unallocated": 5})
    upload(world, date(2025, 4, 30), {"Never Read": 9}, status=Upload.Status.FAILED)
    seen = selectors.seen_team_names(world.own.council)
    # one entry per name ignoring case, spelled as the newest extract spells it; rows from the latest only
    assert [(e.name, e.rows_latest, e.last_seen, e.match.team) for e in seen] == [
        ("cic south", 3, date(2025, 3, 31), None),
        ("Gone Team", 0, date(2025, 2, 28), None),
        ("Safeguarding North 1", 7, date(2025, 3, 31), world.own),
    ]
    html = client_for(world.users[Role.QA_LEAD]).get(URL).content.decode()
    assert "3 team names found; <strong>2 not mapped</strong>" in html
    assert html.count('class="govuk-tag govuk-tag--yellow"') == 2  # "Not mapped", twice
    assert "Never Read" not in html and "Unallocated" not in html
    assert 'name="extract_name"' in html and 'name="csrfmiddlewaretoken"' in html
    assert "?name=cic%20south#id_extract_name" in html


def test_viewers_see_the_list_without_the_form(world, client_for):
    upload(world, date(2025, 3, 31), {"CiC South": 3})
    client = client_for(world.users[Role.AUDITOR])
    html = client.get(URL).content.decode()
    assert "CiC South" in html and 'name="extract_name"' not in html
    assert client.post(URL, {"extract_name": "CiC South", "team": world.other.pk}).status_code == 403
    assert TeamNameMapping.objects.count() == 0


def test_the_qa_lead_maps_a_name_from_the_page(world, client_for):
    upload(world, date(2025, 3, 31), {"CiC South": 3})
    client = client_for(world.users[Role.QA_LEAD])
    chosen = client.get(URL + "?name=CIC+SOUTH").content.decode()
    assert '<option value="CiC South" selected>' in chosen
    response = client.post(URL, {"extract_name": "CiC South", "team": world.other.pk})
    assert response.status_code == 302 and response["Location"] == URL
    assert TeamNameMapping.objects.get().team == world.other
    html = client.get(URL).content.decode()
    assert "“CiC South” now counts under Children in Care South" in html
    assert "every one is mapped to a council team" in html and "Mapped here" in html


def _seen_state(html):
    """The hidden field in which the page says what each name meant when it was drawn."""
    return html_lib.unescape(re.search(r'name="seen_state" value="([^"]*)"', html).group(1))


def test_a_save_over_someone_elses_change_is_refused_with_both_versions(world, client_for):
    upload(world, date(2025, 3, 31), {"CiC South": 3, "North": 2})
    lead = world.users[Role.QA_LEAD]
    client = client_for(lead)
    state = _seen_state(client.get(URL + "?name=CiC+South").content.decode())  # CiC South: not mapped yet
    # meanwhile an administrator maps it to another team
    elsewhere = TeamFactory(name="Children in Care West", council=world.own.council)
    map_team_name(actor=world.users[Role.SYSTEM_ADMIN], council=world.own.council, extract_name="CiC South",
                  team=elsewhere)
    html = client.post(URL, {"extract_name": "CiC South", "team": world.other.pk, "seen_state": state}
                       ).content.decode()
    assert "Someone changed this mapping after you opened the page" in html
    assert "now counts under Children in Care West; you chose Children in Care South" in html
    assert TeamNameMapping.objects.get().team == elsewhere  # theirs kept, nothing overwritten
    # the page now carries today's mapping, so saving again keeps the user's choice
    response = client.post(URL, {"extract_name": "CiC South", "team": world.other.pk,
                                 "seen_state": _seen_state(html)})
    assert response.status_code == 302 and TeamNameMapping.objects.get().team == world.other


def test_a_change_to_another_name_does_not_block_a_save(world, client_for):
    upload(world, date(2025, 3, 31), {"CiC South": 3, "North": 2})
    client = client_for(world.users[Role.QA_LEAD])
    state = _seen_state(client.get(URL).content.decode())
    map_team_name(actor=world.users[Role.SYSTEM_ADMIN], council=world.own.council, extract_name="North",
                  team=world.own)
    response = client.post(URL, {"extract_name": "CiC South", "team": world.other.pk, "seen_state": state})
    assert response.status_code == 302
    assert TeamNameMapping.objects.get(key="cic south").team == world.other


def test_the_page_summarises_errors(world, client_for):
    upload(world, date(2025, 3, 31), {"CiC South": 3})
    world.other.is_active = False
    world.other.save()
    client = client_for(world.users[Role.QA_LEAD])
    html = client.post(URL, {"extract_name": "", "team": ""}).content.decode()
    assert "There is a problem" in html and 'href="#id_extract_name"' in html
    assert "Choose a team name from the extracts" in html
    html = client.post(URL, {"extract_name": "CiC South", "team": world.other.pk}).content.decode()
    assert "<title>Error: " in html
    assert "Children in Care South is no longer an active team" in html and 'href="#id_team"' in html
    assert "Children in Care South (no longer active)" in html  # offered, marked, so the refusal is clear
    assert TeamNameMapping.objects.count() == 0


def test_the_page_says_when_no_names_are_seen_yet(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    html = client.get(URL).content.decode()
    assert "No team names yet" in html and 'name="extract_name"' not in html
    assert client.post(URL, {"extract_name": "X"}).status_code == 302


# --- the upload page ------------------------------------------------------------------------------------

HEADINGS = {
    "8": {"matched": [
        {"heading": "Child Unique ID", "column": "Child Unique ID", "key": "child_id", "how": "exact"},
        {"heading": "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
         "column": "UASC", "key": "uasc", "how": "variant"},
        {"heading": "Sum of Number of Previous Child Protection Plans", "column": "Number of Previous Child "
         "Protection Plans", "key": "previous_cp_plans", "how": "tolerant"}],
          "absent": ["Placement Location"], "ignored": ["Notes"]},
    "3": {"matched": [{"heading": "Child Unique ID", "column": "Child Unique ID", "key": "child_id",
                       "how": "exact"}], "absent": [], "ignored": []},
}


def test_the_upload_page_reports_headings_and_unmapped_team_names(world, client_for):
    done = upload(world, date(2025, 3, 31), {"Safeguarding North 1": 7, "CiC South": 3, "Unallocated": 2},
                  headings=HEADINGS)
    url = reverse("datasets:upload_detail", args=[done.pk])
    html = client_for(world.users[Role.QA_LEAD]).get(url).content.decode()
    assert html.index("List 3</h3>") < html.index("List 8</h3>")
    assert "1 heading matched exactly; nothing else to report" in html
    assert "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)</td><td class=\"govuk-table__cell\">UASC" in html
    assert "A known other spelling" in html and "Close enough" in html
    assert "<li>Placement Location</li>" in html and "show no value (not zero)" in html
    assert "<li>Notes</li>" in html
    unmapped = html[html.index("Team names not matched"):html.index("Data-quality issues")]
    assert "CiC South" in unmapped and "Safeguarding North 1" not in unmapped and "Unallocated" not in unmapped
    assert reverse("datasets:team_names") in unmapped
    auditor = client_for(world.users[Role.AUDITOR]).get(url).content.decode()
    assert "CiC South" in auditor and reverse("datasets:team_names") not in auditor.split("Data-quality")[0].split(
        "Team names not matched")[1]
    # once mapped, the name leaves the upload page's list
    map_team_name(actor=world.users[Role.QA_LEAD], council=world.own.council, extract_name="cic south",
                  team=world.other)
    html = client_for(world.users[Role.QA_LEAD]).get(url).content.decode()
    assert "Team names not matched" not in html


# --- the drill-down scope -------------------------------------------------------------------------------

def test_a_team_scoped_user_gets_the_extract_names_mapped_to_their_teams(world, qa):
    council = world.own.council
    upload(world, date(2025, 3, 31), {"North": 1, "SOUTH": 2, "safeguarding north 1": 3, "Elsewhere": 4})
    map_team_name(actor=qa, council=council, extract_name="north", team=world.own)
    map_team_name(actor=qa, council=council, extract_name="South", team=world.other)
    practitioner = world.users[Role.PRACTITIONER]
    # "North" by the mapping, "safeguarding north 1" by the team's name, spelled as the extract spells them
    assert extract_names_in_scope(practitioner) == ["North", "safeguarding north 1"]
    assert extract_names_in_scope(world.users[Role.AUDITOR]) == "all"


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def test_drill_down_follows_the_mapping(world, qa, client_for, data_dir, tmp_path,
                                        django_capture_on_commit_callbacks):
    from triangulate.core.models import AccessLog

    path = workbook(tmp_path / "march.xlsx", {"List 3 - Referrals": [
        REFERRAL_HEADINGS,
        ["1", "North", "Ann", date(2025, 1, 7), "Yes"],
        ["2", "South", "Bo", date(2025, 3, 3), "No"],
        ["3", "South", "Bo", date(2025, 3, 10), "No"],
    ]})
    CouncilPopulation.objects.create(council=world.own.council, year=2024, children_0_17=20_000)
    with django_capture_on_commit_callbacks(execute=True):
        start_annex_a_import(actor=qa, council=world.own.council, source=path, original_name=Path(path).name,
                             extract_date=date(2025, 3, 31), run_now=True)
    # the extract's "South" is the practitioner's team; "North" is mapped to the other team
    map_team_name(actor=qa, council=world.own.council, extract_name="SOUTH", team=world.own)
    map_team_name(actor=qa, council=world.own.council, extract_name="north", team=world.other)
    client = client_for(world.users[Role.PRACTITIONER])
    url = reverse("performance:kpi_children", args=["referrals"])
    assert "?team=South" in client.get(url).content.decode()
    assert client.get(url + "?team=North").status_code == 404
    html = client.get(url + "?team=South").content.decode()
    assert "2 children" in html  # children 2 and 3, referred in the year
    assert sorted(AccessLog.objects.values_list("child_id", flat=True)) == ["2", "3"]
