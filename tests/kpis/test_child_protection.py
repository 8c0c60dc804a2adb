"""Child protection (list 7). Fixtures are tiny and hand-computed; working days are counted by hand
(Christmas 2025: Thu 25 and Fri 26 December and Thu 1 January 2026 are bank holidays)."""

from datetime import date

from triangulate.kpis.calendar import wd

from .helpers import children, run_by_team, run_kpi

Q1 = (date(2025, 1, 1), date(2025, 3, 31))             # 90 days
JAN26 = (date(2026, 1, 1), date(2026, 1, 9))           # ends Friday 9 January 2026
FEB24 = (date(2024, 2, 1), date(2024, 2, 29))
FEB26 = (date(2026, 2, 1), date(2026, 2, 28))
SEP25 = (date(2025, 9, 1), date(2025, 9, 30))


def fig_tuple(fig):
    return fig.value, fig.numerator, fig.denominator


def plans():
    return [
        {"child_id": "A", "cp_start": date(2024, 5, 1), "cp_end": date(2025, 3, 31)},    # ended on end: not open
        {"child_id": "B", "cp_start": date(2024, 5, 1), "cp_end": date(2025, 4, 1), "allocated_team": "North"},
        {"child_id": "C", "cp_start": date(2025, 3, 31)},                                 # started on end: open
        {"child_id": "D", "cp_start": date(2025, 4, 1)},
        {"child_id": "E", "cp_start": None, "cp_end": date(2025, 2, 1)},
        {"child_id": "F", "cp_start": date(2024, 1, 1), "allocated_team": "South"},       # two open plans
        {"child_id": "F", "cp_start": date(2025, 1, 1), "allocated_team": "North"},
        {"child_id": "G", "cp_start": date(2024, 12, 31), "cp_end": date(2025, 1, 1)},
    ]


def test_cp_open_counts_distinct_children_and_teams_add_up():
    assert fig_tuple(run_kpi({7: plans()}, "cp_open", *Q1)) == (3, 3, None)
    assert children({7: plans()}, "cp_open", *Q1)["numerator"] == ["B", "C", "F"]
    teams, whole = run_by_team({7: plans()}, "cp_open", *Q1)
    assert {t: f.value for t, f in teams.items()} == {"North": 2, "South": 0, "Unallocated": 1}
    assert whole.value == 3


def test_cp_rate_is_a_snapshot():
    fig = run_kpi({7: plans()}, "cp_rate", *Q1, population=20_000)
    assert fig_tuple(fig) == (3 / 20_000 * 10_000, 3, 20_000)


def test_cp_starts_and_rate_count_plans_in_the_period_inclusive():
    # starts in Q1: F (1 Jan), C (31 Mar); G started 31 Dec 2024, D on 1 Apr, E has no start
    assert fig_tuple(run_kpi({7: plans()}, "cp_starts", *Q1)) == (2, 2, None)
    fig = run_kpi({7: plans()}, "cp_starts_rate", *Q1, population=20_000)
    assert fig.value == 2 / 20_000 * 10_000 * 365 / 90
    year = run_kpi({7: plans()}, "cp_starts_rate", date(2025, 1, 1), date(2025, 12, 31), population=20_000)
    assert year.value == 3 / 20_000 * 10_000      # F, C and D; twelve months: not annualised


def test_cp_ended_counts_end_dates_in_the_period():
    # A (31 Mar), E (1 Feb), G (1 Jan); B ends 1 Apr
    assert fig_tuple(run_kpi({7: plans()}, "cp_ended", *Q1)) == (3, 3, None)


def test_cp_repeat_by_previous_plans_or_an_earlier_plan_in_the_list():
    rows = [
        {"child_id": "A", "cp_start": date(2025, 2, 1), "previous_cp_plans": 1},
        {"child_id": "B", "cp_start": date(2025, 2, 1), "previous_cp_plans": 0},
        {"child_id": "B", "cp_start": date(2023, 1, 1), "cp_end": date(2023, 6, 1)},     # earlier plan, out of period
        {"child_id": "C", "cp_start": date(2025, 2, 1)},                                 # two plans the same day:
        {"child_id": "C", "cp_start": date(2025, 2, 1)},                                 # neither is earlier
        {"child_id": "D", "cp_start": date(2025, 2, 1), "previous_cp_plans": None},
        {"child_id": "E", "cp_start": date(2025, 3, 1)},
        {"child_id": "E", "cp_start": None, "cp_end": date(2025, 1, 15)},                # ended before: earlier
        {"child_id": "F", "cp_start": date(2025, 1, 10)},
        {"child_id": "F", "cp_start": date(2025, 3, 10)},                                # repeat of the 10 Jan plan
        {"child_id": "G", "cp_start": date(2025, 3, 10)},
        {"child_id": "G", "cp_start": date(2025, 5, 1)},                                 # a later plan does not count
    ]
    fig = run_kpi({7: rows}, "cp_repeat_pct", *Q1)
    assert fig_tuple(fig) == (100 * 4 / 9, 4, 9)     # 9 plans start in Q1
    assert children({7: rows}, "cp_repeat_pct", *Q1) == {
        "numerator": ["A", "B", "E", "F"], "denominator": ["A", "B", "C", "D", "E", "F", "G"]}


def test_cp_repeat_on_no_starts_is_null():
    assert fig_tuple(run_kpi({7: []}, "cp_repeat_pct", *Q1)) == (None, 0, 0)


def test_cp_ended_two_years_plus_with_clamped_leap_days():
    rows = [
        {"child_id": "1", "cp_start": date(2024, 2, 29), "cp_end": date(2026, 2, 28)},  # 29/02/24 + 24m = 28/02/26
        {"child_id": "2", "cp_start": date(2024, 2, 29), "cp_end": date(2026, 2, 27)},
        {"child_id": "3", "cp_start": date(2024, 2, 27), "cp_end": date(2026, 2, 27)},  # exactly 24 months
        {"child_id": "4", "cp_start": None, "cp_end": date(2026, 2, 10)},                # ended, no start: left out
        {"child_id": "5", "cp_start": date(2020, 1, 1), "cp_end": date(2026, 3, 1)},     # ends after the period
    ]
    assert fig_tuple(run_kpi({7: rows}, "cp_ended", *FEB26)) == (4, 4, None)
    fig = run_kpi({7: rows}, "cp_ended_2y_plus_pct", *FEB26)
    assert (fig.numerator, fig.denominator) == (2, 3)
    assert children({7: rows}, "cp_ended_2y_plus_pct", *FEB26)["numerator"] == ["1", "3"]


def test_cp_ended_two_years_plus_from_28_february_2022():
    rows = [
        {"child_id": "1", "cp_start": date(2022, 2, 28), "cp_end": date(2024, 2, 28)},  # exactly 24 months
        {"child_id": "2", "cp_start": date(2022, 2, 28), "cp_end": date(2024, 2, 27)},  # a day short
        {"child_id": "3", "cp_start": date(2022, 3, 1), "cp_end": date(2024, 2, 29)},   # 24 months is 1 March 2024
    ]
    fig = run_kpi({7: rows}, "cp_ended_2y_plus_pct", *FEB24)
    assert (fig.numerator, fig.denominator) == (1, 3)
    assert fig_tuple(run_kpi({7: []}, "cp_ended_2y_plus_pct", *FEB24)) == (None, 0, 0)


def test_cp_open_two_years_plus_at_clamped_boundaries():
    rows = [
        {"child_id": "1", "cp_start": date(2024, 2, 28)},                               # 28/02/26 - 24m = 28/02/24
        {"child_id": "2", "cp_start": date(2024, 2, 29)},                               # a day later: not yet
        {"child_id": "3", "cp_start": date(2023, 1, 1), "cp_end": date(2026, 2, 28)},  # closed on end: not open
        {"child_id": "4", "cp_start": date(2022, 1, 1), "cp_end": date(2026, 3, 1)},
        {"child_id": "5", "cp_start": None},
    ]
    assert fig_tuple(run_kpi({7: rows}, "cp_open_2y_plus", *FEB26)) == (2, 2, None)
    assert children({7: rows}, "cp_open_2y_plus", *FEB26)["numerator"] == ["1", "4"]
    leap = [{"child_id": "1", "cp_start": date(2022, 2, 28)},                           # 29/02/24 - 24m = 28/02/22
            {"child_id": "2", "cp_start": date(2022, 3, 1)}]
    assert run_kpi({7: leap}, "cp_open_2y_plus", *FEB24).value == 1


def visit_rows():
    start = date(2025, 6, 1)
    return [
        # wd(23 Dec, 9 Jan) = 1 (24 Dec) + 3 (29-31 Dec) + 1 (2 Jan) + 5 (5-9 Jan) = 10: exactly the standard
        {"child_id": "V1", "cp_start": start, "last_visit": date(2025, 12, 23), "seen_alone": "Yes"},
        # one working day more: 11
        {"child_id": "V2", "cp_start": start, "last_visit": date(2025, 12, 22), "seen_alone": "No"},
        # no visit recorded: in the denominator, not in timescale (kpis.md "Missing facts": measured date)
        {"child_id": "V3", "cp_start": start, "last_visit": None, "seen_alone": None},
        {"child_id": "V4", "cp_start": start, "last_visit": date(2026, 1, 12), "seen_alone": "Unknown"},
        {"child_id": "V5", "cp_start": start, "last_visit": date(2026, 1, 9), "seen_alone": "Yes"},  # same day: 0
        {"child_id": "V6", "cp_start": start, "cp_end": date(2026, 1, 9), "last_visit": date(2026, 1, 9),
         "seen_alone": "Yes"},                                                                      # closed on end
    ]


def test_hand_counted_working_days_match_the_calendar():
    assert wd(date(2025, 12, 23), date(2026, 1, 9)) == 10
    assert wd(date(2025, 12, 22), date(2026, 1, 9)) == 11


def test_cp_visits_exactly_at_the_standard_count_across_christmas():
    fig = run_kpi({7: visit_rows()}, "cp_visits_in_timescale_pct", *JAN26)
    assert fig_tuple(fig) == (40.0, 2, 5)
    assert fig.excluded == 0
    assert children({7: visit_rows()}, "cp_visits_in_timescale_pct", *JAN26) == {
        "numerator": ["V1", "V5"], "denominator": ["V1", "V2", "V3", "V4", "V5"]}
    fig = run_kpi({7: visit_rows()}, "cp_visits_in_timescale_pct", *JAN26, settings={"cp_visit_wd": 11})
    assert (fig.numerator, fig.denominator) == (3, 5)


def test_cp_visits_on_no_open_plans_is_null():
    closed = [{"child_id": "1", "cp_start": date(2025, 1, 1), "cp_end": date(2025, 6, 1),
               "last_visit": date(2025, 5, 30)}]
    assert fig_tuple(run_kpi({7: closed}, "cp_visits_in_timescale_pct", *JAN26)) == (None, 0, 0)


def test_cp_seen_alone_of_plans_open_at_end():
    fig = run_kpi({7: visit_rows()}, "cp_seen_alone_pct", *JAN26)
    assert (fig.numerator, fig.denominator) == (2, 5)     # V1, V5 of V1-V5 (V6 closed on the end date)


def test_cp_reviews_overdue_rules_at_their_boundaries():
    start = date(2020, 1, 1)
    rows = [
        {"child_id": "1", "cp_start": date(2025, 6, 30)},                           # +3m = 30 Sep: not overdue
        {"child_id": "2", "cp_start": date(2025, 6, 29)},                           # +3m = 29 Sep < 30 Sep: overdue
        {"child_id": "3", "cp_start": start, "latest_review": date(2025, 3, 31)},   # +6m = 30 Sep: in time
        {"child_id": "4", "cp_start": start, "latest_review": date(2025, 3, 30)},   # +6m = 30 Sep: in time
        {"child_id": "5", "cp_start": start, "latest_review": date(2025, 3, 29)},   # +6m = 29 Sep: overdue
        {"child_id": "6", "cp_start": date(2025, 9, 1), "latest_review": None},     # new plan: in time
        {"child_id": "7", "cp_start": start, "cp_end": date(2025, 9, 30)},          # closed on end: not in cohort
    ]
    fig = run_kpi({7: rows}, "cp_reviews_in_timescale_pct", *SEP25)
    assert (fig.numerator, fig.denominator) == (4, 6)
    assert children({7: rows}, "cp_reviews_in_timescale_pct", *SEP25) == {
        "numerator": ["1", "3", "4", "6"], "denominator": ["1", "2", "3", "4", "5", "6"]}


def test_cp_reviews_three_month_rule_clamps_to_february():
    rows = [{"child_id": "1", "cp_start": date(2025, 11, 30)},   # +3m = 28 Feb 2026: not overdue on 28 Feb
            {"child_id": "2", "cp_start": date(2025, 11, 27)}]   # +3m = 27 Feb 2026: overdue
    fig = run_kpi({7: rows}, "cp_reviews_in_timescale_pct", *FEB26)
    assert (fig.numerator, fig.denominator) == (1, 2)
    assert fig_tuple(run_kpi({7: []}, "cp_reviews_in_timescale_pct", *FEB26)) == (None, 0, 0)


def test_cp_pct_by_team_adds_up_to_the_whole():
    rows = [{"child_id": "1", "cp_start": date(2025, 1, 1), "seen_alone": "Yes", "allocated_team": "North"},
            {"child_id": "2", "cp_start": date(2025, 1, 1), "seen_alone": "No", "allocated_team": "South"},
            {"child_id": "3", "cp_start": date(2025, 1, 1), "seen_alone": "Yes"}]
    teams, whole = run_by_team({7: rows}, "cp_seen_alone_pct", *Q1)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {
        "North": (1, 1), "South": (0, 1), "Unallocated": (1, 1)}
    assert (whole.numerator, whole.denominator) == (2, 3)
