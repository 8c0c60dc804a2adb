from datetime import date

from triangulate.kpis.periods import Period

from .helpers import children, engine, run_by_team, run_kpi

JAN = (date(2025, 1, 1), date(2025, 1, 31))
FEB = (date(2025, 2, 1), date(2025, 2, 28))
MAR = (date(2025, 3, 1), date(2025, 3, 31))


def cla(child_id, start=date(2020, 1, 1), end=None, **more):
    return {"child_id": child_id, "cla_start": start, "cla_end": end, "legal_status": "C2", **more}


def triple(fig):
    return fig.value, fig.numerator, fig.denominator


# --- cla_open, cla_rate, starts, ceased ---

def test_cla_open_counts_distinct_children_open_at_end_and_excludes_short_breaks():
    rows = [
        cla("A", start=date(2025, 1, 31)),                        # started on the end date: open
        cla("B", start=date(2024, 6, 1), end=date(2025, 1, 31)),  # ceased on the end date: not open
        cla("C", start=date(2024, 6, 1), end=date(2025, 2, 1)),   # ceased the day after: open
        cla("D", start=date(2025, 2, 1)),                         # starts after the end
        cla("E", legal_status="V3"),                              # short breaks
        cla("F", legal_status="V4"),
        cla("G", legal_status=None),                              # unknown legal status is not a short break
        cla("H"), cla("H", start=date(2021, 1, 1)),               # two open rows: one child
        cla("I", start=None),                                     # no start date: left out, excluded
    ]
    fig = run_kpi({8: rows}, "cla_open", *JAN)
    assert triple(fig) == (4, 4, None)
    assert fig.excluded == 1
    assert children({8: rows}, "cla_open", *JAN)["numerator"] == ["A", "C", "G", "H"]


def test_cla_open_drill_down_ids():
    rows = [cla("A", start=date(2025, 1, 31)), cla("C", start=date(2024, 6, 1), end=date(2025, 2, 1)),
            cla("G", legal_status=None), cla("H"), cla("H"), cla("E", legal_status="V3")]
    assert children({8: rows}, "cla_open", *JAN) == {"numerator": ["A", "C", "G", "H"],
                                                    "denominator": ["A", "C", "G", "H"]}


def test_cla_rate_is_a_snapshot_rate_not_annualised():
    rows = [cla(str(i)) for i in range(3)] + [cla("X", legal_status="V3")]
    fig = run_kpi({8: rows}, "cla_rate", *JAN, population=20_000)
    assert fig.value == 3 / 20_000 * 10_000
    assert (fig.numerator, fig.denominator) == (3, 20_000)


def test_cla_starts_and_ceased_count_episodes_in_the_period_inclusive():
    rows = [
        cla("A", start=date(2025, 1, 1)),
        cla("B", start=date(2025, 1, 31), end=date(2025, 1, 31)),   # same-day start and end: both
        cla("C", start=date(2024, 12, 31), end=date(2025, 2, 1)),   # neither
        cla("D", start=date(2025, 1, 10), legal_status="V3"),       # short break: neither
        cla("E", start=date(2024, 1, 1), end=date(2025, 1, 1)),
        cla("F", start=None, end=None),
    ]
    assert triple(run_kpi({8: rows}, "cla_starts", *JAN)) == (2, 2, None)
    assert triple(run_kpi({8: rows}, "cla_ceased", *JAN)) == (2, 2, None)
    assert children({8: rows}, "cla_ceased", *JAN)["numerator"] == ["B", "E"]


def test_a_missing_list_gives_null_and_an_empty_cohort_gives_null_percentages():
    assert triple(run_kpi({9: []}, "cla_open", *JAN)) == (None, None, None)
    assert triple(run_kpi({8: []}, "cla_open", *JAN)) == (0, 0, None)
    for kpi_id in ("cla_3plus_placements_pct", "cla_long_term_stability_pct", "cla_reviews_in_timescale_pct",
                   "cla_visits_in_timescale_pct", "cla_health_assessment_pct", "cla_dental_check_pct",
                   "cla_missing_pct", "cla_out_of_area_pct", "cla_s20_pct"):
        assert triple(run_kpi({8: []}, kpi_id, *JAN)) == (None, 0, 0), kpi_id
        # only short breaks: still empty
        assert triple(run_kpi({8: [cla("A", legal_status="V4")]}, kpi_id, *JAN)) == (None, 0, 0), kpi_id
    assert triple(run_kpi({8: [cla("A", legal_status="V4", uasc="Yes")]}, "cla_uasc", *JAN)) == (0, 0, None)


# --- simple "of cla_open" percentages ---

def test_three_plus_placements():
    rows = [cla("A", placements_last_12m=3), cla("B", placements_last_12m=2), cla("C", placements_last_12m=None),
            cla("D", placements_last_12m=5, end=date(2025, 1, 15)),   # closed: not in the cohort
            cla("E", placements_last_12m=4, legal_status="V3")]
    assert triple(run_kpi({8: rows}, "cla_3plus_placements_pct", *JAN)) == (100 / 3, 1, 3)


def test_a_child_with_two_open_rows_counts_once_and_in_the_numerator_if_either_row_qualifies():
    rows = [cla("A", placements_last_12m=1), cla("A", placements_last_12m=3), cla("B", placements_last_12m=0)]
    assert triple(run_kpi({8: rows}, "cla_3plus_placements_pct", *JAN)) == (50.0, 1, 2)


def test_missing_s20_out_of_area_and_uasc():
    rows = [
        # canonical codes: the reader maps "Out of LA area", "b) Outside LA boundary"... to Out
        cla("A", missing_episodes_12m=1, legal_status="V2", placement_location="Out", uasc="Yes"),
        cla("B", missing_episodes_12m=0, legal_status="C2", placement_location="In", uasc="No"),
        cla("C", missing_episodes_12m=None, legal_status="V2", placement_location="Out", uasc=None),
        cla("D", missing_episodes_12m=3, legal_status="E1", placement_location="Out"),
        cla("E", legal_status="C1", placement_location=None),
        cla("F", legal_status="C1", placement_location="In"),
        cla("G", legal_status="V3", placement_location="Out", missing_episodes_12m=2, uasc="Yes"),  # short break
    ]
    assert triple(run_kpi({8: rows}, "cla_missing_pct", *JAN)) == (100 * 2 / 6, 2, 6)
    assert triple(run_kpi({8: rows}, "cla_s20_pct", *JAN)) == (100 * 2 / 6, 2, 6)
    assert triple(run_kpi({8: rows}, "cla_out_of_area_pct", *JAN)) == (50.0, 3, 6)
    assert children({8: rows}, "cla_out_of_area_pct", *JAN)["numerator"] == ["A", "C", "D"]
    assert triple(run_kpi({8: rows}, "cla_uasc", *JAN)) == (1, 1, None)
    assert children({8: rows}, "cla_uasc", *JAN) == {"numerator": ["A"], "denominator": list("ABCDEF")}


# --- reviews ---

def test_review_plus_six_months_on_the_end_date_is_not_overdue_a_day_later_is():
    # 31 Aug 2024 + 6 months = 28 Feb 2025 (clamped); 28 Aug 2024 + 6 months = 28 Feb 2025 too
    rows = [cla("A", latest_review=date(2024, 8, 31)), cla("B", latest_review=date(2024, 8, 28)),
            cla("C", latest_review=date(2024, 8, 27))]
    assert children({8: rows}, "cla_reviews_in_timescale_pct", *FEB)["numerator"] == ["A", "B"]
    fig = run_kpi({8: rows}, "cla_reviews_in_timescale_pct", date(2025, 3, 1), date(2025, 3, 1))
    assert triple(fig) == (0.0, 0, 3)


def test_review_from_29_february_is_due_on_29_august():
    rows = [cla("A", latest_review=date(2024, 2, 29))]
    assert run_kpi({8: rows}, "cla_reviews_in_timescale_pct", date(2024, 8, 1), date(2024, 8, 29)).value == 100.0
    assert run_kpi({8: rows}, "cla_reviews_in_timescale_pct", date(2024, 8, 1), date(2024, 8, 30)).value == 0.0


def test_first_review_is_due_within_20_working_days_counting_bank_holidays():
    # to Fri 10 Jan 2025: 7 working days in January (1 Jan is a holiday) and 13 back to Tue 10 Dec
    # (25 and 26 Dec are holidays), so wd(10 Dec, 10 Jan) = 20: not overdue; wd(9 Dec, 10 Jan) = 21: overdue.
    end = date(2025, 1, 10)
    rows = [cla("A", start=date(2024, 12, 10)), cla("B", start=date(2024, 12, 9)),
            cla("C", start=end),                                             # same day: 0 working days
            cla("D", start=date(2024, 12, 9), latest_review=date(2024, 12, 20))]
    fig = run_kpi({8: rows}, "cla_reviews_in_timescale_pct", date(2025, 1, 1), end)
    assert triple(fig) == (75.0, 3, 4)
    assert children({8: rows}, "cla_reviews_in_timescale_pct", date(2025, 1, 1), end)["numerator"] == ["A", "C", "D"]


# --- visits ---

def test_visits_within_30_working_days_counting_bank_holidays_and_not_after_the_end():
    # to Fri 31 Jan 2025: 22 working days in January and 8 from 18 Dec (skipping 25, 26 Dec): wd(17 Dec) = 30
    rows = [cla("A", last_visit=date(2024, 12, 17)), cla("B", last_visit=date(2024, 12, 16)),
            cla("C", last_visit=date(2025, 1, 31)),          # same day
            cla("D", last_visit=date(2025, 2, 3)),           # after the end: not in timescale
            cla("E", last_visit=None),                       # no visit recorded: in the denominator, not in time
            cla("F", last_visit=date(2025, 1, 20), legal_status="V4")]
    assert triple(run_kpi({8: rows}, "cla_visits_in_timescale_pct", *JAN)) == (40.0, 2, 5)
    assert children({8: rows}, "cla_visits_in_timescale_pct", *JAN) == {"numerator": ["A", "C"],
                                                                       "denominator": ["A", "B", "C", "D", "E"]}


def test_visit_standard_is_a_setting():
    rows = [cla("A", last_visit=date(2024, 12, 17))]
    assert run_kpi({8: rows}, "cla_visits_in_timescale_pct", *JAN, settings={"cla_visit_wd": 29}).value == 0.0


# --- stability, health, dental ---

def test_long_term_stability_cohort_and_boundaries():
    # end 28 Feb 2025: end - 30 months = 28 Aug 2022, end - 24 months = 28 Feb 2023
    dob = date(2012, 5, 5)
    rows = [
        cla("A", start=date(2022, 8, 28), date_of_birth=dob, placement_start=date(2023, 2, 28)),   # in, num
        cla("B", start=date(2022, 8, 28), date_of_birth=dob, placement_start=date(2023, 3, 1)),    # in, not num
        cla("C", start=date(2022, 8, 29), date_of_birth=dob, placement_start=date(2022, 8, 29)),   # started late
        cla("D", start=date(2020, 1, 1), date_of_birth=date(2009, 2, 28), placement_start=date(2021, 1, 1)),  # 16
        cla("E", start=date(2020, 1, 1), date_of_birth=date(2008, 2, 29), placement_start=date(2021, 1, 1)),  # 16
        cla("F", start=date(2020, 1, 1), date_of_birth=date(2009, 3, 1), placement_start=date(2021, 1, 1)),   # 15
        cla("G", start=date(2020, 1, 1), date_of_birth=None, placement_start=date(2021, 1, 1)),   # no dob
        cla("H", start=date(2020, 1, 1), date_of_birth=dob, placement_start=None),                # no placement date
    ]
    assert children({8: rows}, "cla_long_term_stability_pct", *FEB) == {"numerator": ["A", "F"],
                                                                       "denominator": ["A", "B", "F"]}
    assert triple(run_kpi({8: rows}, "cla_long_term_stability_pct", *FEB)) == (200 / 3, 2, 3)


def test_a_29_february_birthday_on_the_end_date():
    row = cla("A", start=date(2020, 1, 1), date_of_birth=date(2008, 2, 29), placement_start=date(2021, 1, 1))
    # 15 on 28 Feb 2024, 16 on 29 Feb 2024 (the birthday on the end date counts)
    assert run_kpi({8: [row]}, "cla_long_term_stability_pct", date(2024, 2, 1), date(2024, 2, 28)).denominator == 1
    assert run_kpi({8: [row]}, "cla_long_term_stability_pct", date(2024, 2, 1), date(2024, 2, 29)).denominator == 0


def test_born_29_february_is_under_5_until_1_march_in_a_common_year():
    row = cla("A", start=date(2023, 1, 1), date_of_birth=date(2020, 2, 29), last_health_assessment=date(2024, 8, 1))
    # on 28 Feb 2025 aged 4: six-month rule (from 28 Aug 2024): out of time
    assert triple(run_kpi({8: [row]}, "cla_health_assessment_pct", *FEB)) == (0.0, 0, 1)
    # on 1 Mar 2025 aged 5: twelve-month rule (from 1 Mar 2024): in time
    assert triple(run_kpi({8: [row]}, "cla_health_assessment_pct", date(2025, 3, 1), date(2025, 3, 1))) == (100.0, 1, 1)


def test_health_assessments_six_months_for_under_fives_twelve_otherwise():
    # end 28 Feb 2025: end - 12 months = 28 Feb 2024, end - 6 months = 28 Aug 2024
    start = date(2024, 2, 28)   # exactly end - 12 months: in the cohort
    rows = [
        cla("A", start=start, date_of_birth=date(2020, 2, 29), last_health_assessment=date(2024, 8, 28)),  # 4: in
        cla("B", start=start, date_of_birth=date(2020, 2, 29), last_health_assessment=date(2024, 8, 27)),  # 4: out
        cla("C", start=start, date_of_birth=date(2020, 2, 28), last_health_assessment=date(2024, 2, 28)),  # 5: in
        cla("D", start=start, date_of_birth=date(2015, 1, 1), last_health_assessment=date(2024, 2, 27)),   # out
        cla("E", start=date(2024, 2, 29), date_of_birth=date(2015, 1, 1),
            last_health_assessment=date(2025, 1, 1)),                               # in care under 12 months
        cla("F", start=start, date_of_birth=date(2015, 1, 1), last_health_assessment=None),      # none: out of time
        cla("G", start=start, date_of_birth=None, last_health_assessment=date(2025, 1, 1)),      # no dob: excluded
        cla("H", start=start, date_of_birth=date(2015, 1, 1), last_health_assessment=date(2025, 1, 1),
            end=date(2025, 2, 28)),                                                 # ceased on the end date
    ]
    assert children({8: rows}, "cla_health_assessment_pct", *FEB) == {"numerator": ["A", "C"],
                                                                     "denominator": ["A", "B", "C", "D", "F"]}
    fig = run_kpi({8: rows}, "cla_health_assessment_pct", *FEB)
    assert (*triple(fig), fig.excluded) == (40.0, 2, 5, 1)


def test_dental_checks_within_twelve_months_from_a_29_february_end():
    # end 29 Feb 2024: end - 12 months = 28 Feb 2023
    rows = [cla("A", start=date(2023, 2, 28), last_dental_check=date(2023, 2, 28)),
            cla("B", start=date(2023, 2, 28), last_dental_check=date(2023, 2, 27)),
            cla("C", start=date(2023, 3, 1), last_dental_check=date(2024, 1, 1)),
            cla("D", start=date(2022, 1, 1), last_dental_check=None)]   # no check recorded: not in time
    fig = run_kpi({8: rows}, "cla_dental_check_pct", date(2024, 2, 1), date(2024, 2, 29))
    assert triple(fig) == (100 / 3, 1, 3)


# --- teams and several periods ---

def test_team_breakdowns_add_up_to_the_whole():
    rows = [cla("A", allocated_team="North", placements_last_12m=3),
            cla("B", allocated_team="South", placements_last_12m=1),
            cla("C", allocated_team=None, placements_last_12m=4),
            cla("D", allocated_team="North", placements_last_12m=0),
            cla("D", allocated_team="South", placements_last_12m=3),   # one child, counted once (numerator row)
            cla("E", allocated_team="West", placements_last_12m=9, legal_status="V3")]
    teams, whole = run_by_team({8: rows}, "cla_3plus_placements_pct", *JAN)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {
        "North": (1, 1), "South": (1, 2), "Unallocated": (1, 1), "West": (0, 0)}
    assert triple(whole) == (75.0, 3, 4)
    teams, whole = run_by_team({8: rows}, "cla_open", *JAN)
    assert sum(f.value for f in teams.values()) == whole.value == 4
    assert teams["West"].value == 0


def test_several_periods_in_one_run():
    rows = [cla("A", start=date(2025, 1, 15), end=date(2025, 2, 10)), cla("B", start=date(2025, 2, 28))]
    periods = [Period(*JAN), Period(*FEB), Period(*MAR)]
    results = engine({8: rows}).run(periods, kpi_ids=["cla_open", "cla_starts", "cla_ceased"])
    assert [f.value for f in results.kpis["cla_open"]] == [1, 1, 1]
    assert [f.value for f in results.kpis["cla_starts"]] == [1, 1, 0]
    assert [f.value for f in results.kpis["cla_ceased"]] == [0, 1, 0]
