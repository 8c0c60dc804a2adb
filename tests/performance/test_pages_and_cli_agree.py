"""The pages show the figures the CLI prints for the same file and period (the 12 months to the extract
date): one small extract, imported by the import job, then compared KPI by KPI and team by team."""

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.datasets.services import start_annex_a_import
from triangulate.kpis.cli import main as cli
from triangulate.kpis.registry import all_kpis
from triangulate.people.models import CouncilPopulation

from ..workbooks import ASSESSMENT_HEADINGS, CLA_HEADINGS, CP_HEADINGS, REFERRAL_HEADINGS, workbook

EXTRACT_DATE = date(2025, 3, 31)
POPULATION = 20_000


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"


def d(month, day, year=2025):
    return date(year, month, day)


@pytest.fixture
def extract(tmp_path):
    return workbook(tmp_path / "extract.xlsx", {
        "List 1 - Contacts": [["Child Unique ID", "Date of Contact"]]
        + [[str(i), d(1 + i % 3, 1 + i)] for i in range(9)] + [["99", d(2, 1, 2023)]],
        "List 3 - Referrals": [REFERRAL_HEADINGS]
        + [[str(i), "North" if i % 2 else "South", "Ann", d(1 + i % 3, 2 + i), "Yes" if i < 3 else "No"]
           for i in range(7)] + [["50", "South", "Bo", "not a date", "No"]],
        "List 4 - Assessments": [ASSESSMENT_HEADINGS]
        + [[str(i), "North" if i < 4 else "South", "Ann", d(1, 2 + i), "Yes" if i % 3 else "No", d(2, 10 + 2 * i)]
           for i in range(8)],
        "List 7 - Child protection": [CP_HEADINGS]
        + [[str(20 + i), "North" if i % 2 else "South", "Cy", d(6, 1 + i, 2024), d(3, 10 + 2 * i),
            "Yes" if i % 4 else "No", None] for i in range(9)],
        "List 8 - Children in care": [CLA_HEADINGS]
        + [[str(40 + i), "North" if i < 6 else "South", "Di", d(5, 1 + i, 2023), "V2" if i < 2 else "C2",
            d(3, 1 + i) if i != 3 else None, None] for i in range(8)],
    })


def import_and_run_cli(world, extract, capsys, django_capture_on_commit_callbacks):
    CouncilPopulation.objects.get_or_create(council=world.own.council, year=2024,
                                            defaults={"children_0_17": POPULATION})
    with django_capture_on_commit_callbacks(execute=True):
        start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=extract,
                             original_name=Path(extract).name, extract_date=EXTRACT_DATE, run_now=True)
    assert cli(["--annex-a", str(extract), "--start", "2024-04-01", "--end", "2025-03-31",
                "--population", str(POPULATION), "--by", "team"]) == 0
    return json.loads(capsys.readouterr().out)


def value_text(unit, value):
    if value is None:
        return "–"
    if unit in ("pct", "ratio"):
        return f"{value:.1f}%"
    if unit in ("rate", "mean", "median"):
        return f"{value:.1f}"
    return f"{int(value):,}"


def cells_of(html, row_id):
    match = re.search(rf'<tr class="govuk-table__row" id="{row_id}">(.*?)</tr>', html, re.S)
    assert match, row_id
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)]


def test_the_dashboard_and_detail_pages_show_the_clis_figures(world, client_for, extract, capsys,
                                                              django_capture_on_commit_callbacks):
    out = import_and_run_cli(world, extract, capsys, django_capture_on_commit_callbacks)
    specs = all_kpis()
    client = client_for(world.users[Role.QA_LEAD])
    dashboard = client.get(reverse("performance:dashboard")).content.decode()
    download = client.get(reverse("performance:dashboard") + "?format=csv").content.decode("utf-8-sig")
    downloaded = {r[1]: r for r in csv.reader(io.StringIO(download, newline=""))}
    computed = 0
    for kpi_id, figure in out["kpis"].items():
        unit = specs[kpi_id].unit
        value, of = cells_of(dashboard, f"kpi-{kpi_id}")[:2]
        assert value == value_text(unit, figure["value"]), kpi_id
        if unit == "pct" and figure["value"] is not None:
            assert of.startswith(f"{figure['numerator']:,} of {figure['denominator']:,}"), kpi_id
        if figure.get("excluded"):  # the scorecard warns; the count left out is in its download
            assert downloaded[specs[kpi_id].title][6] == f"{figure['excluded']:,}", kpi_id
        computed += figure["value"] is not None
    assert computed >= 20  # the extract gives most KPIs a value: the comparison is not of dashes
    assert out["kpis"]["referrals"]["value"] == 7  # the unreadable referral date is left out, not counted
    for kpi_id in ("referrals", "assessments_within_45wd_pct", "cp_visits_in_timescale_pct", "cla_s20_pct"):
        html = client.get(reverse("performance:kpi_detail", args=[kpi_id])).content.decode()
        teams = re.search(r"by team, .*?</caption>(.*?)</table>", html, re.S).group(1)
        for team, kpis in out["by"]["team"].items():
            if kpi_id in kpis:
                shown = re.search(rf"<th[^>]*>{team}</th>\s*<td[^>]*>([^<]*)</td>", teams)
                assert shown and shown.group(1) == value_text(specs[kpi_id].unit, kpis[kpi_id]["value"]), \
                    (kpi_id, team)
