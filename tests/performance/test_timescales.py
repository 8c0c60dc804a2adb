"""The timescale report's page and downloads over a stored extract (tests/kpis/timescale_rows.py, worked by
hand): the counts by section and team, scope, filters, the access log, and agreement with the stored KPI
values of an extract imported by the import job."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from triangulate.core.models import AccessLog
from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.kpis.periods import year_to
from triangulate.kpis.timescales import KPI_OF_SECTION
from triangulate.people.models import CouncilPopulation
from triangulate.performance import timescales as presenter
from triangulate.performance.models import KpiValue

from ..kpis.timescale_rows import AT, CARE, CP_PLANS, LISTS
from ..workbooks import workbook
from .test_children_list import store
from .test_pages import table_rows

URL = reverse("performance:timescales")
NORTH, SOUTH = "Safeguarding North 1", "Children in Care South"
NORTH_CHILDREN = {"A1", "A2", "S1", "S2", "C1", "C2", "C7", "C8", "L2", "L7"}
SOUTH_CHILDREN = {"A3", "A5", "S3", "C3", "C4", "L1", "L4"}


@pytest.fixture
def stored(world, tmp_path, settings):
    """The hand-worked extract stored as an import stores it, under the teams' case-system names."""
    settings.DATA_DIR = tmp_path / "data"
    return store(world, LISTS)


def get(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def child_ids(html):
    """The child ids in the report's lists (the first cell of each row of a section's table)."""
    return set(re.findall(r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">([A-Z]\d)</td>', html))


def test_the_summary_gives_each_sections_overdue_and_due_soon(world, client_for, stored):
    html = get(client_for(world.users[Role.QA_LEAD]))
    assert table_rows(html, "Summary") == {
        "Open assessments": ["2", "1", "The measure for open assessments"],
        "Section 47 enquiries awaiting an initial child protection conference": ["1", "1", ""],
        "Child protection visits": ["4", "1", "The measure for child protection visits"],
        "Child protection reviews": ["2", "1", "The measure for child protection reviews"],
        "Visits to children in care": ["1", "1", "The measure for visits to children in care"],
        "Reviews of children in care": ["2", "1", "The measure for reviews of children in care"],
    }
    assert child_ids(html) == NORTH_CHILDREN | SOUTH_CHILDREN
    assert "4 overdue and 1 due in the next 5 working days, of 6 plans" in html
    assert "1 record could not be placed" in html  # the plan without a start date


def test_by_team_in_the_councils_own_team_names(world, client_for, stored):
    html = get(client_for(world.users[Role.QA_LEAD]))
    teams = table_rows(html, "by team")
    # assessments, S47s, CP visits, CP reviews, care visits, care reviews
    assert teams[NORTH] == ["1 due soon", "1 due soon", "3 overdue 1 due soon", "1 overdue 1 due soon", "None",
                            "2 overdue"]
    assert teams[SOUTH] == ["2 overdue", "1 overdue", "1 overdue", "1 overdue", "1 overdue 1 due soon", "1 due soon"]
    assert "Choose a team to see its workers" in html


def test_a_row_shows_its_dates_and_working_days_left(world, client_for, stored):
    html = get(client_for(world.users[Role.QA_LEAD]))
    row = re.search(r"<td class=\"govuk-table__cell\">A3</td>(.*?)</tr>", html, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == [SOUTH, "Bo", "13 February 2025", "46", "17 April 2025", "1 overdue", "Overdue"]
    no_visit = re.search(r'id="cp_visits".*?<td class="govuk-table__cell">C3</td>(.*?)</tr>', html, re.S).group(1)
    assert "No visit recorded" in no_visit and "Overdue" in no_visit


def test_a_team_scoped_reader_sees_only_their_teams(world, client_for, stored):
    client = client_for(world.users[Role.PRACTITIONER])
    html = get(client)
    assert child_ids(html) == NORTH_CHILDREN
    assert list(table_rows(html, "by team")) == [NORTH]
    assert "Overdue and due soon, by worker" in html  # their own team's workers
    assert client.get(URL + "?team=" + SOUTH).status_code == 404
    assert client.get(URL + "?team=" + SOUTH + "&format=csv").status_code == 404
    assert set(AccessLog.objects.values_list("child_id", flat=True)) == NORTH_CHILDREN


def test_filter_by_team_and_worker(world, client_for, stored):
    client = client_for(world.users[Role.AUDITOR])
    assert child_ids(get(client, f"?team={SOUTH}")) == SOUTH_CHILDREN
    html = get(client, f"?team={NORTH}&worker=Cy")
    assert child_ids(html) == {"S2", "C2"}
    assert table_rows(html, "by worker") == {
        f"{NORTH}: Cy": ["None", "1 due soon", "1 overdue", "1 due soon", "None", "None"]}


def test_every_child_shown_is_access_logged(world, client_for, stored):
    lead = world.users[Role.QA_LEAD]
    get(client_for(lead))
    logged = list(AccessLog.objects.values_list("child_id", "kind", "resource", "user"))
    assert sorted(logged) == sorted((c, "view", "performance:timescales", lead.pk)
                                    for c in NORTH_CHILDREN | SOUTH_CHILDREN)


def test_a_long_section_shows_its_most_overdue_first_and_says_how_to_see_the_rest(world, client_for, stored,
                                                                                  monkeypatch):
    monkeypatch.setattr(presenter, "MAX_ROWS_SHOWN", 2)
    lead = world.users[Role.QA_LEAD]
    html = get(client_for(lead))
    # child protection visits: 4 overdue and 1 due soon; the 2 shown are overdue, and only they are logged
    assert "The first 2 are shown, most overdue first; choose a team, or download, for the rest." in html
    logged = set(AccessLog.objects.values_list("child_id", flat=True))
    assert logged < NORTH_CHILDREN | SOUTH_CHILDREN and logged == child_ids(html)
    # the download still has every row
    rows = list(csv.reader(io.StringIO(client_for(lead).get(URL + "?format=csv").content.decode("utf-8-sig"))))
    assert {r[1] for r in rows[1:]} >= NORTH_CHILDREN | SOUTH_CHILDREN  # column 1: the child id


def test_the_download_lists_every_row_each_child_logged_as_exported(world, client_for, stored):
    response = client_for(world.users[Role.AUDITOR]).get(URL + f"?team={SOUTH}&format=csv")
    assert response["Content-Disposition"] == \
        'attachment; filename="timescales-2025-04-22-children-in-care-south.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Timescale", "Child ID", "Team", "Worker"]
    c3 = next(r for r in rows if r[1] == "C3" and r[0] == "Child protection visits")
    assert c3 == ["Child protection visits", "C3", SOUTH, "Bo", "2025-03-01", "Plan started", "", "", "", "",
                  "Overdue", "No visit recorded"]
    a3 = next(r for r in rows if r[1] == "A3")
    assert a3[7:11] == ["46", "2025-04-17", "-1", "Overdue"]
    assert len(rows) == 1 + 8  # South's rows: 2 assessments, 1 S47, 1 + 1 CP, 2 + 1 care
    assert {c for c, k in AccessLog.objects.values_list("child_id", "kind") if k == "export"} == SOUTH_CHILDREN
    # which list it was: the team chosen, kept beside each child exported
    assert {tuple(d.items()) for d in AccessLog.objects.filter(kind="export").values_list("detail", flat=True)} \
        == {(("team", SOUTH),)}


def test_the_excel_download_has_real_dates_and_numbers(world, client_for, stored):
    response = client_for(world.users[Role.QA_LEAD]).get(URL + "?format=xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name("Timescales").to_python()
    a3 = next(r for r in sheet if r[1] == "A3")
    assert a3[4] == date(2025, 2, 13) and a3[8] == date(2025, 4, 17) and a3[9] == -1


def test_an_elected_member_may_not_open_or_download_it(world, client_for, stored):
    client = client_for(world.users[Role.ELECTED_MEMBER])
    assert client.get(URL).status_code == 403 and client.get(URL + "?format=csv").status_code == 403
    assert AccessLog.objects.count() == 0
    menu = client.get(reverse("performance:dashboard")).content.decode()
    assert URL not in menu
    assert f'href="{URL}"' in client_for(world.users[Role.TEAM_MANAGER]).get(reverse("core:home")).content.decode()


def test_with_nothing_imported_the_page_says_so(world, client_for):
    html = get(client_for(world.users[Role.QA_LEAD]))
    assert "No child-level data has been imported yet" in html and AccessLog.objects.count() == 0


# ---- agreement with the KPIs stored by an import ----------------------------------------------------------

CP_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Child Protection Plan Start Date",
               "Date of the Last Statutory Visit", "Date of latest review conference", "Child Protection Plan End Date"]
CARE_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Date Started to be Looked After",
                 "Child's Legal Status", "Date of Last Social Work Visit", "Date of Latest Statutory Review",
                 "Date Ceased to be Looked After"]


@pytest.fixture
def imported(world, tmp_path, settings, django_capture_on_commit_callbacks):
    """The readable rows of the CP and care lists, imported by the import job (which stores their KPIs)."""
    settings.DATA_DIR = tmp_path / "data"

    def cells(row, keys):
        return [row.get(k) for k in keys]

    cp = [cells(r, ("child_id", "allocated_team", "allocated_worker", "cp_start", "last_visit", "latest_review",
                    "cp_end")) for r in CP_PLANS if not r.get("_unreadable")]
    care = [cells(r, ("child_id", "allocated_team", "allocated_worker", "cla_start", "legal_status", "last_visit",
                      "latest_review", "cla_end")) for r in CARE if not r.get("_unreadable")]
    path = workbook(tmp_path / "april.xlsx", {"List 7 - Child protection": [CP_HEADINGS] + cp,
                                              "List 8 - Children in care": [CARE_HEADINGS] + care})
    CouncilPopulation.objects.create(council=world.own.council, year=2024, children_0_17=20_000)
    with django_capture_on_commit_callbacks(execute=True):
        start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=path,
                             original_name=Path(path).name, extract_date=AT, run_now=True)
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.SUCCEEDED
    return upload


def test_the_page_agrees_with_the_stored_kpis_of_the_same_upload(world, client_for, imported):
    summary = table_rows(get(client_for(world.users[Role.QA_LEAD])), "Summary")
    titles = {"cp_visits": "Child protection visits", "cp_reviews": "Child protection reviews",
              "cla_visits": "Visits to children in care", "cla_reviews": "Reviews of children in care"}
    period = year_to(AT)
    for section, title in titles.items():
        stored = KpiValue.objects.get(upload=imported, kpi_id=KPI_OF_SECTION[section], team="",
                                      period_start=period.start, period_end=period.end)
        assert int(summary[title][0]) == stored.denominator - stored.numerator, section
    assert summary["Child protection visits"][0] == "3"  # C2, C3, C8 (C7's unreadable dates were left out)
    assert summary["Open assessments"] == ["–", "–", "The measure for open assessments"]  # no list 4: no figure
