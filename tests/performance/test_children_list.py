"""The children behind a measure, as a list to work from: columns, days overdue, filters, paging, the
download of every page, the access log, and scope, over a stored extract worked by hand
(tests/kpis/timescale_rows.py, at 22 April 2025)."""

import csv
import io
import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from triangulate.core.models import AccessLog
from triangulate.core.roles import Role
from triangulate.datasets import storage
from triangulate.datasets.models import Upload
from triangulate.kpis.periods import year_to

from ..kpis.helpers import engine, table
from ..kpis.timescale_rows import AT, LISTS

VISITS = "cp_visits_in_timescale_pct"
RESOURCE = "performance:kpi_children"
HEADINGS = ["Child ID", "Team", "Worker", "Days overdue", "Meets the measure", "Child Protection Plan Start Date",
            "Date of the Last Statutory Visit"]  # not the end date: blank on every plan open at the extract date
DOWNLOAD_HEADINGS = ["Child ID", "Team", "Worker", "Days overdue", "Days counted in", "Note", "Meets the measure",
                     "Child Protection Plan Start Date", "Date of the Last Statutory Visit"]


def url(kpi_id=VISITS, query=""):
    return reverse("performance:kpi_children", args=[kpi_id]) + query


def store(world, lists):
    world.own.case_system_name, world.other.case_system_name = "North", "South"
    world.own.save()
    world.other.save()
    upload = Upload.objects.create(council=world.own.council, extract_date=AT, original_name="april.xlsx",
                                   status=Upload.Status.SUCCEEDED)
    storage.write_tables(upload.pk, {n: table(n, rows) for n, rows in lists.items()})
    return upload


@pytest.fixture
def stored(world, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return store(world, LISTS)


def rows_of(html):
    """[[cell texts]] of the list's table body."""
    body = re.search(r'<tbody class="govuk-table__body">(.*?)</tbody>', html, re.S).group(1)
    return [[unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c))).strip()
             for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def headings_of(html):
    head = re.search(r'<thead class="govuk-table__head">(.*?)</thead>', html, re.S).group(1)
    return [unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


def page(client, query="", kpi_id=VISITS):
    response = client.get(url(kpi_id, query))
    assert response.status_code == 200
    return response.content.decode()


def logged():
    return sorted(AccessLog.objects.values_list("child_id", "kind", "resource"))


def test_each_plan_with_worker_team_dates_and_working_days_overdue(world, client_for, stored):
    html = page(client_for(world.users[Role.QA_LEAD]))
    assert headings_of(html) == HEADINGS
    # no visit, an unreadable one and one after the extract date first; then C2 (wd(3 Apr, 22 Apr) = 11 against
    # 10), C1 (wd(8 Apr, 22 Apr) = 8) and C4 (wd(17 Apr, 22 Apr) = 1: Good Friday and Easter Monday)
    assert rows_of(html) == [
        ["C3", "South", "Bo", "No visit recorded", "No", "1 March 2025", ""],
        ["C7", "North", "Ann", "Visit date unreadable", "No", "1 February 2025", ""],
        ["C8", "North", "Ann", "Visit dated after 22/04/2025", "No", "1 February 2025", "25 April 2025"],
        ["C2", "North", "Cy", "1 working day", "No", "1 January 2025", "3 April 2025"],
        ["C1", "North", "Ann", "Not overdue (2 to spare)", "Yes", "1 January 2025", "8 April 2025"],
        ["C4", "South", "Bo", "Not overdue (9 to spare)", "Yes", "20 January 2025", "17 April 2025"],
    ]
    assert "6 plans for 6 children: 2 meeting the measure, 4 not." in html
    assert "1 is left out of the measure" in html  # C6: no plan start date
    assert logged() == [(c, "view", RESOURCE) for c in ("C1", "C2", "C3", "C4", "C7", "C8")]


def test_the_counts_are_the_measures_numerator_and_denominator(world, client_for, stored):
    fig = engine(LISTS).run([year_to(AT)], kpi_ids=[VISITS, "cla_reviews_in_timescale_pct"]).kpis
    html = page(client_for(world.users[Role.AUDITOR]))
    visits = fig[VISITS][0]
    assert f"{visits.denominator} plans for 6 children: {visits.numerator} meeting the measure, " \
           f"{visits.denominator - visits.numerator} not." in html
    reviews = fig["cla_reviews_in_timescale_pct"][0]
    html = page(client_for(world.users[Role.AUDITOR]), kpi_id="cla_reviews_in_timescale_pct")
    assert f"{reviews.denominator} children: {reviews.numerator} meeting the measure, " \
           f"{reviews.denominator - reviews.numerator} not." in html
    # L2 is 21 calendar days past its review's due date; L7 15 working days past its first review's
    assert [r[0] for r in rows_of(html)] == ["L2", "L7", "L4", "L1"]
    assert rows_of(html)[0][3] == "21 calendar days" and rows_of(html)[1][3] == "15 working days"


def test_failing_only_and_by_worker(world, client_for, stored):
    client = client_for(world.users[Role.QA_LEAD])
    html = page(client, "?failing=1")
    assert [r[0] for r in rows_of(html)] == ["C3", "C7", "C8", "C2"]
    assert "4 plans for 4 children not meeting the measure." in html
    assert 'id="failing" name="failing" type="checkbox" value="1" checked' in html
    html = page(client, "?worker=Ann")
    assert [r[0] for r in rows_of(html)] == ["C7", "C8", "C1"]
    assert [r[0] for r in rows_of(page(client, "?worker=Ann&failing=1"))] == ["C7", "C8"]
    assert [r[0] for r in rows_of(page(client, "?team=South"))] == ["C3", "C4"]
    assert [r[0] for r in rows_of(page(client, "?sort=worker"))] == ["C7", "C8", "C1", "C3", "C4", "C2"]
    # the worker filter offers the workers of the rows chosen
    assert re.findall(r'<option value="([^"]+)"', page(client, "?team=South").split('id="worker"')[1].split(
        "</select>")[0]) == ["Bo"]


def test_a_measure_without_a_timescale_has_no_days_column(world, client_for, stored):
    html = page(client_for(world.users[Role.QA_LEAD]), kpi_id="cp_seen_alone_pct")
    assert headings_of(html) == ["Child ID", "Team", "Worker", "Meets the measure", "Child Protection Plan Start Date"]
    assert "Days overdue" not in html


def test_a_download_has_every_chosen_row_with_the_same_columns_each_logged(world, client_for, stored):
    auditor = world.users[Role.AUDITOR]
    response = client_for(auditor).get(url(query="?failing=1&page=2&format=csv"))  # every page, not the second
    assert response["Content-Disposition"] == f'attachment; filename="{VISITS}-children-2025-04-22-not-met.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))
    assert rows == [
        DOWNLOAD_HEADINGS,
        ["C3", "South", "Bo", "", "working days", "No visit recorded", "No", "2025-03-01", ""],
        ["C7", "North", "Ann", "", "working days", "Visit date unreadable", "No", "2025-02-01", ""],
        ["C8", "North", "Ann", "", "working days", "Visit dated after 22/04/2025", "No", "2025-02-01", "2025-04-25"],
        ["C2", "North", "Cy", "1", "working days", "", "No", "2025-01-01", "2025-04-03"],
    ]
    assert logged() == [(c, "export", RESOURCE) for c in ("C2", "C3", "C7", "C8")]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(client_for(auditor).get(url(query="?format=xlsx")).content))
    cells = sheet.get_sheet_by_name("Children").to_python()
    assert cells[0] == DOWNLOAD_HEADINGS
    assert cells[5] == ["C1", "North", "Ann", -2, "working days", "", "Yes", date(2025, 1, 1), date(2025, 4, 8)]


def test_text_a_spreadsheet_would_run_is_made_safe(world, client_for, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    store(world, {7: [{"child_id": "=1+2", "allocated_team": "North", "allocated_worker": "@SUM(A1)",
                       "cp_start": date(2025, 1, 1), "last_visit": date(2025, 4, 1)}]})
    response = client_for(world.users[Role.QA_LEAD]).get(url(query="?format=csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))
    assert rows[1][:3] == ["'=1+2", "North", "'@SUM(A1)"]


@pytest.fixture
def many(world, tmp_path, settings):
    """250 plans with no visit recorded, P001 to P250: all equally overdue, so in child order."""
    settings.DATA_DIR = tmp_path / "data"
    plans = [{"child_id": f"P{i:03d}", "allocated_team": "North", "allocated_worker": "Ann",
              "cp_start": date(2025, 1, 1)} for i in range(1, 251)]
    return store(world, {7: plans})


def test_pages_of_100_with_no_cap_and_only_the_page_logged(world, client_for, many):
    client = client_for(world.users[Role.QA_LEAD])
    first = page(client)
    assert [r[0] for r in rows_of(first)] == [f"P{i:03d}" for i in range(1, 101)]
    assert "250 plans for 250 children, page 1 of 3" in first
    assert 'href="?page=2"' in first and 'aria-label="Pages of children"' in first
    third = page(client, "?page=3")
    assert [r[0] for r in rows_of(third)] == [f"P{i:03d}" for i in range(201, 251)]
    assert AccessLog.objects.filter(kind="view").count() == 150
    response = client.get(url(query="?page=3&format=csv"))
    assert len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))) == 251
    assert AccessLog.objects.filter(kind="export").count() == 250


def test_a_team_manager_lists_their_own_team_only(world, client_for, stored):
    client = client_for(world.users[Role.TEAM_MANAGER])
    chooser = page(client)
    assert "Choose one of your teams" in chooser and "?team=North" in chooser and not logged()
    assert client.get(url(query="?team=South")).status_code == 404
    assert client.get(url(query="?team=South&format=csv")).status_code == 404
    html = page(client, "?team=North")
    assert [r[0] for r in rows_of(html)] == ["C7", "C8", "C2", "C1"]
    assert "All teams" not in html
    response = client.get(url(query="?team=North&failing=1&format=csv"))
    assert [r[0] for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:] == ["C7", "C8", "C2"]
    assert {c for c, _, _ in logged()} == {"C1", "C2", "C7", "C8"}


def test_an_elected_member_never_reaches_the_list(world, client_for, stored):
    client = client_for(world.users[Role.ELECTED_MEMBER])
    assert client.get(url()).status_code == 403
    assert client.get(url(query="?format=xlsx")).status_code == 403
    assert not logged()


def test_the_address_carries_filters_never_a_child(world, client_for, many):
    html = page(client_for(world.users[Role.QA_LEAD]), "?worker=Ann&failing=1")
    for href in re.findall(r'href="(\?[^"]*)"', html):
        assert "P0" not in href and "P1" not in href and "P2" not in href, href


def test_the_access_log_keeps_which_list_and_filters_each_child_was_on(world, client_for, stored):
    lead = world.users[Role.QA_LEAD]
    client = client_for(lead)
    page(client, "?worker=Ann&failing=1")
    client.get(url(query="?team=South&format=csv"))
    detail = {(e.child_id, e.kind): e.detail for e in AccessLog.objects.all()}
    assert detail[("C7", "view")] == {"kpi": VISITS, "worker": "Ann", "failing": True}
    assert detail[("C3", "export")] == {"kpi": VISITS, "team": "South"}
    # the access log page says so beside each entry
    html = client_for(world.users[Role.SYSTEM_ADMIN]).get(reverse("core:access_log_list")).content.decode()
    assert f"failing: yes; kpi: {VISITS}; worker: Ann" in html
