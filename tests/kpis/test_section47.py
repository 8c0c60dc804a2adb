"""Section 47 enquiries and ICPCs (Annex A list 5). Working-day counts are worked out by hand in
the comments (wd(a, b) = working days d with a < d <= b; England bank holidays)."""

from datetime import date

from .helpers import children, run_by_team, run_kpi

Q2 = (date(2025, 4, 1), date(2025, 6, 30))          # 91 days: annualised by 365 / 91
YEAR = (date(2025, 4, 1), date(2026, 3, 31))        # exactly 12 months: not annualised
FEB_2024 = (date(2024, 2, 1), date(2024, 2, 29))

# From Thu 17 Apr 2025 (Good Friday 18 Apr, Easter Monday 21 Apr and Mon 5 May 2025 are bank holidays):
#   Tue 22-Fri 25 Apr = 4; Mon 28 Apr-Fri 2 May = 9; Tue 6-Fri 9 May = 13; Mon 12 May = 14;
#   Tue 13 May = 15; Wed 14 May = 16.
EASTER_START = date(2025, 4, 17)
WD15 = date(2025, 5, 13)
WD16 = date(2025, 5, 14)


def s(child, s47_start, icpc_date=None, **extra):
    return {"child_id": child, "s47_start": s47_start, "icpc_date": icpc_date, **extra}


def triple(fig):
    return (fig.value, fig.numerator, fig.denominator)


def test_s47_enquiries_and_icpcs_count_dates_inside_the_period_inclusive():
    rows = [s("1", date(2025, 4, 1), date(2025, 3, 31)),    # S47 on the start; ICPC the day before
            s("2", date(2025, 6, 30), date(2025, 7, 1)),    # S47 on the end; ICPC the day after
            s("3", date(2025, 3, 31), date(2025, 4, 1)),    # S47 the day before; ICPC on the start
            s("4", date(2025, 7, 1)),                       # S47 the day after
            s("5", None, date(2025, 6, 30)),                # no S47 date; ICPC on the end
            s("6", date(2025, 5, 1))]                       # S47 in period, no ICPC
    assert triple(run_kpi({5: rows}, "s47_enquiries", *Q2)) == (3, 3, None)
    assert children({5: rows}, "s47_enquiries", *Q2)["numerator"] == ["1", "2", "6"]
    assert triple(run_kpi({5: rows}, "icpcs", *Q2)) == (2, 2, None)
    assert children({5: rows}, "icpcs", *Q2)["numerator"] == ["3", "5"]


def test_rates_are_annualised_for_a_quarter_and_not_for_twelve_months():
    rows = [s(str(i), date(2025, 4, 10), date(2025, 5, 1)) for i in range(4)]
    assert run_kpi({5: rows}, "s47_rate", *Q2, population=20_000).value == 4 / 20_000 * 10_000 * 365 / 91
    assert run_kpi({5: rows}, "s47_rate", *YEAR, population=20_000).value == 4 / 20_000 * 10_000
    fig = run_kpi({5: rows}, "icpc_rate", *Q2, population=20_000)
    assert triple(fig) == (4 / 20_000 * 10_000 * 365 / 91, 4, 20_000)
    assert run_kpi({5: rows}, "icpc_rate", *YEAR, population=20_000).value == 4 / 20_000 * 10_000


def test_icpc_within_15_working_days_exactly_15_counts_16_does_not():
    rows = [s("A", EASTER_START, WD15),                         # 15 wd over Easter: within
            s("B", EASTER_START, WD16),                         # 16 wd: not within
            s("C", None, date(2025, 5, 1)),                     # no S47 start: left out
            s("D", date(2025, 5, 20), date(2025, 5, 19)),       # ICPC before the S47: left out
            s("E", date(2025, 6, 2), date(2025, 6, 2)),         # same day: 0 wd, within
            # Thu 20 Mar -> Tue 1 Apr 2025: Fri 21 = 1, Mon 24-Fri 28 = 6, Mon 31 = 7, Tue 1 Apr = 8: within
            s("F", date(2025, 3, 20), date(2025, 4, 1)),
            s("G", date(2025, 6, 20), date(2025, 7, 1))]        # ICPC after the period: not an ICPC of Q2
    assert triple(run_kpi({5: rows}, "icpc_within_15wd_pct", *Q2)) == (75.0, 3, 4)
    assert children({5: rows}, "icpc_within_15wd_pct", *Q2) == {"numerator": ["A", "E", "F"],
                                                                "denominator": ["A", "B", "E", "F"]}


def test_icpc_within_15_working_days_on_a_leap_day():
    # Wed 28 Feb -> Thu 29 Feb 2024 = 1 wd. Thu 8 Feb -> Thu 29 Feb 2024: Fri 9 = 1, 12-16 = 6, 19-23 = 11,
    # 26-28 = 14, Thu 29 = 15: within. Wed 7 Feb -> Thu 29 Feb = 16: not.
    rows = [s("L", date(2024, 2, 28), date(2024, 2, 29)),
            s("M", date(2024, 2, 8), date(2024, 2, 29)),
            s("N", date(2024, 2, 7), date(2024, 2, 29))]
    assert triple(run_kpi({5: rows}, "icpc_within_15wd_pct", *FEB_2024)) == (100 * 2 / 3, 2, 3)
    assert children({5: rows}, "icpc_within_15wd_pct", *FEB_2024)["numerator"] == ["L", "M"]


def test_s47_to_icpc_counts_any_icpc_date_on_the_row():
    rows = [s("A", date(2025, 4, 10), date(2025, 4, 30)),     # ICPC in the period
            s("B", date(2025, 6, 25), date(2025, 7, 10)),     # ICPC after the period: still "with an ICPC date"
            s("C", date(2025, 5, 1), None, icpc_unnecessary="Yes"),   # no ICPC
            s("D", date(2025, 3, 31), date(2025, 4, 5))]      # S47 before the period: not in the cohort
    assert triple(run_kpi({5: rows}, "s47_to_icpc_pct", *Q2)) == (100 * 2 / 3, 2, 3)
    assert children({5: rows}, "s47_to_icpc_pct", *Q2) == {"numerator": ["A", "B"], "denominator": ["A", "B", "C"]}


def test_icpc_to_cp_plan():
    rows = [s("1", date(2025, 4, 1), date(2025, 4, 20), icpc_to_cp="Yes"),
            s("2", date(2025, 4, 1), date(2025, 4, 20), icpc_to_cp="No"),
            s("3", date(2025, 4, 1), date(2025, 4, 20), icpc_to_cp="Unknown"),
            s("4", None, date(2025, 4, 20)),                                   # empty answer: denominator only
            s("5", date(2025, 3, 1), date(2025, 3, 20), icpc_to_cp="Yes")]     # ICPC before the period
    assert triple(run_kpi({5: rows}, "icpc_to_cp_pct", *Q2)) == (25.0, 1, 4)
    assert children({5: rows}, "icpc_to_cp_pct", *Q2) == {"numerator": ["1"], "denominator": ["1", "2", "3", "4"]}


def test_empty_cohorts_give_nulls_not_crashes():
    rows = [s("1", date(2025, 1, 6), date(2025, 1, 20))]    # nothing in Q2
    assert triple(run_kpi({5: rows}, "s47_enquiries", *Q2)) == (0, 0, None)
    assert triple(run_kpi({5: rows}, "icpcs", *Q2)) == (0, 0, None)
    for kpi_id in ("icpc_within_15wd_pct", "s47_to_icpc_pct", "icpc_to_cp_pct"):
        assert triple(run_kpi({5: rows}, kpi_id, *Q2)) == (None, 0, 0), kpi_id
        assert triple(run_kpi({5: []}, kpi_id, *Q2)) == (None, 0, 0), kpi_id
    assert triple(run_kpi({5: []}, "s47_rate", *Q2)) == (0.0, 0, 10_000)


def test_missing_list_gives_null():
    assert triple(run_kpi({4: []}, "s47_enquiries", *Q2)) == (None, None, None)
    assert triple(run_kpi({4: []}, "icpc_to_cp_pct", *Q2)) == (None, None, None)


def test_team_breakdowns_add_up_to_the_whole():
    rows = [s("1", EASTER_START, WD15, allocated_team="North", icpc_to_cp="Yes"),
            s("2", EASTER_START, WD16, allocated_team="North", icpc_to_cp="Yes"),
            s("3", date(2025, 6, 2), date(2025, 6, 2), allocated_team="South", icpc_to_cp="No"),
            s("4", date(2025, 5, 1), None, allocated_team=None),
            s("5", date(2025, 1, 6), date(2025, 1, 20), allocated_team="East")]
    teams, whole = run_by_team({5: rows}, "icpc_within_15wd_pct", *Q2)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {
        "North": (1, 2), "South": (1, 1), "Unallocated": (0, 0), "East": (0, 0)}
    assert triple(whole) == (100 * 2 / 3, 2, 3)
    teams, whole = run_by_team({5: rows}, "s47_to_icpc_pct", *Q2)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {
        "North": (2, 2), "South": (1, 1), "Unallocated": (0, 1), "East": (0, 0)}
    assert triple(whole) == (75.0, 3, 4)
    teams, whole = run_by_team({5: rows}, "s47_enquiries", *Q2)
    assert {t: f.value for t, f in teams.items()} == {"North": 2, "South": 1, "Unallocated": 1, "East": 0}
    assert whole.value == 4
