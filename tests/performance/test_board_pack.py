"""The board pack PDF (performance/board_pack.py, views/board_pack.py), made by real WeasyPrint and read
back with poppler's pdftotext: its contents page points at the pages its sections are on, its headline
figures are the command line's for the same extract (imported by the import job, as
test_pages_and_cli_agree.py does), a count under 6 reads "fewer than 6", and the pack is the same
committee document, without analysts' notes, whoever prints it."""

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.kpis.cli import main as cli
from triangulate.kpis.periods import calendar_months
from triangulate.people.models import CouncilPopulation
from triangulate.performance.models import KpiValue

from ..reports.test_pdf import inflated
from ..workbooks import ASSESSMENT_HEADINGS, CLA_HEADINGS, CP_HEADINGS, REFERRAL_HEADINGS, workbook
from .test_pages_and_cli_agree import (
    EXTRACT_DATE,
    POPULATION,
    d,
    data_dir,  # noqa: F401 (autouse: each test's own data folder)
)

NOTE = "ANALYSTS ONLY: check against the DfE revision"


@pytest.fixture
def extract(tmp_path):
    """12 referrals; 14 assessments started on 6 January 2025, 8 authorised 10 working days later (20 January)
    and 6 after 58 (28 March); 9 children on a plan; 8 in care, 3 of them since June 2024 and 2 under
    section 20."""
    return workbook(tmp_path / "extract.xlsx", {
        "List 1 - Contacts": [["Child Unique ID", "Date of Contact"]] + [[str(i), d(1 + i % 3, 1 + i)] for i in range(20)],
        "List 3 - Referrals": [REFERRAL_HEADINGS]
        + [[str(i), "North" if i % 2 else "South", "Ann", d(1 + i % 3, 2 + i), "No"] for i in range(12)],
        "List 4 - Assessments": [ASSESSMENT_HEADINGS]
        + [[str(i), "North", "Ann", d(1, 6), "Yes", d(1, 20) if i < 8 else d(3, 28)] for i in range(14)],
        "List 7 - Child protection": [CP_HEADINGS]
        + [[str(20 + i), "North", "Cy", d(6, 1 + i, 2024), d(3, 10 + 2 * i), "Yes", None] for i in range(9)],
        "List 8 - Children in care": [CLA_HEADINGS]
        + [[str(40 + i), "North", "Di", d(6, 1 + i, 2024) if i < 3 else d(5, 1 + i, 2023), "V2" if i < 2 else "C2",
            d(3, 1 + i), None] for i in range(8)],
    })


@pytest.fixture
def imported(world, extract, capsys, django_capture_on_commit_callbacks):
    """The extract imported by the import job, benchmarks with an analyst's note uploaded, and the CLI's
    figures for the same file and year."""
    council = world.own.council
    CouncilPopulation.objects.get_or_create(council=council, year=2024, defaults={"children_0_17": POPULATION})
    qa_lead = world.users[Role.QA_LEAD]
    with django_capture_on_commit_callbacks(execute=True):
        start_annex_a_import(actor=qa_lead, council=council, source=extract, original_name=Path(extract).name,
                             extract_date=EXTRACT_DATE, run_now=True)
    upload_benchmarks(actor=qa_lead, council=council, original_name="benchmarks.csv",
                      file=f"kpi_id,area_code,year,value,note\n"
                           f"assessments_within_45wd_pct,E92000001,2024-25,85.7,{NOTE}\n".encode())
    assert cli(["--annex-a", str(extract), "--start", "2024-04-01", "--end", "2025-03-31",
                "--population", str(POPULATION)]) == 0
    return json.loads(capsys.readouterr().out)["kpis"]


def value_text(unit, value):
    if unit in ("pct", "ratio"):
        return f"{value:.1f}%"
    if unit in ("rate", "mean", "median"):
        return f"{value:.1f}"
    return f"{int(value):,}"


def pack(client, query="", tmp_path=None):
    """The response and its pages' text (pdftotext -layout: one string a page)."""
    response = client.get(reverse("performance:board_pack") + query)
    assert response.status_code == 200
    text = subprocess.run(["/usr/bin/pdftotext", "-layout", "-", "-"], input=response.content,
                          capture_output=True, check=True).stdout.decode()
    return response, text.split("\f")


def contents(pages):
    """The contents page's sections: [(number, title, page number)]."""
    return re.findall(r"^\s*([1-5]) ([A-Z][^.\n]*?)\s*\.{3,}\s*(\d+)\s*$", pages[1], re.M)


def section(pages, number):
    """The text of the pages section `number` is on, as the contents page gives them."""
    starts = {int(n): int(page) for n, _, page in contents(pages)}
    last = starts[number + 1] if number < 5 else len(pages)
    return "\n".join(pages[starts[number] - 1:max(last - 1, starts[number])])


def line_of(page, start):
    """The line of a table whose row header begins with `start` (the figures sit on a row's first line)."""
    found = [line.strip() for line in page.splitlines() if line.strip().startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def test_the_pack_has_its_contents_and_the_clis_figures(world, client_for, imported):
    response, pages = pack(client_for(world.users[Role.QA_LEAD]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="board-pack-2025-03-31.pdf"'
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    cover, contents_page = pages[0], pages[1]
    assert "Children's social care performance" in cover and world.own.council.name in cover
    assert "figures from the monthly extract of 31 March 2025" in cover

    # the contents page: each section with the page it starts on, and that page begins with its heading
    entries = contents(pages)
    assert [(n, title) for n, title, _ in entries] == [
        ("1", "Headline measures"), ("2", "Measures showing a signal in the latest month"),
        ("3", "Headline measures over time"), ("4", "All measures by section"), ("5", "About these figures")]
    for number, title, page in entries:
        assert pages[int(page) - 1].lstrip().startswith(f"{number} {title}"), (title, page)
    assert re.search(r"^\s*Front door\s*\.{3,}\s*\d+\s*$", contents_page, re.M)  # sections of 4, measures of 3
    assert re.search(r"^\s*Assessments finished on time\s*\.{3,}\s*\d+\s*$", contents_page, re.M)
    assert f"Page 2 of {len(pages) - 1}" in contents_page  # pdftotext ends the last page with \f too

    headlines = section(pages, 1)
    # worked by hand: 12 referrals for 20,000 children is 6.0 per 10,000; 8 of 14 assessments on time is
    # 57.1%; 9 children on a plan is 4.5 per 10,000 and 8 in care 4.0; each as the CLI gives it
    assert [round(imported[k]["value"], 1) for k in ("referrals_rate", "assessments_within_45wd_pct", "cp_rate",
                                                      "cla_rate")] == [6.0, 57.1, 4.5, 4.0]
    for start, kpi_id, unit in (("Children referred to children's", "referrals_rate", "rate"),
                                ("Assessments finished on time", "assessments_within_45wd_pct", "pct"),
                                ("Children on a child protection plan (today)", "cp_rate", "rate"),
                                ("Children in the council's care", "cla_rate", "rate")):
        row = line_of(headlines, start)
        assert value_text(unit, imported[kpi_id]["value"]) in row.split(), (row, kpi_id)
    assert "8 of 14" in headlines and "2024-25: 85.7%" in headlines  # the uploaded England figure
    assert "Worse than" in line_of(headlines, "Assessments finished on time")  # 57.1% against 85.7%
    # 5 of 9 children on a plan visited on time: a count under 6 behind a percentage, so suppressed
    assert imported["cp_visits_in_timescale_pct"]["numerator"] == 5
    assert "suppressed" in line_of(headlines, "Children on a plan visited on")

    text = "\n".join(pages)
    for heading in ("1 Headline measures", "2 Measures showing a signal in the latest month",
                    "3 Headline measures over time", "4 All measures by section", "5 About these figures"):
        assert re.search(rf"^\s*{heading}\s*$", text, re.M), heading
    assert "Data: Assessments finished on time, month by month" in text  # a chart's data, as a table
    assert "benchmarks.csv, uploaded" in text  # the About page's sources
    # a chart's alternative text in the tagged PDF: its caption and finding (the SVG's <title>)
    assert b"/Alt (Assessments finished on time, month by month. Latest " in inflated(response.content)


def test_a_count_under_6_reads_fewer_than_6_and_never_its_value(world, client_for, imported):
    assert imported["cla_starts"]["value"] == 3  # 3 children started to be looked after in the year
    _, pages = pack(client_for(world.users[Role.QA_LEAD]))
    all_measures = section(pages, 4)
    row = line_of(all_measures, "Children starting to be")
    assert "fewer than 6" in row
    assert not re.search(r"(?<![\d,.])3(?![\d,.%])", row), row
    row = line_of(all_measures, "Children in care under section")  # 2 of 8: the percentage gives the 2 away
    assert "suppressed" in row and "25.0%" not in row and "2 of 8" not in row


def test_the_pack_is_the_same_for_an_analyst_and_a_councillor_and_has_no_analysts_notes(world, client_for,
                                                                                      imported):
    qa_lead = client_for(world.users[Role.QA_LEAD])
    assert NOTE in qa_lead.get(reverse("performance:dashboard")).content.decode()  # the analyst's page has it
    _, analyst = pack(qa_lead)
    _, member = pack(client_for(world.users[Role.ELECTED_MEMBER]))
    assert analyst == member
    text = "\n".join(analyst)
    assert NOTE not in text and "ANALYSTS ONLY" not in text
    # shipped figures still to be checked are flagged for analysts only, in the scorecard and in their sources
    assert "to be verified" not in text and "to verify" not in text
    assert "DfE Children in need D3 (second or subsequent plan) (shipped with Triangulate)" in " ".join(text.split())
    assert "the pack printed by an analyst and the pack printed by a councillor are the same document" in \
        " ".join(text.split())


@pytest.fixture
def two_extracts(world):
    """February and March extracts with re-referrals stored directly: 20.0% (24 of 120) then 25.0%."""
    council = world.own.council
    february, march = (Upload.objects.create(council=council, extract_date=day, original_name=f"{day}.xlsx",
                                             status=Upload.Status.SUCCEEDED)
                       for day in (date(2025, 2, 28), date(2025, 3, 31)))
    for upload, value, numerator in ((february, 20.0, 24), (march, 25.0, 30)):
        start = calendar_months(upload.extract_date, 12)[0].start
        KpiValue.objects.create(upload=upload, kpi_id="rereferral_pct", period_start=start,
                                period_end=upload.extract_date, team="", value=value, numerator=numerator,
                                denominator=120)
    return february, march


def test_extract_chooses_an_earlier_extract(world, client_for, two_extracts):
    client = client_for(world.users[Role.ELECTED_MEMBER])
    response, pages = pack(client, "?extract=2025-02-28")
    assert response["Content-Disposition"] == 'attachment; filename="board-pack-2025-02-28.pdf"'
    assert "monthly extract of 28 February 2025" in pages[0]
    assert "20.0%" in line_of(section(pages, 1), "Children referred again within")
    response, pages = pack(client)
    assert response["Content-Disposition"] == 'attachment; filename="board-pack-2025-03-31.pdf"'
    row = line_of(section(pages, 1), "Children referred again within")
    assert "25.0%" in row and "Worsening" in row  # since February's 20.0%


def test_an_extract_that_is_not_published_prints_nothing_and_the_overview_says_why(world, client_for,
                                                                                  two_extracts):
    client = client_for(world.users[Role.QA_LEAD])
    response = client.get(reverse("performance:board_pack") + "?extract=2025-01-31")
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:dashboard") + "?extract=2025-01-31"
    page = client.get(response["Location"]).content.decode()
    assert "No board pack was printed: there is no published monthly extract of that date." in page
    assert "There is no published monthly extract of “2025-01-31”, so the latest is shown." in page


def test_with_nothing_published_the_overview_says_there_is_nothing_to_print(world, client_for):
    client = client_for(world.users[Role.ELECTED_MEMBER])
    response = client.get(reverse("performance:board_pack"))
    assert response.status_code == 302 and response["Location"] == reverse("performance:dashboard")
    page = client.get(response["Location"], follow=True).content.decode()  # a member goes on to the headlines
    assert "There is no board pack to print yet: no extract has been published." in page
    assert "No figures have been published yet." in page


def test_the_overview_and_the_headlines_link_to_the_pack_of_the_extract_they_show(world, client_for,
                                                                                  two_extracts):
    link = '<a class="govuk-link" href="{}">Print the board pack (PDF)</a>'
    qa_lead, member = client_for(world.users[Role.QA_LEAD]), client_for(world.users[Role.ELECTED_MEMBER])
    latest, earlier = reverse("performance:board_pack"), reverse("performance:board_pack") + "?extract=2025-02-28"
    assert link.format(latest) in qa_lead.get(reverse("performance:dashboard")).content.decode()
    assert link.format(earlier) in qa_lead.get(reverse("performance:dashboard") + "?extract=2025-02-28").content.decode()
    assert link.format(latest) in member.get(reverse("performance:headlines")).content.decode()
    assert link.format(earlier) in member.get(reverse("performance:headlines") + "?extract=2025-02-28").content.decode()
