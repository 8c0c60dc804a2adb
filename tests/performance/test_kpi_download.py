"""A measure's page as a download (performance/kpi_download.py, ?format=xlsx|csv on the page's own address):
the page's tables as sheets, each figure the page's text with the same figure as a number beside it, worked
out by hand; an elected member's download has their page's suppressions in every sheet and no analysts'
notes; text that would start a formula stays text; whoever may see the page may download it."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core import disclosure
from triangulate.core.roles import Role
from triangulate.kpis.periods import calendar_months
from triangulate.performance.presenters import number_as_shown, value_text

from ..permissions.test_matrix import CODE, ROLE_ORDER
from .test_kpi_page import KPI, SHIFT, store_months
from .test_pages import MARCH, extract, page, store, table_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE_TEAM = '=HYPERLINK("http://example.com","x")'


def url(kpi_id, fmt):
    return reverse("performance:kpi_detail", args=[kpi_id]) + f"?format={fmt}"


def workbook(client, kpi_id):
    """{sheet name: rows} of the measure's Excel download, in the workbook's order."""
    response = client.get(url(kpi_id, "xlsx"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def csv_rows(client, kpi_id):
    response = client.get(url(kpi_id, "csv"))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    return response, list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"),
                                                 newline="")))


def items(summary):
    """The Summary sheet as {item: [text, number, compared, source]}."""
    return {row[0]: row[1:] for row in summary[1:]}


def by_first(rows):
    return {row[0]: row[1:] for row in rows[1:]}


# ---- the number beside a text ---------------------------------------------------------------------------

@given(unit=st.sampled_from(disclosure.UNITS), value=st.floats(min_value=0, max_value=10_000_000))
def test_a_number_column_holds_the_figure_the_text_shows_no_more(unit, value):
    text = value_text(disclosure.open_cell(unit, disclosure.Figure(value, value, None)), None)
    assert number_as_shown(value) == float(text.rstrip("%").replace(",", ""))


def test_a_whole_number_is_written_as_one_and_nothing_shown_is_blank():
    assert [number_as_shown(v) for v in (84.25, 85.0, 7.0, 0.04, None)] == [84.2, 85, 7, 0, None]
    assert isinstance(number_as_shown(85.0), int)


# ---- an analyst's download, worked by hand ----------------------------------------------------------------

@pytest.fixture
def assessments(world):
    """SHIFT's 24 months (test_kpi_page: average 85.2%, limits 81.0% to 89.3%, the last seven a concern), the
    year's 1,012 of 1,200 with 7 left out, two teams, and the same teams a year earlier (team history)."""
    upload = extract(world, MARCH)
    store_months(upload, KPI, SHIFT)
    store(upload, KPI, 100 * 1012 / 1200, 1012, 1200, excluded=7)
    store(upload, KPI, 60.0, 30, 50, team="North")
    store(upload, KPI, 100 * 982 / 1150, 982, 1150, team="South")
    a_year_ago = extract(world, date(2024, 3, 31))
    year_before = (date(2023, 4, 1), date(2024, 3, 31))
    store(a_year_ago, KPI, 100 * 80 / 90, 80, 90, period=year_before)
    store(a_year_ago, KPI, 90.0, 45, 50, team="North", period=year_before)
    store(a_year_ago, KPI, 87.5, 35, 40, team="South", period=year_before)
    return upload


def test_the_workbook_has_the_pages_tables_as_sheets_with_numbers_beside_the_texts(world, client_for, assessments):
    response = client_for(world.users[Role.QA_LEAD]).get(url(KPI, "xlsx"))
    assert response["Content-Disposition"] == f'attachment; filename="{KPI}-2025-03-31.xlsx"'
    assert response["Cache-Control"].startswith("private, no-store")  # for this reader only, never cached
    sheets = workbook(client_for(world.users[Role.QA_LEAD]), KPI)
    assert list(sheets) == ["Summary", "Months", "Teams", "Team history"]

    summary = items(sheets["Summary"])
    assert sheets["Summary"][0] == ["Item", "Text", "Number", "This council's figure is", "Source"]
    assert summary["Measure"][0] == "Assessments completed within 45 working days"
    assert summary["Definition"][0].startswith("Whether assessments are finished in time")
    assert summary["Period"][0] == "12 months to 31 March 2025"
    assert summary["Unit"][0] == "Per cent"
    assert summary["This council"][:2] == ["84.3%", 84.3]  # 1,012 / 1,200 = 84.33%
    assert summary["Of"][0] == "1,012 of 1,200"
    assert summary["Excluded (missing or unreadable values)"][0] == "7"
    # England's shipped 85.7% (2024-25): 84.3 is within 5% of it (81.4 to 90.0), so similar
    assert summary["England"][:3] == ["85.7% (2024-25)", 85.7, "Similar"]
    assert summary["Trend"][0] == ("Latest 83.0% (March 2025), down from 85.0% a year earlier (March 2024); "
                                   "England 85.7% (2024-25).")
    assert summary["Control chart"][0] == ("Special cause of concern: the last 7 months were all below the average "
                                           "of 85.2% (from September 2024 to March 2025).")
    assert summary["Team names not mapped to a council team"][0] == "North, South"

    months = sheets["Months"]
    assert months[0] == ["Month", "Value", "Number", "Of", "Excluded", "Average (control chart)",
                         "Lower process limit", "Upper process limit", "Signal"]
    assert len(months) == 25
    # mean 2,044 / 24 = 85.17; limits 85.17 ± 2.66 × 36 / 23 = 81.00 and 89.33 (test_kpi_page)
    assert by_first(months)["August 2024"] == ["87.0%", 87, "87 of 100", "", 85.2, 81, 89.3, "Common cause"]
    assert by_first(months)["March 2025"] == ["83.0%", 83, "83 of 100", "", 85.2, 81, 89.3,
                                              "Concern: below the average 7 or more months in a row"]

    assert sheets["Teams"] == [["Team", "Value", "Number", "Of"], ["North", "60.0%", 60, "30 of 50"],
                               ["South", "85.4%", 85.4, "982 of 1,150"], ["All teams", "84.3%", 84.3, "1,012 of 1,200"]]

    history = sheets["Team history"]
    assert history[0][:3] == ["Team", "Mar 2024", "Apr 2024 (no extract)"] and history[0][-1] == "Mar 2025"
    assert history[1:] == [["North", 90] + ["–"] * 11 + [60], ["South", 87.5] + ["–"] * 11 + [85.4]]


def test_the_csv_is_the_month_by_month_table(world, client_for, assessments):
    client = client_for(world.users[Role.QA_LEAD])
    response, rows = csv_rows(client, KPI)
    assert response["Content-Disposition"] == f'attachment; filename="{KPI}-2025-03-31.csv"'
    text = response.content.decode("utf-8")
    assert '"March 2025","83.0%",83,"83 of 100","",85.2,81,89.3,"Concern: below' in text  # numbers bare
    months = workbook(client, KPI)["Months"]
    assert rows == [[as_text(c) for c in row] for row in months]


def as_text(cell):
    """A workbook cell as the CSV writes it (calamine reads every number as a float)."""
    return str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell)


def test_every_figure_is_the_one_the_page_shows(world, client_for, assessments):
    client = client_for(world.users[Role.QA_LEAD])
    html = page(client, "performance:kpi_detail", KPI)
    sheets = workbook(client, KPI)
    shown_months = table_rows(html, "month by month")
    charted = table_rows(html, "control chart")
    for month, value, number, of, excluded, mean, lower, upper, signal in sheets["Months"][1:]:
        assert [value, of, excluded] == shown_months[month]
        assert number == float(value.rstrip("%"))
        assert [f"{mean:.1f}%", f"{lower:.1f}%", f"{upper:.1f}%", signal] == charted[month][1:]
    shown_teams = table_rows(html, "by team")
    assert {r[0]: [r[1], r[3]] for r in sheets["Teams"][1:]} == shown_teams


# ---- an elected member ------------------------------------------------------------------------------------

# The year's months: April 2024 (8) and May 2024 (2) are hidden, as on the page (test_pages)
COUNTS = [7] * 12 + [8, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
YEAR = sum(COUNTS[12:])  # 145


@pytest.fixture
def referrals(world):
    """Referrals whose year hides small numbers from an elected member in every table of the page: two
    months, two teams (North's 3, and South's 10 to protect it) and 3 records left out of the year."""
    upload = extract(world, MARCH)
    store_months(upload, "referrals", COUNTS)
    store(upload, "referrals", YEAR, YEAR, excluded=3)
    for team, n in {"North": 3, "South": 10, "East": 132}.items():
        store(upload, "referrals", n, n, team=team)
    upload_benchmarks(actor=world.users[Role.QA_LEAD], council=world.own.council, original_name="b.csv",
                      file=b"kpi_id,area_code,year,value,note\nreferrals,E92000001,2025-26,600000,to check\n")
    return upload


def test_an_elected_members_download_has_their_pages_suppressions_in_every_sheet(world, client_for, referrals):
    member = client_for(world.users[Role.ELECTED_MEMBER])
    sheets = workbook(member, "referrals")
    summary = items(sheets["Summary"])
    assert summary["This council"][:2] == ["145", 145]
    assert summary["Excluded (missing or unreadable values)"][0] == "fewer than 6"  # 3 records
    assert summary["Control chart"][0] == ("No control chart is shown: 2 months are suppressed to protect small "
                                           "numbers, and an average and limits worked out without them would mislead.")
    months = by_first(sheets["Months"])
    assert sheets["Months"][0] == ["Month", "Value", "Number", "Of", "Excluded"]  # no chart, no chart columns
    assert months["April 2024"] == months["May 2024"] == ["suppressed", "", "", ""]
    assert months["June 2024"] == ["9", 9, "", ""] and months["April 2023"] == ["7", 7, "", ""]
    teams = by_first(sheets["Teams"])
    assert teams["North"] == teams["South"] == ["suppressed", "", ""]
    assert teams["East"] == ["132", 132, ""] and teams["All teams"] == ["145", 145, ""]
    history = by_first(sheets["Team history"])
    assert history["North"][-1] == history["South"][-1] == "suppressed" and history["East"][-1] == 132
    # the page says the same, and the member's CSV is their page's months too
    html = page(member, "performance:kpi_detail", "referrals")
    assert table_rows(html, "month by month")["May 2024"] == ["suppressed", "", ""]
    _, rows = csv_rows(member, "referrals")
    assert by_first(rows)["May 2024"] == ["suppressed", "", "", ""]

    # the analyst's download has what the member's hid, and the analyst's note on England's figure
    lead = workbook(client_for(world.users[Role.QA_LEAD]), "referrals")
    assert by_first(lead["Months"])["May 2024"][:2] == ["2", 2]
    assert by_first(lead["Teams"])["North"][:2] == ["3", 3]
    assert items(lead["Summary"])["Excluded (missing or unreadable values)"][0] == "3"
    assert "to check" in items(lead["Summary"])["England"][3]
    member_cells = [str(c) for rows in sheets.values() for row in rows for c in row]
    assert not any("to check" in c or "verif" in c for c in member_cells)


def test_a_measure_without_teams_says_why_and_a_snapshot_says_which_months_have_an_extract(world, client_for):
    upload = extract(world, MARCH)
    store(upload, "referrals_rate", 12.5, 25, 20_000)
    january = extract(world, date(2025, 1, 31))
    store(january, "cla_open", 40, 40, period=(date(2024, 2, 1), date(2025, 1, 31)))
    store(upload, "cla_open", 44, 44)
    client = client_for(world.users[Role.QA_LEAD])
    rate = workbook(client, "referrals_rate")
    assert list(rate) == ["Summary", "Months", "Teams"]  # no team history without teams
    assert rate["Teams"] == [["No team breakdown"], [
        "Rates per 10,000 children are not broken down by team: a team has no child population of its own. "
        "The count behind this rate is. See “Referrals” by team."]]
    assert items(rate["Summary"])["Unit"][0] == "Per 10,000 children"
    snapshot = workbook(client, "cla_open")
    assert snapshot["Months"][0] == ["Month", "Extract of", "Value", "Number", "Of", "Excluded"]
    months = by_first(snapshot["Months"])
    assert months["January 2025"] == ["31 January 2025", "40", 40, "", ""]
    assert months["February 2025"] == ["No extract", "–", "", "", ""]
    summary = items(snapshot["Summary"])
    assert summary["Period"][0] == "On 31 March 2025"
    assert summary["Months with an extract"][0] == "2 of the last 24 months have an extract: January 2025, March 2025."


# ---- safety and who may download ---------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_text_that_would_start_a_formula_stays_text_in_every_sheet(world, client_for):
    """A team spelled like a formula in an extract reaches the Teams, Team history and Summary sheets as
    text with a leading '; the CSV has no text cell a spreadsheet would run, and its figures are bare."""
    upload = extract(world, MARCH)
    store_months(upload, "referrals", [19, 21] * 12)
    store(upload, "referrals", 240, 240)
    store(upload, "referrals", 240, 240, team=HOSTILE_TEAM)
    client = client_for(world.users[Role.QA_LEAD])
    sheets = workbook(client, "referrals")
    assert sheets["Teams"][1][:3] == ["'" + HOSTILE_TEAM, "240", 240]
    assert sheets["Team history"][1][0] == "'" + HOSTILE_TEAM
    assert items(sheets["Summary"])["Team names not mapped to a council team"][0] == "'" + HOSTILE_TEAM
    cells = [c for rows in sheets.values() for row in rows for c in row if isinstance(c, str)]
    assert not any(c.startswith(FORMULA_STARTS) for c in cells)
    response, rows = csv_rows(client, "referrals")
    assert not any(c.startswith(FORMULA_STARTS) for row in rows for c in row)
    # every text cell quoted, every figure bare: April 2023's 19, the average 20 and limits 20 ± 2.66 × 2
    assert re.search(r'^"April 2023","19",19,"","",20,14.7,25.3,"Common cause"\r$', response.content.decode(), re.M)


@pytest.mark.parametrize(("role", "code"), list(zip(ROLE_ORDER, "OOOOOOOOOO", strict=True)))
def test_whoever_may_see_the_page_may_download_it(world, client_for, assessments, role, code):
    """The permission matrix's row for the KPI page: the download is the same view."""
    client = client_for(world.users[role])
    assert client.get(reverse("performance:kpi_detail", args=[KPI])).status_code == CODE[code]
    for fmt, extension in (("csv", "csv"), ("xlsx", "xlsx")):
        response = client.get(url(KPI, fmt))
        assert response.status_code == CODE[code]
        assert response["Content-Disposition"] == f'attachment; filename="{KPI}-2025-03-31.{extension}"'


def test_signed_out_visitors_get_no_download(client, assessments):
    response = client.get(url(KPI, "xlsx"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))


def test_the_page_offers_both_downloads(world, client_for, assessments):
    html = page(client_for(world.users[Role.ELECTED_MEMBER]), "performance:kpi_detail", KPI)
    assert re.findall(r'href="(\?format=[a-z]+)">Download<span class="govuk-visually-hidden"> this measure&#39;s '
                      r"figures</span> as (CSV|Excel)</a>", html) == [("?format=csv", "CSV"), ("?format=xlsx", "Excel")]


def test_nothing_imported_means_no_page_and_no_download(world, client_for):
    assert client_for(world.users[Role.QA_LEAD]).get(url(KPI, "csv")).status_code == 404


def test_the_months_are_calendar_months_to_the_extract(world, client_for, assessments):
    months = workbook(client_for(world.users[Role.QA_LEAD]), KPI)["Months"]
    assert [row[0] for row in months[1:]] == [f"{m.end:%B %Y}" for m in calendar_months(MARCH, 24)]
