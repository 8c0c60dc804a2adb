"""`triangulate kpis`: the JSON contract of kpis.md, and exit status 2 on unusable input."""

import json
from datetime import date

import pytest

from triangulate.cli import main as triangulate_main
from triangulate.kpis.cli import main

from ..workbooks import workbook


@pytest.fixture
def extract(tmp_path):
    return workbook(tmp_path / "annex_a.xlsx", {
        "List 1 - Contacts": [["Child Unique ID", "Date of Contact"], ["1", date(2025, 1, 6)], ["2", date(2025, 2, 3)]],
        "List 3 - Referrals": [
            ["Child Unique ID", "Allocated Team", "Allocated Worker", "Date of referral", "Referral NFA?",
             "Number of Referrals in Last 12 Months"],
            [1761444.0, "North", "Ann", date(2025, 1, 7), "a) Yes", 1],
            ["2", "South ", "Bo", "03/02/2025", "b) No", 2],
            ["3", "South", "Bo", "not a date", "No", 1],
        ],
    })


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_cli_prints_the_contract_json(extract, capsys):
    code, out, _ = run(capsys, "--annex-a", str(extract), "--start", "2025-01-01", "--end", "2025-03-31",
                       "--population", "10000", "--format", "json", "--by", "team")
    assert code == 0
    data = json.loads(out)
    assert data["period"] == {"start": "2025-01-01", "end": "2025-03-31"}
    assert data["population"] == 10000
    assert data["kpis"]["referrals"] == {"value": 2, "numerator": 2, "denominator": None}
    assert data["kpis"]["referral_nfa_pct"] == {"value": 50.0, "numerator": 1, "denominator": 2}
    assert data["kpis"]["referrals_per_100_contacts"] == {"value": 100.0, "numerator": 2, "denominator": 2}
    assert data["kpis"]["referrals_rate"]["value"] == 2 / 10000 * 10000 * 365 / 90
    assert data["kpis"]["cla_open"] == {"value": None, "numerator": None, "denominator": None}  # no list 8
    assert data["by"]["team"]["North"]["referrals"]["value"] == 1
    assert data["by"]["team"]["South"]["referrals"]["value"] == 1  # "South " and "South" are one team
    assert [(i["list"], i["row"], i["column"]) for i in data["issues"]] == [(3, 4, "Date of referral")]
    assert set(data["issues"][0]) >= {"list", "row", "column", "problem"}


def test_without_by_there_is_no_by_key_and_kpis_can_be_chosen(extract, capsys):
    code, out, _ = run(capsys, "--annex-a", str(extract), "--start", "2025-01-01", "--end", "2025-01-31",
                       "--kpi", "contacts", "--kpi", "referrals")
    data = json.loads(out)
    assert code == 0 and "by" not in data
    assert data["kpis"] == {"contacts": {"value": 1, "numerator": 1, "denominator": None},
                            "referrals": {"value": 1, "numerator": 1, "denominator": None}}


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "2025-03-01", "--end", "2025-01-31"], "is before --start"),
    (["--start", "2025-01-01", "--end", "2025-01-31", "--kpi", "nonsense"], "unknown KPI id"),
])
def test_bad_arguments_exit_2_with_a_clear_message(extract, capsys, args, message):
    code, out, err = run(capsys, "--annex-a", str(extract), *args)
    assert code == 2 and out == "" and message in err


def test_an_unusable_file_exits_2_naming_the_file(tmp_path, capsys):
    bad = tmp_path / "not_really.xlsx"
    bad.write_text("this is not a workbook")
    code, out, err = run(capsys, "--annex-a", str(bad), "--start", "2025-01-01", "--end", "2025-01-31")
    assert code == 2 and out == ""
    assert "not_really.xlsx" in err


def test_a_missing_required_column_exits_2_naming_sheet_and_column(tmp_path, capsys):
    path = workbook(tmp_path / "a.xlsx", {"List 3": [["Child Unique ID", "Allocated Team"], ["1", "North"]]})
    code, _, err = run(capsys, "--annex-a", str(path), "--start", "2025-01-01", "--end", "2025-01-31")
    assert code == 2
    assert "List 3" in err and "Date of referral" in err


def test_the_triangulate_command_dispatches_kpis_without_django(extract, capsys):
    with pytest.raises(SystemExit) as exit_:
        triangulate_main(["kpis", "--annex-a", str(extract), "--start", "2025-01-01", "--end", "2025-01-31",
                          "--kpi", "contacts"])
    assert exit_.value.code == 0
    assert json.loads(capsys.readouterr().out)["kpis"]["contacts"]["value"] == 1


def test_an_empty_needed_date_is_reported_and_the_row_left_out(tmp_path, capsys):
    path = workbook(tmp_path / "a.xlsx", {"List 4 - Assessments": [
        ["Child Unique ID", "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"],
        ["1", date(2025, 1, 2), date(2025, 1, 20)],
        ["2", None, date(2025, 1, 21)],        # no start: counted as completed, left out of timeliness
        [None, date(2025, 1, 3), date(2025, 1, 22)],
    ]})
    code, out, _ = run(capsys, "--annex-a", str(path), "--start", "2025-01-01", "--end", "2025-01-31",
                       "--kpi", "assessments_completed", "--kpi", "assessments_within_45wd_pct")
    data = json.loads(out)
    assert code == 0
    assert data["kpis"]["assessments_completed"]["value"] == 3
    assert data["kpis"]["assessments_within_45wd_pct"] == {"value": 100.0, "numerator": 2, "denominator": 2}
    assert sorted((i["row"], i["column"]) for i in data["issues"]) == [
        (3, "Continuous Assessment Start Date"), (4, "Child Unique ID")]
    assert all("is empty" in i["problem"] for i in data["issues"])
