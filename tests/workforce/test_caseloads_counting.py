"""Caseloads from an extract (docs/design/workforce.md §2.1, §2.2): the deriver's cases and the counting, on tiny
hand-built extracts with hand-computed figures; the council's average is the avg_caseload KPI's on the same
extract, as the KPI engine computes it."""

from datetime import date

import pytest

from triangulate.workforce.analytics import caseloads as counting
from triangulate.workforce.extract_hooks import compute

from ..kpis.helpers import run_kpi, table
from ..kpis.test_caseloads import tables as kpi_tables

AT = date(2025, 3, 31)
OPEN = date(2024, 6, 1)


def derive(rows, absent=None):
    absent = absent or {}
    return compute({n: table(n, r, absent.get(n, ())) for n, r in rows.items()}, AT, 10_000)


def cases(derived):
    return [counting.as_case(row) for row in derived.cases]


def extract():
    return {
        4: [{"child_id": "P", "assessment_start": date(2025, 3, 1), "allocated_worker": "Ann", "allocated_team": "North"},
            {"child_id": "Q", "assessment_start": date(2025, 1, 1), "assessment_authorised": date(2025, 2, 1),
             "allocated_worker": "Ann"}],  # authorised: no longer work
        5: [{"child_id": "R", "s47_start": date(2025, 3, 20), "allocated_worker": "Bo", "allocated_team": "South"},
            {"child_id": "S", "s47_start": date(2025, 2, 1), "allocated_worker": "Bo"},  # over 30 days ago
            {"child_id": "T", "s47_start": date(2025, 3, 25), "icpc_date": date(2025, 3, 30),
             "allocated_worker": "Bo"},  # conference held
            {"child_id": "U", "s47_start": date(2025, 3, 25), "icpc_unnecessary": "Yes", "allocated_worker": "Bo"}],
        6: [{"child_id": "A", "cin_start": OPEN, "allocated_worker": "Ann", "allocated_team": "North",
             "disability": "No"},
            {"child_id": "B", "cin_start": OPEN, "allocated_worker": " Ann ", "allocated_team": "North"},
            {"child_id": "C", "cin_start": OPEN, "allocated_team": "South"},  # unallocated
            {"child_id": "D", "cin_start": OPEN, "cin_closure": AT, "allocated_worker": "Ann"}],  # closed on the day
        7: [{"child_id": "A", "cp_start": OPEN, "allocated_worker": "Ann", "allocated_team": "North"},
            {"child_id": "E", "cp_start": OPEN, "allocated_worker": "Bo", "allocated_team": "South",
             "disability": "Yes"}],
        8: [{"child_id": "F", "cla_start": OPEN, "legal_status": "C1", "missing_episodes_12m": 2,
             "placement_location": "Out", "allocated_worker": "Bo", "allocated_team": "South"},
            {"child_id": "G", "cla_start": OPEN, "legal_status": "V3", "missing_episodes_12m": 0,
             "placement_location": "In", "allocated_worker": "Bo", "allocated_team": "South"},  # a short break
            {"child_id": "H", "cla_start": date(2025, 4, 1), "allocated_worker": "Bo"}],  # not started yet
        9: [{"child_id": "L1", "personal_adviser": "Pat", "allocated_team": "Leaving Care"},
            {"child_id": "L2", "personal_adviser": "Pat", "allocated_team": "Leaving Care"},
            {"child_id": "L3", "allocated_team": "Leaving Care"}],
    }


def test_the_deriver_gives_one_case_per_child_kind_and_worker_with_its_flags():
    derived = derive(extract())
    by = {(c[0], c[1]): c for c in derived.cases}
    assert sorted(by) == [("A", "cin"), ("A", "cp"), ("B", "cin"), ("C", "cin"), ("E", "cp"), ("F", "cla"),
                          ("G", "cla"), ("L1", "care_leaver"), ("L2", "care_leaver"), ("L3", "care_leaver"),
                          ("P", "assessment"), ("R", "s47")]
    # (child, kind, worker, team, court, missing, disability, out_of_area, sibling)
    assert by[("F", "cla")] == ("F", "cla", "Bo", "South", True, True, False, True, False)
    assert by[("G", "cla")] == ("G", "cla", "Bo", "South", False, False, False, False, False)
    # a full care order (C2) ends the proceedings: no court work
    rows = extract()
    rows[8][0]["legal_status"] = "C2"
    assert {c[0]: c[4] for c in derive(rows).cases}["F"] is False
    assert by[("E", "cp")] == ("E", "cp", "Bo", "South", False, False, True, False, False)
    assert by[("B", "cin")][2] == "Ann"  # trimmed
    assert by[("C", "cin")][2] == ""  # unallocated
    assert by[("L1", "care_leaver")][2:4] == ("Pat", "Leaving Care")
    assert derived.unknown_flags == {}


def test_a_worker_s_caseload_is_distinct_children_on_open_cin_cp_and_cla_cases():
    loads = counting.worker_loads(cases(derive(extract())))
    assert {w: (x.caseload, x.care_leavers, x.assessments, x.s47s) for w, x in loads.items()} == {
        "Ann": (2, 0, 1, 0),  # A (CIN and CP: one child), B; P is an assessment: work, not caseload
        "Bo": (3, 0, 0, 1),  # E, F, G; R is a section 47 enquiry
        "Pat": (0, 2, 0, 0),  # care leavers apart
    }
    assert loads["Ann"].team == "North" and loads["Bo"].team == "South" and loads["Pat"].team == "Leaving Care"
    council = counting.summary(x.caseload for x in loads.values())
    assert (council.workers, council.children, council.average, council.lowest, council.highest) == (2, 5, 2.5, 2, 3)
    assert counting.unallocated(cases(derive(extract()))) == {"C": "South"}
    assert counting.unallocated_care_leavers(cases(derive(extract()))) == {"L3"}


def test_the_council_average_is_the_avg_caseload_kpi_on_the_same_extract():
    for rows in (kpi_tables(), extract()):
        loads = counting.worker_loads(cases(derive(rows)))
        average = counting.summary(x.caseload for x in loads.values()).average
        kpi = run_kpi(rows, "avg_caseload", date(2024, 4, 1), AT)
        assert average == pytest.approx(kpi.value)
    # the KPI's own fixture: W1 (A, B), W2 (A, F, J), W3 (G) -> 6 / 3; unallocated C, D, K, L as unallocated_open
    derived = cases(derive(kpi_tables()))
    assert counting.summary(x.caseload for x in counting.worker_loads(derived).values()).average == 2.0
    assert sorted(counting.unallocated(derived)) == ["C", "D", "K", "L"]
    assert run_kpi(kpi_tables(), "unallocated_open", date(2024, 4, 1), AT).value == 4


def test_a_missing_column_makes_its_flag_unknown_never_false():
    rows = extract()
    derived = derive(rows, absent={8: ["legal_status", "placement_location"], 7: ["disability"]})
    by = {(c[0], c[1]): c for c in derived.cases}
    assert by[("F", "cla")][4:8] == (None, True, False, None)
    assert by[("A", "cp")][4:8] == (None, False, None, None)  # A: "No" on list 6 does not say for list 7
    assert by[("E", "cp")][6] is None  # E's only disability "Yes" was on list 7, whose column is absent now
    assert set(derived.unknown_flags) == {"court", "out_of_area", "disability"}
    assert "Child's Legal Status" in derived.unknown_flags["court"]
    without_care = derive({6: rows[6]})
    assert {c[4:8] for c in without_care.cases} == {(None, None, False, None)}
    assert "no list 8" in without_care.unknown_flags["missing"]
    assert without_care.unknown_flags["cla"].startswith("The extract has no list 8")
    assert "caseload" not in without_care.unknown_flags  # the KPI counts the lists it has


def test_a_caseload_list_without_workers_gives_no_figure_as_the_kpi_gives_none():
    rows = extract()
    derived = derive(rows, absent={7: ["allocated_worker"]})
    assert not [c for c in derived.cases if c[1] == "cp"]  # not every CP child shown as unallocated
    assert "Allocated Worker" in derived.unknown_flags["caseload"]
    assert run_kpi(rows, "avg_caseload", date(2024, 4, 1), AT, absent={7: ["allocated_worker"]}).value is None
    assert "none of lists 6, 7 and 8" in derive({9: rows[9]}).unknown_flags["caseload"]


def test_an_unreadable_cell_makes_the_flag_unknown_unless_another_row_says_yes():
    derived = derive({8: [{"child_id": "F", "cla_start": OPEN, "allocated_worker": "Bo", "legal_status": None,
                           "_unreadable": ("legal_status",), "missing_episodes_12m": 0, "placement_location": "In"}]})
    assert derived.cases[0][4:8] == (None, False, False, False)


def test_groups_average_range_and_above_maximum():
    loads = {"a": 10, "b": 20, "c": 30, "d": 0, "e": 26}
    place = {"a": "North", "b": "North", "c": "South", "d": "South", "e": None}.get
    groups = counting.by_group(loads, place, maximum={"North": 15, "South": None}.get)
    assert groups["North"] == counting.Summary(2, 30, 15.0, 10, 20, 1)
    assert groups["South"] == counting.Summary(1, 30, 30.0, 30, 30, None)  # d holds no case: not a worker here
    assert counting.pooled(groups.values()) == counting.Summary(3, 60, 20.0, 10, 30, None)
    assert counting.summary([], maximum=30) == counting.Summary(0, 0, None, None, None, 0)
    assert groups["North"].range_text == "10 to 20" and groups["South"].range_text == "30"
    assert counting.distribution([3, 7, 12, 5, 0]) == [("1 to 5", 2), ("6 to 10", 1), ("11 to 15", 1)]


def test_children_of_one_worker_sharing_a_list_10_family_are_a_sibling_group():
    rows = extract()
    # F and G (both Bo's) share family 7; E (Bo's) is family 8 alone; A (Ann's) is in family 7 too, but with
    # another worker; B has no family identifier
    rows[10] = [{"child_id": "F", "family_id": "7"}, {"child_id": "G", "family_id": " 7 "},
                {"child_id": "E", "family_id": "8"}, {"child_id": "A", "family_id": "7"}, {"child_id": "B"}]
    by = {(c[0], c[1]): c[8] for c in derive(rows).cases}
    assert by[("F", "cla")] is True and by[("G", "cla")] is True
    assert by[("E", "cp")] is False and by[("A", "cin")] is False and by[("A", "cp")] is False
    assert by[("B", "cin")] is False and by[("C", "cin")] is False  # no family; unallocated
    # no list 10 at all: no family known, so no sibling group (never unknown: see extract_hooks)
    assert not any(c[8] for c in derive(extract()).cases)
