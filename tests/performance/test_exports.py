"""Downloads from the performance pages (?format=csv / ?format=xlsx on the page's own address): the
dashboard's figures exactly as the page shows them to the same reader, and the children behind a figure,
each written to the access log, only for those who may see the list. Export links keep the page's query."""

import csv
import io
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from triangulate.core.models import AccessLog
from triangulate.core.roles import Role
from triangulate.datasets.services import start_annex_a_import
from triangulate.kpis.registry import all_kpis
from triangulate.people.models import CouncilPopulation

from ..permissions.test_matrix import CODE, ROLE_ORDER
from ..workbooks import REFERRAL_HEADINGS, workbook
from .test_pages import MARCH, extract, row, store

CSV = "text/csv; charset=utf-8"


def csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"] == CSV
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"), newline="")))


# ---- the dashboard --------------------------------------------------------------------------------------

@pytest.fixture
def figures(world):
    upload = extract(world, MARCH)
    store(upload, "cla_s20_pct", 100 * 5 / 34, 5, 34)  # 14.7%: 5 of 34, hidden from an elected member
    store(upload, "referrals", 4, 4)  # fewer than 6
    store(upload, "referral_nfa_pct", 100 * 2 / 40, 2, 40)
    store(upload, "rereferral_pct", 100 * 30 / 120, 30, 120, excluded=10)  # 25.0%, 10 of 130 left out
    return upload


def dashboard_csv(client, query="?format=csv"):
    response = client.get(reverse("performance:dashboard") + query)
    assert response["Content-Disposition"] == 'attachment; filename="performance-2025-03-31.csv"'
    rows = csv_rows(response)
    assert rows[0][:8] == ["Section", "Measure", "Period", "Value", "Number", "Of", "Excluded", "Coverage warning"]
    assert rows[0][10:14] == ["England", "Region", "Statistical neighbours", "Compared with England"]
    return {r[1]: r for r in rows[1:]}


def test_an_elected_member_downloads_exactly_the_suppressed_figures_the_page_shows(world, client_for, figures):
    member = client_for(world.users[Role.ELECTED_MEMBER])
    rows = dashboard_csv(member)
    year = "12 months to 31 March 2025"
    # a hidden figure has no number either
    assert rows["Children in care under section 20"][2:8] == ["Snapshot on 31 March 2025", "suppressed", "", "of 34",
                                                              "", ""]
    assert rows["Referrals"][2:7] == [year, "fewer than 6", "", "", ""]
    assert rows["Referrals with no further action"][3:8] == ["suppressed", "", "of 40", "", ""]
    assert rows["Referrals with no further action"][10] == "6.5% (2024-25)"
    assert rows["Referrals with no further action"][13] == ""  # a hidden figure is not compared
    assert rows["Re-referrals within 12 months"][3:8] == ["25.0%", "25", "30 of 120", "10", "Over 5%"]
    assert rows["Re-referrals within 12 months"][10] == "22.6% (2024-25)"
    assert rows["Re-referrals within 12 months"][13] == "Worse"
    # the value and what it is of are the page row's texts, for every measure
    html = member.get(reverse("performance:dashboard") + "?view=all").content.decode()
    ids = {spec.title: kpi_id for kpi_id, spec in all_kpis().items()}
    assert len(rows) == len(ids)
    for measure in rows.values():
        page_text = unescape(row(html, f"kpi-{ids[measure[1]]}"))
        assert page_text.startswith(" ".join(c for c in [measure[1], measure[2] if "Snapshot" in measure[2] else "",
                                                         measure[3], measure[5]] if c)), measure


def test_a_qa_lead_downloads_the_open_figures(world, client_for, figures):
    rows = dashboard_csv(client_for(world.users[Role.QA_LEAD]))
    assert rows["Children in care under section 20"][3:6] == ["14.7%", "14.7", "5 of 34"]
    assert rows["Referrals"][3:5] == ["4", "4"]


def test_the_dashboard_as_excel_has_the_same_cells(world, client_for, figures):
    client = client_for(world.users[Role.ELECTED_MEMBER])
    response = client.get(reverse("performance:dashboard") + "?format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="performance-2025-03-31.xlsx"'
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name("Performance").to_python()
    as_csv = [list(r) for r in csv_rows(client.get(reverse("performance:dashboard") + "?format=csv"))]
    assert [[as_text(c) for c in r] for r in sheet] == as_csv
    numbers = {r[1]: r[4] for r in sheet[1:]}  # numbers in the workbook, not text
    assert numbers["Re-referrals within 12 months"] == 25.0 and numbers["Children in care under section 20"] == ""


def as_text(cell):
    """A workbook cell as the CSV writes it (calamine reads every number as a float)."""
    return str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell)


def test_the_dashboard_offers_both_downloads(world, client_for, figures):
    html = client_for(world.users[Role.QA_LEAD]).get(reverse("performance:dashboard")).content.decode()
    assert re.findall(r'href="(\?format=[a-z]+)">Download<span class="govuk-visually-hidden"> the measures</span>'
                      r" as (CSV|Excel)</a>", html) == [("?format=csv", "CSV"), ("?format=xlsx", "Excel")]


def test_with_nothing_imported_there_is_nothing_to_download(world, client_for):
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("performance:dashboard") + "?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


# ---- the children behind a figure -------------------------------------------------------------------------

@pytest.fixture
def imported(world, tmp_path, settings, django_capture_on_commit_callbacks):
    """Three referrals in the year to 31 March 2025: one in North (the practitioner's team's extract name),
    two in South; child "-2+3" is a hostile id, which must reach a spreadsheet as text."""
    settings.DATA_DIR = tmp_path / "data"
    world.own.case_system_name = "North"
    world.own.save()
    path = workbook(tmp_path / "march.xlsx", {"List 3 - Referrals": [
        REFERRAL_HEADINGS,
        ["1", "North", "Ann", date(2025, 1, 7), "Yes"],
        ["-2+3", "South", "Bo", date(2025, 3, 3), "No"],
        ["4", "South", "Bo", date(2025, 3, 10), "No"],
    ]})
    CouncilPopulation.objects.create(council=world.own.council, year=2024, children_0_17=20_000)
    with django_capture_on_commit_callbacks(execute=True):
        start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=path,
                             original_name=Path(path).name, extract_date=MARCH, run_now=True)


def children_url(kpi_id="referrals"):
    return reverse("performance:kpi_children", args=[kpi_id])


def test_the_children_download_is_every_child_each_logged_as_exported(world, client_for, imported):
    auditor = world.users[Role.AUDITOR]
    response = client_for(auditor).get(children_url() + "?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="referrals-children-2025-03-31.csv"'
    assert csv_rows(response) == [["Child ID", "Team", "Worker", "Date of referral"],
                                  ["'-2+3", "South", "Bo", "2025-03-03"], ["1", "North", "Ann", "2025-01-07"],
                                  ["4", "South", "Bo", "2025-03-10"]]
    logged = sorted(AccessLog.objects.values_list("child_id", "kind", "resource", "user"))
    assert logged == [(c, "export", "performance:kpi_children", auditor.pk) for c in ("-2+3", "1", "4")]


def test_a_team_scoped_download_is_the_chosen_teams_children_only(world, client_for, imported):
    client = client_for(world.users[Role.PRACTITIONER])
    chooser = client.get(children_url() + "?format=csv")  # no team chosen: the chooser, no file, nothing logged
    assert chooser["Content-Type"].startswith("text/html") and "Choose one of your teams" in chooser.content.decode()
    assert client.get(children_url() + "?team=South&format=csv").status_code == 404
    response = client.get(children_url() + "?team=North&format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="referrals-children-2025-03-31-north.xlsx"'
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name("Children").to_python()
    assert sheet == [["Child ID", "Team", "Worker", "Date of referral"], ["1", "North", "Ann", date(2025, 1, 7)]]
    assert list(AccessLog.objects.values_list("child_id", "kind")) == [("1", "export")]


def test_the_children_page_offers_downloads_that_keep_the_team(world, client_for, imported):
    html = client_for(world.users[Role.PRACTITIONER]).get(children_url() + "?team=North").content.decode()
    assert 'href="?team=North&amp;format=csv"' in html and 'href="?team=North&amp;format=xlsx"' in html
    assert "is written to the access log too" in html
    assert list(AccessLog.objects.values_list("kind", flat=True)) == ["view"]


@pytest.mark.parametrize(("role", "code"), list(zip(ROLE_ORDER, "OOOOOOOFOO", strict=True)))
def test_who_may_download_the_children(world, client_for, imported, role, code):
    """As the permission matrix's row for the children page: an elected member may not (403), and nothing
    is logged for them; a team-scoped role downloads only once a team is chosen."""
    query = "?team=North&format=csv" if role in (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER) \
        else "?format=csv"
    response = client_for(world.users[role]).get(children_url() + query)
    assert response.status_code == CODE[code]
    if code == "O":
        assert response["Content-Type"] == CSV
        assert set(AccessLog.objects.values_list("kind", flat=True)) == {"export"}
    else:
        assert AccessLog.objects.count() == 0


@pytest.mark.parametrize(("role", "code"), list(zip(ROLE_ORDER, "OOOOOOOOOO", strict=True)))
def test_who_may_download_the_dashboard(world, client_for, figures, role, code):
    response = client_for(world.users[role]).get(reverse("performance:dashboard") + "?format=xlsx")
    assert response.status_code == CODE[code]
    assert response["Content-Disposition"].startswith("attachment;")


def test_signed_out_visitors_get_no_download(client, figures):
    for url in (reverse("performance:dashboard"), children_url()):
        response = client.get(url + "?format=csv")
        assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))
