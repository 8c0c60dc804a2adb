"""Assessments (Annex A list 4). Working-day counts are worked out by hand in the comments
(wd(a, b) = working days d with a < d <= b; England bank holidays)."""

from datetime import date

from .helpers import children, run_by_team, run_kpi

Q2 = (date(2025, 4, 1), date(2025, 6, 30))          # 91 days: annualised by 365 / 91
YEAR = (date(2025, 4, 1), date(2026, 3, 31))        # exactly 12 months: not annualised
JUNE = (date(2025, 6, 1), date(2025, 6, 30))
FEB_2024 = (date(2024, 2, 1), date(2024, 2, 29))    # leap year February


def a(child, start, authorised=None, **extra):
    return {"child_id": child, "assessment_start": start, "assessment_authorised": authorised, **extra}


def triple(fig):
    return (fig.value, fig.numerator, fig.denominator)


# Starting Thu 17 Apr 2025 (Good Friday 18 Apr and Easter Monday 21 Apr 2025 are bank holidays,
# as are Mon 5 May and Mon 26 May 2025), by hand:
#   Tue 22 Apr = 1; to Fri 25 Apr = 4; to Fri 2 May = 9; Tue 6-Fri 9 May = 13; to Fri 16 May = 18;
#   to Fri 23 May = 23; Tue 27-Fri 30 May = 27; to Fri 6 Jun = 32; to Fri 13 Jun = 37;
#   to Fri 20 Jun = 42; Mon 23, Tue 24, Wed 25 Jun = 45; Thu 26 Jun = 46.
EASTER_START = date(2025, 4, 17)
WD45 = date(2025, 6, 25)
WD46 = date(2025, 6, 26)


def test_completed_counts_authorisations_inside_the_period_inclusive():
    rows = [a("1", date(2025, 3, 1), date(2025, 4, 1)),      # on the start: counts
            a("2", date(2025, 5, 1), date(2025, 6, 30)),     # on the end: counts
            a("3", date(2025, 3, 1), date(2025, 3, 31)),     # day before: no
            a("4", date(2025, 6, 1), date(2025, 7, 1)),      # day after: no
            a("5", date(2025, 5, 1), None),                  # still open: no
            a("6", None, date(2025, 5, 5))]                  # no start date: still completed in period
    assert triple(run_kpi({4: rows}, "assessments_completed", *Q2)) == (3, 3, None)
    assert children({4: rows}, "assessments_completed", *Q2) == {"numerator": ["1", "2", "6"],
                                                                 "denominator": ["1", "2", "6"]}


def test_completed_counts_rows_not_distinct_children():
    rows = [a("1", date(2025, 4, 1), date(2025, 4, 2)), a("1", date(2025, 5, 1), date(2025, 5, 2))]
    assert run_kpi({4: rows}, "assessments_completed", *Q2).value == 2


def test_rate_is_annualised_for_a_quarter_and_not_for_twelve_months():
    rows = [a(str(i), date(2025, 4, 1), date(2025, 5, 1)) for i in range(3)]
    fig = run_kpi({4: rows}, "assessments_rate", *Q2, population=20_000)
    assert (fig.value, fig.numerator, fig.denominator) == (3 / 20_000 * 10_000 * 365 / 91, 3, 20_000)
    assert run_kpi({4: rows}, "assessments_rate", *YEAR, population=20_000).value == 3 / 20_000 * 10_000


def test_easter_bank_holidays_are_not_working_days():
    # Thu 17 Apr -> Tue 22 Apr 2025: Fri 18 (Good Friday), Sat, Sun, Mon 21 (Easter Monday) do not count,
    # Tue 22 does: 1 working day.
    rows = [a("E", EASTER_START, date(2025, 4, 22))]
    fig = run_kpi({4: rows}, "assessment_median_wd", *Q2)
    assert (fig.value, fig.numerator, fig.denominator) == (1.0, None, 1)


def test_within_45_working_days_exactly_45_counts_46_does_not():
    rows = [a("A", EASTER_START, WD45),                       # 45 wd: within
            a("B", EASTER_START, WD46),                       # 46 wd: not within
            a("C", None, date(2025, 6, 10)),                  # no start: left out of the cohort
            a("D", date(2025, 6, 2), date(2025, 6, 2)),       # same day: 0 wd, within
            a("E", date(2025, 6, 20), date(2025, 6, 23))]     # Fri -> Mon: 1 wd, within
    fig = run_kpi({4: rows}, "assessments_within_45wd_pct", *JUNE)
    assert triple(fig) == (75.0, 3, 4)
    assert children({4: rows}, "assessments_within_45wd_pct", *JUNE) == {
        "numerator": ["A", "D", "E"], "denominator": ["A", "B", "D", "E"]}
    # median of 0, 1, 45, 46 = (1 + 45) / 2
    assert triple(run_kpi({4: rows}, "assessment_median_wd", *JUNE)) == (23.0, None, 4)


def test_median_of_an_odd_cohort_and_rows_outside_the_period_are_ignored():
    rows = [a("A", EASTER_START, WD46),                       # 46
            a("B", date(2025, 6, 2), date(2025, 6, 2)),       # 0
            a("C", date(2025, 6, 16), date(2025, 6, 20)),     # Mon -> Fri: 4
            a("D", date(2025, 5, 1), date(2025, 5, 30))]      # authorised in May: not in June's cohort
    assert triple(run_kpi({4: rows}, "assessment_median_wd", *JUNE)) == (4.0, None, 3)


def test_leap_day():
    # Wed 28 Feb -> Thu 29 Feb 2024: 1 working day; Thu 29 Feb -> Fri 1 Mar 2024: 1 working day.
    rows = [a("L", date(2024, 2, 28), date(2024, 2, 29)),     # authorised on the leap day, the period's end
            a("M", date(2024, 2, 29), date(2024, 3, 1))]      # authorised in March: not in February
    assert triple(run_kpi({4: rows}, "assessments_completed", *FEB_2024)) == (1, 1, None)
    assert triple(run_kpi({4: rows}, "assessment_median_wd", *FEB_2024)) == (1.0, None, 1)
    assert triple(run_kpi({4: rows}, "assessment_median_wd", date(2024, 3, 1), date(2024, 3, 31))) == (1.0, None, 1)


def test_authorised_before_start_stays_in_the_cohort_by_the_letter_of_kpis_md():
    # Thu 10 Apr <- Fri 11 Apr 2025: wd = -1 (a data error), still "<= 45" (documented choice)
    rows = [a("X", date(2025, 4, 11), date(2025, 4, 10))]
    assert triple(run_kpi({4: rows}, "assessments_within_45wd_pct", *Q2)) == (100.0, 1, 1)
    assert triple(run_kpi({4: rows}, "assessment_median_wd", *Q2)) == (-1.0, None, 1)


def test_child_seen_and_no_support_percentages():
    rows = [a("1", date(2025, 4, 1), date(2025, 4, 10), child_seen="Yes", assessment_needs_support="No"),
            a("2", date(2025, 4, 1), date(2025, 4, 10), child_seen="No", assessment_needs_support="Yes"),
            a("3", date(2025, 4, 1), date(2025, 4, 10), child_seen="Unknown", assessment_needs_support="Unknown"),
            a("4", None, date(2025, 4, 10)),                                     # empty answers: denominator only
            a("5", date(2025, 4, 1), None, child_seen="Yes", assessment_needs_support="No")]  # not completed
    assert triple(run_kpi({4: rows}, "assessments_child_seen_pct", *Q2)) == (25.0, 1, 4)
    assert triple(run_kpi({4: rows}, "assessments_no_support_pct", *Q2)) == (25.0, 1, 4)
    assert children({4: rows}, "assessments_no_support_pct", *Q2) == {"numerator": ["1"],
                                                                      "denominator": ["1", "2", "3", "4"]}


def test_open_over_45_working_days_at_the_period_end():
    end = (date(2025, 4, 1), WD45)   # period ends Wed 25 Jun 2025
    # Wed 16 Apr -> 25 Jun = 46 wd (Thu 17 Apr is a working day, then 45 as worked out above)
    rows = [a("A", date(2025, 4, 16)),                         # open, 46 wd: counts
            a("B", EASTER_START),                              # open, exactly 45 wd: does not
            a("C", date(2025, 4, 16), WD45),                   # authorised on the end date: closed
            a("D", date(2025, 4, 16), WD46),                   # authorised the day after the end: open, counts
            a("E", None),                                      # no start date: left out
            a("F", WD46),                                      # starts after the end
            a("G", date(2025, 1, 2), date(2025, 3, 1))]        # closed long ago
    assert triple(run_kpi({4: rows}, "assessments_open_over_45wd", *end)) == (2, 2, None)
    assert children({4: rows}, "assessments_open_over_45wd", *end) == {"numerator": ["A", "D"],
                                                                       "denominator": ["A", "D"]}
    # a day later (Thu 26 Jun) B is 46 wd open, A still open; C stays closed; D is now authorised on the end
    later = (date(2025, 4, 1), WD46)
    assert children({4: rows}, "assessments_open_over_45wd", *later)["numerator"] == ["A", "B"]


def test_empty_cohorts_give_nulls_not_crashes():
    rows = [a("1", date(2025, 1, 1), date(2025, 1, 10))]   # nothing in Q2
    assert triple(run_kpi({4: rows}, "assessments_completed", *Q2)) == (0, 0, None)
    assert triple(run_kpi({4: rows}, "assessments_within_45wd_pct", *Q2)) == (None, 0, 0)
    assert triple(run_kpi({4: rows}, "assessment_median_wd", *Q2)) == (None, None, 0)
    assert triple(run_kpi({4: rows}, "assessments_child_seen_pct", *Q2)) == (None, 0, 0)
    assert triple(run_kpi({4: rows}, "assessments_no_support_pct", *Q2)) == (None, 0, 0)
    assert triple(run_kpi({4: []}, "assessments_open_over_45wd", *Q2)) == (0, 0, None)
    assert children({4: []}, "assessments_within_45wd_pct", *Q2) == {"numerator": [], "denominator": []}
    # a cohort of rows none of which has a start date
    assert triple(run_kpi({4: [a("1", None, date(2025, 5, 1))]}, "assessment_median_wd", *Q2)) == (None, None, 0)


def test_missing_list_gives_null():
    assert triple(run_kpi({3: []}, "assessments_completed", *Q2)) == (None, None, None)
    assert triple(run_kpi({3: []}, "assessments_within_45wd_pct", *Q2)) == (None, None, None)


def test_team_breakdowns_add_up_to_the_whole():
    rows = [a("1", EASTER_START, WD45, allocated_team="North", child_seen="Yes"),   # 45: within
            a("2", EASTER_START, WD46, allocated_team="North", child_seen="No"),    # 46: not
            a("3", date(2025, 6, 2), date(2025, 6, 2), allocated_team="South", child_seen="Yes"),  # 0
            a("4", date(2025, 6, 16), date(2025, 6, 20), allocated_team=None),      # 4
            a("5", date(2025, 1, 6), date(2025, 1, 31), allocated_team="East")]     # outside June
    teams, whole = run_by_team({4: rows}, "assessments_within_45wd_pct", *JUNE)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {
        "North": (1, 2), "South": (1, 1), "Unallocated": (1, 1), "East": (0, 0)}
    assert triple(whole) == (75.0, 3, 4)
    teams, whole = run_by_team({4: rows}, "assessments_child_seen_pct", *JUNE)
    assert sum(f.numerator for f in teams.values()) == whole.numerator == 2
    assert sum(f.denominator for f in teams.values()) == whole.denominator == 4
    teams, whole = run_by_team({4: rows}, "assessment_median_wd", *JUNE)
    assert {t: f.value for t, f in teams.items()} == {"North": 45.5, "South": 0.0, "Unallocated": 4.0, "East": None}
    assert triple(whole) == (24.5, None, 4)   # median of 0, 4, 45, 46
    teams, whole = run_by_team({4: rows}, "assessments_completed", *JUNE)
    assert {t: f.value for t, f in teams.items()} == {"North": 2, "South": 1, "Unallocated": 1, "East": 0}
    assert whole.value == 4
