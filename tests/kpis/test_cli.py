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
    # the referral dated "not a date" cannot be placed in the period: left out, counted in `excluded`
    assert data["kpis"]["referrals"] == {"value": 2, "numerator": 2, "denominator": None, "excluded": 1}
    assert data["kpis"]["referral_nfa_pct"] == {"value": 50.0, "numerator": 1, "denominator": 2, "excluded": 1}
    assert data["kpis"]["referrals_per_100_contacts"] == {"value": 100.0, "numerator": 2, "denominator": 2,
                                                          "excluded": 1}
    assert data["kpis"]["referrals_rate"]["value"] == 2 / 10000 * 10000 * 365 / 90
    assert data["kpis"]["cla_open"] == {"value": None, "numerator": None, "denominator": None,
                                        "excluded": None}  # no list 8
    assert data["by"]["team"]["North"]["referrals"] == {"value": 1, "numerator": 1, "denominator": None}
    assert data["by"]["team"]["South"]["referrals"]["value"] == 1  # "South " and "South" are one team
    # list 1 has no team column: contacts (and referrals per 100 contacts) have no team breakdown
    assert all("contacts" not in kpis and "referrals_per_100_contacts" not in kpis
               for kpis in data["by"]["team"].values())
    assert "Unallocated" not in data["by"]["team"]
    assert "headings" in data
    assert [(i["list"], i["row"], i["column"]) for i in data["issues"]] == [(3, 4, "Date of referral")]
    assert set(data["issues"][0]) >= {"list", "row", "column", "problem"}


def test_without_by_there_is_no_by_key_and_kpis_can_be_chosen(extract, capsys):
    code, out, _ = run(capsys, "--annex-a", str(extract), "--start", "2025-01-01", "--end", "2025-01-31",
                       "--kpi", "contacts", "--kpi", "referrals")
    data = json.loads(out)
    assert code == 0 and "by" not in data
    assert data["kpis"] == {"contacts": {"value": 1, "numerator": 1, "denominator": None, "excluded": 0},
                            "referrals": {"value": 1, "numerator": 1, "denominator": None, "excluded": 1}}


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
    # row 2 has no start date: left out of timeliness and counted in `excluded`
    assert data["kpis"]["assessments_within_45wd_pct"] == {"value": 100.0, "numerator": 2, "denominator": 2,
                                                           "excluded": 1}
    assert sorted((i["row"], i["column"]) for i in data["issues"]) == [
        (3, "Continuous Assessment Start Date"), (4, "Child Unique ID")]
    assert all("is empty" in i["problem"] for i in data["issues"])


def test_absent_columns_give_null_kpis_and_one_issue_after_the_readers_issues(monkeypatch, capsys):
    from types import SimpleNamespace

    from triangulate.datasets.parsers.annex_a import reader

    from .helpers import table

    rows = [{"child_id": "1", "cla_start": date(2024, 1, 1), "legal_status": "C2"}]
    reader_issue = SimpleNamespace(as_dict=lambda: {"list": 8, "row": 2, "column": "Child's Legal Status",
                                                    "problem": "from the reader"})
    headings = {8: {"matched": [], "absent": ["UASC"], "ignored": []}}
    extract = SimpleNamespace(tables={8: table(8, rows, absent=("uasc",))}, issues=[reader_issue], headings=headings)
    monkeypatch.setattr(reader, "read_annex_a", lambda path: extract)
    code, out, _ = run(capsys, "--annex-a", "x.xlsx", "--start", "2025-01-01", "--end", "2025-01-31",
                       "--kpi", "cla_open", "--kpi", "cla_uasc")
    data = json.loads(out)
    assert code == 0
    assert data["kpis"]["cla_uasc"] == {"value": None, "numerator": None, "denominator": None, "excluded": None}
    assert data["kpis"]["cla_open"] == {"value": 1, "numerator": 1, "denominator": None, "excluded": 0}
    assert [i["problem"] for i in data["issues"]] == ["from the reader",
                                                       "column missing from List 8: cannot compute cla_uasc"]
    assert data["headings"] == {"8": {"matched": [], "absent": ["UASC"], "ignored": []}}


def test_warm_cache_needs_no_extract(monkeypatch, capsys, tmp_path):
    from triangulate.kpis import engine

    calls = []
    monkeypatch.setattr(engine, "warm_cache", lambda: calls.append(1) or tmp_path / "kpi-sql.json")
    code, out, err = run(capsys, "--warm-cache")
    assert (code, out, calls) == (0, "", [1])
    assert "cache ready" in err


def test_without_warm_cache_the_extract_and_period_are_required(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--start", "2025-01-01"])
    assert exit_.value.code == 2
    assert "--annex-a" in capsys.readouterr().err
