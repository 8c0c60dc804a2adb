"""kpis.md "Missing columns": a needed column absent from a present list makes the KPI null (never 0), with
one issue per (list, column) naming the KPIs it blanks. A missing list: null, no issue."""

from datetime import date

from triangulate.datasets.parsers.annex_a.schema import LISTS
from triangulate.kpis.engine import EMPTY
from triangulate.kpis.periods import Period

from .helpers import engine

JAN = Period(date(2025, 1, 1), date(2025, 1, 31))
OLD = date(2024, 1, 1)


def heading(number, key):
    return next(c.heading for c in LISTS[number].columns if c.key == key)


def test_an_absent_column_blanks_only_the_kpis_that_need_it_with_one_issue():
    # every child is UASC; were the absent column read as all blank, cla_uasc would say 0
    rows = [{"child_id": str(i), "cla_start": OLD, "legal_status": "C2", "uasc": "Yes"} for i in range(3)]
    results = engine({8: rows}, absent={8: ["uasc"]}).run([JAN], kpi_ids=["cla_open", "cla_rate", "cla_uasc"])
    assert results.kpis["cla_uasc"][0] == EMPTY
    assert (results.kpis["cla_uasc"][0].value, results.kpis["cla_uasc"][0].excluded) == (None, None)
    assert results.kpis["cla_open"][0].value == 3
    assert results.kpis["cla_rate"][0].value == 3 / 10_000 * 10_000
    assert results.issues == [{"list": 8, "row": None, "column": heading(8, "uasc"),
                               "problem": "column missing from List 8: cannot compute cla_uasc"}]


def test_one_issue_per_column_naming_every_kpi_it_blanks_including_rates():
    rows = [{"child_id": "A", "cp_start": OLD}]
    results = engine({7: rows}, absent={7: ["cp_end", "seen_alone"]}).run(
        [JAN], kpi_ids=["cp_open", "cp_rate", "cp_starts", "cp_seen_alone_pct"])
    assert [results.kpis[k][0] for k in ("cp_open", "cp_rate", "cp_seen_alone_pct")] == [EMPTY] * 3
    assert results.kpis["cp_starts"][0].value == 0
    # in the list's column order (Seen Alone comes before the end date in Annex A)
    assert results.issues == [
        {"list": 7, "row": None, "column": heading(7, "seen_alone"),
         "problem": "column missing from List 7: cannot compute cp_seen_alone_pct"},
        {"list": 7, "row": None, "column": heading(7, "cp_end"),
         "problem": "column missing from List 7: cannot compute cp_open, cp_rate, cp_seen_alone_pct"},
    ]


def test_an_absent_column_no_requested_kpi_needs_gives_no_issue():
    rows = [{"child_id": "A", "cp_start": OLD}]
    results = engine({7: rows}, absent={7: ["seen_alone", "gender"]}).run([JAN], kpi_ids=["cp_open"])
    assert results.kpis["cp_open"][0].value == 1
    assert results.issues == []


def test_an_absent_team_column_keeps_the_figures_and_puts_them_under_unallocated():
    rows = [{"child_id": "A", "cp_start": OLD, "allocated_team": "North"}]
    results = engine({7: rows}, absent={7: ["allocated_team"]}).run([JAN], kpi_ids=["cp_open"], by="team")
    assert results.kpis["cp_open"][0].value == 1
    assert {t: k["cp_open"][0].value for t, k in results.by_team.items()} == {"Unallocated": 1}
    assert results.issues == []


def test_a_missing_list_is_null_without_an_issue_and_caseloads_use_the_lists_there_are():
    results = engine({6: [{"child_id": "A", "cin_start": OLD, "allocated_worker": "W"}]}).run(
        [JAN], kpi_ids=["cla_open", "cp_open", "avg_caseload"])
    assert results.kpis["cla_open"][0] == results.kpis["cp_open"][0] == EMPTY
    assert results.kpis["avg_caseload"][0].value == 1.0
    assert results.issues == []


def test_caseloads_are_null_when_a_present_list_lacks_its_worker_column():
    tables = {6: [{"child_id": "A", "cin_start": OLD, "allocated_worker": "W"}], 7: [{"child_id": "B", "cp_start": OLD}]}
    results = engine(tables, absent={7: ["allocated_worker"]}).run([JAN], kpi_ids=["avg_caseload", "unallocated_open"])
    assert results.kpis["avg_caseload"][0] == results.kpis["unallocated_open"][0] == EMPTY
    assert [i["problem"] for i in results.issues] == [
        "column missing from List 7: cannot compute avg_caseload, unallocated_open"]


def test_a_ratio_is_null_when_either_side_is():
    tables = {1: [{"child_id": "1", "contact_date": date(2025, 1, 2)}],
              3: [{"child_id": "1", "referral_date": date(2025, 1, 3)}]}
    results = engine(tables).run([JAN], kpi_ids=["referrals_per_100_contacts"])
    assert results.kpis["referrals_per_100_contacts"][0].value == 100.0
    results = engine({3: tables[3]}).run([JAN], kpi_ids=["referrals_per_100_contacts"])
    assert results.kpis["referrals_per_100_contacts"][0] == EMPTY
