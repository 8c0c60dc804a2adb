"""Children in need (list 6). Fixtures are tiny and hand-computed; working days are counted by hand
(Christmas 2025: Thu 25 and Fri 26 December and Thu 1 January 2026 are bank holidays)."""

from datetime import date

from triangulate.kpis.calendar import wd

from .helpers import children, run_by_team, run_kpi

Q1 = (date(2025, 1, 1), date(2025, 3, 31))
JAN26 = (date(2026, 1, 1), date(2026, 1, 9))   # ends Friday 9 January 2026
CIN_PLAN = "CIN plan"  # the canonical code the reader gives for "c) Child in need plan" and its variants


def episodes():
    return [
        {"child_id": "A", "cin_start": date(2024, 5, 1), "cin_closure": date(2025, 3, 31)},  # closed on end: not open
        {"child_id": "B", "cin_start": date(2024, 5, 1), "cin_closure": date(2025, 4, 1), "allocated_team": "North"},
        {"child_id": "C", "cin_start": date(2025, 3, 31)},                                    # started on end: open
        {"child_id": "D", "cin_start": date(2025, 4, 1)},                                     # starts after end
        {"child_id": "E", "cin_start": None},                          # no start: left out, counted as excluded
        {"child_id": "F", "cin_start": date(2024, 1, 1), "allocated_team": "South"},          # two open rows
        {"child_id": "F", "cin_start": date(2024, 6, 1), "allocated_team": "North"},
        {"child_id": "G", "cin_start": date(2024, 1, 1), "cin_closure": date(2024, 12, 31)},
    ]


def test_cin_open_counts_distinct_children_open_at_end():
    fig = run_kpi({6: episodes()}, "cin_open", *Q1)
    assert (fig.value, fig.numerator, fig.denominator, fig.excluded) == (3, 3, None, 1)
    assert children({6: episodes()}, "cin_open", *Q1)["numerator"] == ["B", "C", "F"]


def test_cin_open_by_team_adds_up_and_counts_a_child_once():
    teams, whole = run_by_team({6: episodes()}, "cin_open", *Q1)
    assert {t: f.value for t, f in teams.items()} == {"North": 2, "South": 0, "Unallocated": 1}
    assert whole.value == 3 == sum(f.value for f in teams.values())


def test_cin_rate_is_a_snapshot_not_annualised():
    fig = run_kpi({6: episodes()}, "cin_rate", date(2025, 3, 1), date(2025, 3, 31), population=20_000)
    assert fig.value == 3 / 20_000 * 10_000
    assert (fig.numerator, fig.denominator) == (3, 20_000)


def test_cin_open_with_no_rows_is_zero_and_with_no_list_is_null():
    assert run_kpi({6: []}, "cin_open", *Q1).value == 0
    fig = run_kpi({7: []}, "cin_open", *Q1)
    assert (fig.value, fig.numerator, fig.denominator) == (None, None, None)


def plan_rows():
    start = date(2025, 6, 1)
    return [
        # wd(9 Dec, 9 Jan) = 3 (10-12 Dec) + 5 (15-19) + 3 (22-24) + 3 (29-31) + 1 (2 Jan) + 5 (5-9 Jan) = 20
        {"child_id": "A", "cin_start": start, "case_status": CIN_PLAN, "last_seen": date(2025, 12, 9)},
        # one working day more (Tue 9 Dec): 21 > 20
        {"child_id": "B", "cin_start": start, "case_status": CIN_PLAN, "last_seen": date(2025, 12, 8)},
        # never seen: stays in the denominator, not in timescale (kpis.md "Missing facts": measured date)
        {"child_id": "C", "cin_start": start, "case_status": CIN_PLAN, "last_seen": None},
        {"child_id": "D", "cin_start": start, "case_status": CIN_PLAN, "last_seen": date(2026, 1, 10)},  # after end
        {"child_id": "E", "cin_start": start, "case_status": "CP plan", "last_seen": date(2026, 1, 9)},
        {"child_id": "F", "cin_start": start, "case_status": None, "last_seen": date(2026, 1, 9)},
        {"child_id": "G", "cin_start": start, "case_status": CIN_PLAN, "last_seen": date(2026, 1, 9)},
        {"child_id": "H", "cin_start": start, "cin_closure": date(2026, 1, 9), "case_status": CIN_PLAN,
         "last_seen": date(2026, 1, 9)},                                                          # closed on end
    ]


def test_hand_counted_working_days_match_the_calendar():
    assert wd(date(2025, 12, 9), date(2026, 1, 9)) == 20
    assert wd(date(2025, 12, 8), date(2026, 1, 9)) == 21


def test_cin_plan_seen_exactly_at_the_standard_counts_one_day_over_does_not():
    fig = run_kpi({6: plan_rows()}, "cin_plan_seen_in_timescale_pct", *JAN26)
    assert (fig.numerator, fig.denominator, fig.value, fig.excluded) == (2, 5, 40.0, 0)
    assert children({6: plan_rows()}, "cin_plan_seen_in_timescale_pct", *JAN26) == {
        "numerator": ["A", "G"], "denominator": ["A", "B", "C", "D", "G"]}


def test_cin_plan_seen_uses_the_council_visit_standard():
    fig = run_kpi({6: plan_rows()}, "cin_plan_seen_in_timescale_pct", *JAN26, settings={"cin_visit_wd": 21})
    assert (fig.numerator, fig.denominator) == (3, 5)


def test_cin_plan_seen_counts_a_child_with_two_plan_rows_once():
    rows = [{"child_id": "X", "cin_start": date(2025, 6, 1), "case_status": CIN_PLAN, "last_seen": date(2025, 10, 1),
             "allocated_team": "South"},
            {"child_id": "X", "cin_start": date(2025, 7, 1), "case_status": CIN_PLAN, "last_seen": date(2026, 1, 5),
             "allocated_team": "North"},
            {"child_id": "Y", "cin_start": date(2025, 6, 1), "case_status": CIN_PLAN, "last_seen": date(2025, 10, 1),
             "allocated_team": "South"}]
    fig = run_kpi({6: rows}, "cin_plan_seen_in_timescale_pct", *JAN26)
    assert (fig.numerator, fig.denominator, fig.value) == (1, 2, 50.0)
    teams, whole = run_by_team({6: rows}, "cin_plan_seen_in_timescale_pct", *JAN26)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {"North": (1, 1), "South": (0, 1)}
    assert (whole.numerator, whole.denominator) == (1, 2)


def test_cin_plan_seen_on_an_empty_cohort_is_null():
    rows = [{"child_id": "A", "cin_start": date(2025, 6, 1), "case_status": "Open assessment",
             "last_seen": date(2026, 1, 9)}]
    fig = run_kpi({6: rows}, "cin_plan_seen_in_timescale_pct", *JAN26)
    assert (fig.value, fig.numerator, fig.denominator) == (None, 0, 0)
    fig = run_kpi({6: []}, "cin_plan_seen_in_timescale_pct", *JAN26)
    assert (fig.value, fig.numerator, fig.denominator) == (None, 0, 0)
