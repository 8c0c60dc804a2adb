"""Caseloads (lists 6-8): avg_caseload and unallocated_open. Fixtures are tiny and hand-computed."""

from datetime import date

from .helpers import children, run_by_team, run_kpi

Q1 = (date(2025, 1, 1), date(2025, 3, 31))
OPEN = date(2024, 6, 1)


def tables():
    return {
        6: [
            {"child_id": "A", "cin_start": OPEN, "allocated_worker": "W1", "allocated_team": "North"},
            {"child_id": "B", "cin_start": OPEN, "allocated_worker": "W1 ", "allocated_team": "North"},  # trimmed
            {"child_id": "A", "cin_start": OPEN, "allocated_worker": "W2", "allocated_team": "South"},
            {"child_id": "C", "cin_start": OPEN, "allocated_worker": "  ", "allocated_team": "South"},   # empty
            {"child_id": "D", "cin_start": OPEN},
            {"child_id": "E", "cin_start": OPEN, "cin_closure": date(2025, 3, 31), "allocated_worker": "W5"},
            {"child_id": "J", "cin_start": OPEN},                                   # allocated on its CP plan
            {"child_id": "K", "cin_start": OPEN, "cin_closure": date(2025, 1, 31), "allocated_worker": "W1"},
        ],
        7: [
            {"child_id": "A", "cp_start": OPEN, "allocated_worker": "W1", "allocated_team": "North"},   # same pair
            {"child_id": "F", "cp_start": OPEN, "cp_end": date(2025, 4, 1), "allocated_worker": "W2",
             "allocated_team": "South"},                                            # ends the day after: open
            {"child_id": "J", "cp_start": OPEN, "allocated_worker": "W2", "allocated_team": "South"},
            {"child_id": "K", "cp_start": OPEN, "allocated_team": "North"},         # worker only on a closed row
        ],
        8: [
            {"child_id": "G", "cla_start": OPEN, "legal_status": "V3", "allocated_worker": "W3",
             "allocated_team": "North"},                                            # short break: included
            {"child_id": "H", "cla_start": OPEN, "cla_end": date(2025, 3, 31), "allocated_worker": "W1"},
            {"child_id": "I", "cla_start": date(2025, 4, 1), "allocated_worker": "W4"},
            {"child_id": "L", "cla_start": date(2025, 3, 31), "legal_status": "V4"},  # short break, unallocated
        ],
    }


def test_avg_caseload_is_distinct_pairs_over_distinct_workers():
    # W1: A, B; W2: A, F, J; W3: G  ->  6 pairs / 3 workers
    fig = run_kpi(tables(), "avg_caseload", *Q1)
    assert (fig.value, fig.numerator, fig.denominator) == (6 / 3, 6.0, 3)
    assert children(tables(), "avg_caseload", *Q1)["numerator"] == ["A", "B", "F", "G", "J"]


def test_avg_caseload_by_team_adds_up_to_the_whole():
    teams, whole = run_by_team(tables(), "avg_caseload", *Q1)
    assert teams["North"].numerator == 3.0 and teams["North"].denominator == 2   # W1 (2) and W3 (1)
    assert teams["South"].numerator == 3.0 and teams["South"].denominator == 1   # W2 (3)
    assert sum(f.numerator or 0 for f in teams.values()) == whole.numerator == 6.0
    assert sum(f.denominator or 0 for f in teams.values()) == whole.denominator == 3
    assert whole.value == 2.0


def test_avg_caseload_uses_the_lists_it_has():
    # list 7 only: W1: A; W2: F, J  ->  3 pairs / 2 workers
    fig = run_kpi({7: tables()[7]}, "avg_caseload", *Q1)
    assert (fig.value, fig.numerator, fig.denominator) == (1.5, 3.0, 2)


def test_avg_caseload_empty_and_missing():
    fig = run_kpi({6: [{"child_id": "D", "cin_start": OPEN}]}, "avg_caseload", *Q1)
    assert (fig.value, fig.numerator, fig.denominator) == (None, None, 0)
    fig = run_kpi({3: []}, "avg_caseload", *Q1)
    assert (fig.value, fig.numerator, fig.denominator) == (None, None, None)


def test_unallocated_open_counts_children_without_a_worker_on_any_open_row():
    # open children: A B C D F G J K L; unallocated: C (blank worker), D, K (worker only on a closed row), L
    fig = run_kpi(tables(), "unallocated_open", *Q1)
    assert (fig.value, fig.numerator, fig.denominator) == (4, 4, None)
    assert children(tables(), "unallocated_open", *Q1)["numerator"] == ["C", "D", "K", "L"]


def test_unallocated_open_by_team_adds_up():
    teams, whole = run_by_team(tables(), "unallocated_open", *Q1)
    assert {t: f.value for t, f in teams.items()} == {"North": 1, "South": 1, "Unallocated": 2}
    assert whole.value == 4


def test_unallocated_open_empty_and_missing():
    assert run_kpi({6: []}, "unallocated_open", *Q1).value == 0
    fig = run_kpi({3: []}, "unallocated_open", *Q1)
    assert (fig.value, fig.numerator, fig.denominator) == (None, None, None)
