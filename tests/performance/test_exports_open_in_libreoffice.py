"""Every download opens in LibreOffice: the overview, a measure's page, the heat map, a child list and the
timescale report, as Excel and as CSV, downloaded through the test client from a small imported extract
and converted headlessly by LibreOffice Calc (soffice) to CSV, one file per sheet. The converted text
holds the headers, the CLI's figures for the same file (or figures worked out by hand), numbers as
numbers, and text that would start a formula as the text it is.

LibreOffice is Debian's libreoffice-calc-nogui, which scripts/test.sh installs. It takes a second or two to
start, so each test converts all its workbooks in one run and all its CSV files in another (which need an
import filter a workbook refuses)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.datasets.services import start_annex_a_import
from triangulate.kpis.cli import main as cli
from triangulate.kpis.registry import all_kpis
from triangulate.people.models import CouncilPopulation
from triangulate.performance.timescales import DOWNLOAD_HEADERS

from ..workbooks import ASSESSMENT_HEADINGS, CLA_HEADINGS, CP_HEADINGS, REFERRAL_HEADINGS, workbook
from .test_pages_and_cli_agree import EXTRACT_DATE, POPULATION, d, value_text

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
# Export each sheet of a file to a CSV of its own (the last option, -1), in UTF-8, text cells quoted and
# numbers bare (the 7th, "quote all text cells"), each cell as Calc shows it (the 9th: a date as a date)
TO_CSV = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,true,true,true,false,false,-1"
# Read a CSV download as its import dialog offers: comma-separated UTF-8, quoted fields not forced to be
# text, special numbers not detected (so "April 2023" stays text; "7" and an ISO date are read as such).
# Without being told, LibreOffice 7.4 reads a CSV in an 8-bit character set whatever its byte order mark.
# A workbook cannot be opened with this filter, hence a second run for the CSV files.
FROM_CSV = "Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,false"
HOSTILE_CHILD, HOSTILE_TEAM, HOSTILE_WORKER = "-2+3", "@West", "+Bo"  # in the extract
# a council team's name as an administrator might type it: a formula LibreOffice would run, showing "South"
FORMULA_TEAM = '=HYPERLINK("http://example.com","South")'


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def imported(world, tmp_path, capsys, django_capture_on_commit_callbacks):
    """test_pages_and_cli_agree's extract with a child, a team and a worker that look like formulas, imported
    by the import job with North and South mapped to the council's two teams (South's named like a formula);
    returns the CLI's figures."""
    path = workbook(tmp_path / "extract.xlsx", {
        "List 1 - Contacts": [["Child Unique ID", "Date of Contact"]]
        + [[str(i), d(1 + i % 3, 1 + i)] for i in range(9)],
        # referrals: January 3, February 3 (one of them West's), March 2; North 3, South 4, West 1
        "List 3 - Referrals": [REFERRAL_HEADINGS]
        + [[HOSTILE_CHILD if i == 0 else str(i), "North" if i % 2 else "South", "Ann", d(1 + i % 3, 2 + i),
            "Yes" if i < 3 else "No"] for i in range(7)]
        + [["60", HOSTILE_TEAM, HOSTILE_WORKER, d(2, 10), "No"], ["50", "South", "Bo", "not a date", "No"]],
        "List 4 - Assessments": [ASSESSMENT_HEADINGS]
        + [[str(i), "North" if i < 4 else "South", "Ann", d(1, 2 + i), "Yes" if i % 3 else "No", d(2, 10 + 2 * i)]
           for i in range(8)],
        # with the review dates the timescale report needs: child 20's visit (10 March) is overdue on the 31st
        "List 7 - Child protection": [CP_HEADINGS + ["Date of latest review conference"]]
        + [[str(20 + i), "North" if i % 2 else "South", HOSTILE_WORKER if i == 0 else "Cy", d(6, 1 + i, 2024),
            d(3, 10 + 2 * i), "Yes" if i % 4 else "No", None, d(1, 10 + i) if i % 3 else None] for i in range(9)],
        "List 8 - Children in care": [CLA_HEADINGS + ["Date of Latest Statutory Review"]]
        + [[str(40 + i), "North" if i < 6 else "South", "Di", d(5, 1 + i, 2023), "V2" if i < 2 else "C2",
            d(3, 1 + i) if i != 3 else None, None, d(2, 1 + i)] for i in range(8)],
    })
    world.other.name = FORMULA_TEAM
    for team, name in ((world.own, "North"), (world.other, "South")):
        team.case_system_name = name
        team.save()
    CouncilPopulation.objects.create(council=world.own.council, year=2024, children_0_17=POPULATION)
    with django_capture_on_commit_callbacks(execute=True):
        start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=path,
                             original_name=path.name, extract_date=EXTRACT_DATE, run_now=True)
    assert cli(["--annex-a", str(path), "--start", "2024-04-01", "--end", "2025-03-31",
                "--population", str(POPULATION), "--by", "team"]) == 0
    return json.loads(capsys.readouterr().out)


# ---- LibreOffice ----------------------------------------------------------------------------------------------

def soffice():
    if not Path(SOFFICE).exists():
        pytest.fail("These tests open the downloads in LibreOffice: /usr/bin/soffice is missing. Run "
                    "scripts/test.sh, which installs Debian's libreoffice-calc-nogui.")
    return SOFFICE


def download(client, folder, name, address, fmt):
    """Saves the page's download as <name>.<fmt> in `folder`."""
    response = client.get(address + ("&" if "?" in address else "?") + f"format={fmt}")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;"), address
    path = folder / f"{name}.{fmt}"
    path.write_bytes(response.content)
    return path


def convert(tmp_path, files):
    """Opens `files` in LibreOffice and saves every sheet as CSV: {(file stem, sheet name): rows of Cell}.
    A CSV download's one sheet is named after its file."""
    out = tmp_path / "converted"
    # a profile of this test's own: two tests converting at once must not share one (pytest-xdist)
    profile = (tmp_path / "lo-profile").as_uri()
    for suffix, extra in ((".xlsx", []), (".csv", [f"--infilter={FROM_CSV}"])):
        chosen = [str(f) for f in files if f.suffix == suffix]
        if not chosen:
            continue
        run = subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}", *extra,
                              "--convert-to", TO_CSV, "--outdir", str(out), *chosen],
                             capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
        assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    converted = {}
    for f in files:
        found = sorted(out.glob(f"{f.stem}-*.csv"))
        assert found, f"LibreOffice wrote no sheet of {f.name}"
        for sheet in found:
            converted[(f.stem, sheet.stem.removeprefix(f"{f.stem}-"))] = cells(sheet.read_text(encoding="utf-8"))
    return converted


class Cell(str):
    """A converted cell's text, and whether LibreOffice wrote it quoted, that is, held it as text: with "quote
    all text cells" a number or date is written bare."""

    quoted: bool

    def __new__(cls, text, quoted):
        cell = super().__new__(cls, text)
        cell.quoted = quoted
        return cell


def cells(text):
    """Rows of Cell from LibreOffice's CSV (RFC 4180: a quoted field may hold commas, "" and line breaks)."""
    rows, row, field, quoted, i = [], [], [], False, 0
    while i < len(text):
        ch = text[i]
        if ch == '"' and not field and not quoted:  # an opening quote
            j = i + 1
            while True:
                j = text.index('"', j)
                if text.startswith('""', j):
                    j += 2
                    continue
                break
            field, quoted, i = [text[i + 1:j].replace('""', '"')], True, j + 1
            continue
        if ch in ",\n":
            row.append(Cell("".join(field), quoted))
            field, quoted = [], False
            if ch == "\n":
                rows.append(row)
                row = []
        elif ch != "\r":
            field.append(ch)
        i += 1
    if field or row:
        row.append(Cell("".join(field), quoted))
        rows.append(row)
    return rows


def number(cell):
    """A cell LibreOffice held as a number, as a float (fails on a text cell)."""
    assert not cell.quoted, f"{cell!r} is text, not a number"
    return float(cell.replace(",", ""))


def table(rows, key=0):
    """{the key column's text: the row} below the header row."""
    return {row[key]: row for row in rows[1:]}


def shown_number(value):
    """The CLI's figure as the page rounds it (one decimal place)."""
    return float(f"{value:.1f}")


def texts(rows):
    return [[str(c) for c in row] for row in rows]


def text_cell(cell, expected):
    """A cell LibreOffice kept as the text given (a formula-looking one with its leading ', never run)."""
    assert cell.quoted and str(cell) == expected, (cell, expected)


def reads(cell, text):
    """A cell shows `text`: as text, or (from a CSV, where LibreOffice reads a quoted "4.0" as a number, as
    the import dialog's defaults do) as that number."""
    if cell.quoted or not text.replace(",", "").replace(".", "").isdigit():
        return str(cell) == text
    return number(cell) == float(text.replace(",", ""))


def figure(cell, value):
    """A Number cell: the CLI's figure as a number, or blank where there is none."""
    if value is None:
        assert cell == "" and not cell.quoted, cell
    else:
        assert number(cell) == shown_number(value), (cell, value)


# ---- the pages of figures ---------------------------------------------------------------------------------

def test_the_overview_a_measures_page_and_the_heat_map_open_in_libreoffice(world, client_for, imported, tmp_path):
    client = client_for(world.users[Role.QA_LEAD])
    folder = tmp_path / "downloads"
    folder.mkdir()
    pages = {"overview": reverse("performance:dashboard"),
             "referrals": reverse("performance:kpi_detail", args=["referrals"]),
             "heatmap": reverse("performance:heatmap") + "?section=front-door"}
    files = [download(client, folder, f"{name}-{fmt}", address, fmt) for name, address in pages.items()
             for fmt in ("xlsx", "csv")]
    converted = convert(tmp_path, files)
    assert sorted(converted) == [("heatmap-csv", "heatmap-csv"), ("heatmap-xlsx", "Team heat map"),
                                 ("overview-csv", "overview-csv"), ("overview-xlsx", "Performance"),
                                 ("referrals-csv", "referrals-csv"), ("referrals-xlsx", "Months"),
                                 ("referrals-xlsx", "Summary"), ("referrals-xlsx", "Team history"),
                                 ("referrals-xlsx", "Teams")]
    for fmt in ("xlsx", "csv"):
        sheet = "Performance" if fmt == "xlsx" else "overview-csv"
        overview(converted[(f"overview-{fmt}", sheet)], imported)
        sheet = "Team heat map" if fmt == "xlsx" else "heatmap-csv"
        heat_map(converted[(f"heatmap-{fmt}", sheet)], imported, world)
        months(converted[(f"referrals-{fmt}", "Months" if fmt == "xlsx" else "referrals-csv")])
    measure_sheets({sheet: rows for (stem, sheet), rows in converted.items() if stem == "referrals-xlsx"}, imported,
                   world)


def overview(rows, cli_figures):
    """Every measure's value is the CLI's, as text and as a number."""
    specs = all_kpis()
    assert texts(rows)[0][:8] == ["Section", "Measure", "Period", "Value", "Number", "Of", "Excluded",
                                  "Coverage warning"]
    measures = table(rows, key=1)
    assert len(measures) == len(specs)
    for kpi_id, result in cli_figures["kpis"].items():
        row = measures[specs[kpi_id].title]
        assert reads(row[3], value_text(specs[kpi_id].unit, result["value"])), (kpi_id, row[3])
        figure(row[4], result["value"])
    text_cell(measures["Referrals"][7], "Over 5%")  # 1 of 9 referrals left out: the unreadable date


def heat_map(rows, cli_figures, world):
    """Each council team's figures are the CLI's for its extract name, as text and as a number."""
    specs = {spec.title: spec for spec in all_kpis().values()}
    assert texts(rows)[0] == ["Row", "Kind", "Measure", "Value", "Number", "Of", "Compared with the council",
                              "Small number"]
    team_rows = [row for row in rows[1:] if row[1] == "Team"]
    # unprefixed, LibreOffice would run South's name as a formula and show "South"
    assert {str(row[0]) for row in team_rows} == {world.own.name, "'" + FORMULA_TEAM}
    extract_names = {world.own.name: "North", "'" + FORMULA_TEAM: "South"}
    for row in team_rows:
        assert row[0].quoted
        spec = specs[row[2]]
        result = cli_figures["by"]["team"][extract_names[row[0]]][spec.id]
        assert reads(row[3], value_text(spec.unit, result["value"])), row
        figure(row[4], result["value"])
    assert len(team_rows) == 4  # two teams: referrals, and referrals with no further action
    council = {row[2]: row for row in rows[1:] if row[1] == "Council"}
    assert reads(council["Referrals"][3], "8") and number(council["Referrals"][4]) == 8


def months(rows):
    """The month-by-month table worked out by hand: referrals in January (3), February (3) and March (2)."""
    assert texts(rows)[0] == ["Month", "Value", "Number", "Of", "Excluded", "Average (control chart)",
                              "Lower process limit", "Upper process limit", "Signal"]
    by_month = table(rows)
    assert len(by_month) == 24 and by_month["March 2025"][0].quoted  # "March 2025" stays text
    for month, count in (("April 2023", 0), ("December 2024", 0), ("January 2025", 3), ("February 2025", 3),
                         ("March 2025", 2)):
        assert reads(by_month[month][1], str(count)) and number(by_month[month][2]) == count
    # mean 8 / 24 = 0.333; moving ranges 3, 0 and 1 after twenty 0s: 4 / 23 = 0.174; upper limit
    # 0.333 + 2.66 × 0.174 = 0.796; the lower one, below 0, is shown as 0
    january = by_month["January 2025"]
    assert [number(c) for c in january[5:8]] == [0.3, 0, 0.8]
    text_cell(january[8], "Neither better nor worse: above the upper process limit")


def measure_sheets(sheets, cli_figures, world):
    summary = table(sheets["Summary"])
    assert str(summary["This council"][1]) == "8" and number(summary["This council"][2]) == 8
    assert cli_figures["kpis"]["referrals"]["value"] == 8
    text_cell(summary["Team names not mapped to a council team"][1], "'" + HOSTILE_TEAM)
    by_team = cli_figures["by"]["team"]
    teams = table(sheets["Teams"])
    assert texts(sheets["Teams"])[0] == ["Team", "Value", "Number", "Of"]
    for shown_as, extract_name in ((world.own.name, "North"), ("'" + FORMULA_TEAM, "South"),
                                   ("'" + HOSTILE_TEAM, HOSTILE_TEAM)):
        assert number(teams[shown_as][2]) == by_team[extract_name]["referrals"]["value"]
    text_cell(teams["'" + HOSTILE_TEAM][0], "'" + HOSTILE_TEAM)
    history = table(sheets["Team history"])
    assert texts(sheets["Team history"])[0][-1] == "Mar 2025"
    assert number(history[world.own.name][-1]) == 3 and str(history[world.own.name][1]) == "–"


# ---- the child-level pages --------------------------------------------------------------------------------

def test_a_child_list_and_the_timescale_report_open_in_libreoffice(world, client_for, imported, tmp_path):
    client = client_for(world.users[Role.QA_LEAD])
    folder = tmp_path / "downloads"
    folder.mkdir()
    pages = {"children": reverse("performance:kpi_children", args=["referrals"]),
             "timescales": reverse("performance:timescales")}
    files = [download(client, folder, f"{name}-{fmt}", address, fmt) for name, address in pages.items()
             for fmt in ("xlsx", "csv")]
    converted = convert(tmp_path, files)
    for fmt, day in (("xlsx", "2 January 2025"), ("csv", "2025-01-02")):  # a workbook's date as its format shows it
        children(converted[(f"children-{fmt}", "Children" if fmt == "xlsx" else f"children-{fmt}")], imported, day)
        timescales(converted[(f"timescales-{fmt}", "Timescales" if fmt == "xlsx" else f"timescales-{fmt}")], imported)


def children(rows, cli_figures, first_date):
    """Every child counted, the hostile id, team and worker as text, the dates as dates."""
    assert texts(rows)[0] == ["Child ID", "Team", "Worker", "Date of referral"]
    assert len(rows) - 1 == cli_figures["kpis"]["referrals"]["value"]
    by_child = table(rows)
    assert "'" + HOSTILE_CHILD in by_child, sorted(by_child)
    hostile = by_child["'" + HOSTILE_CHILD]
    text_cell(hostile[0], "'" + HOSTILE_CHILD)
    assert str(hostile[3]) == first_date and not hostile[3].quoted
    west = by_child["60"]
    text_cell(west[1], "'" + HOSTILE_TEAM)
    text_cell(west[2], "'" + HOSTILE_WORKER)


def timescales(rows, cli_figures):
    """The child protection visits overdue are the CLI's visits not in timescale (kpis/timescales.py's rule),
    their working days are numbers and the hostile worker is text."""
    assert texts(rows)[0] == DOWNLOAD_HEADERS
    visits = [row for row in rows[1:] if row[0] == "Child protection visits"]
    visited = cli_figures["kpis"]["cp_visits_in_timescale_pct"]
    assert sum(1 for row in visits if row[10] == "Overdue") == visited["denominator"] - visited["numerator"] == 4
    first = next(row for row in visits if row[1] == "20")  # last visited on 10 March 2025
    text_cell(first[2], "'" + FORMULA_TEAM)  # South's council name
    text_cell(first[3], "'" + HOSTILE_WORKER)
    assert number(first[9]) < 0 and not first[8].quoted  # working days left (negative: overdue), due date
