"""kpis.md "Missing facts" and "Coverage": which rows are left out of a KPI, and `excluded` counting them.

Tables are built by hand; a cell the reader could not read is None with its key in `_unreadable`
(helpers.table). Every expectation is worked out in the comments.
"""

from datetime import date

from triangulate.kpis.periods import Period, calendar_months

from .helpers import engine, run_kpi

JAN = (date(2025, 1, 1), date(2025, 1, 31))
OLD = date(2024, 1, 1)


def four(fig):
    return fig.value, fig.numerator, fig.denominator, fig.excluded


def plans():
    return [
        {"child_id": "A", "cp_start": OLD, "seen_alone": "Yes"},                      # open
        {"child_id": "B", "cp_start": OLD, "_unreadable": ("cp_end",)},               # may have ended: excluded
        {"child_id": "C", "cp_start": date(2025, 2, 1), "_unreadable": ("cp_end",)},  # starts after: not a candidate
        {"child_id": "D", "cp_start": None},                                          # no start, no end: excluded
        {"child_id": "E", "cp_start": None, "cp_end": date(2024, 6, 1)},              # ended before: placed (closed)
        {"child_id": "F", "cp_start": None, "cp_end": date(2025, 3, 1)},              # may be open: excluded
        {"child_id": "G", "cp_start": OLD, "_unreadable": ("seen_alone",)},           # open, answer unreadable
        {"child_id": "H", "cp_start": OLD, "seen_alone": None},                       # open, answer blank
    ]


def test_open_at_end_leaves_out_rows_that_cannot_be_placed_and_counts_them():
    # open: A, G, H; excluded: B (unreadable end), D and F (no start, not shown closed)
    assert four(run_kpi({7: plans()}, "cp_open", *JAN)) == (3, 3, None, 3)


def test_an_unreadable_end_date_is_excluded_from_ended_counts_a_blank_one_is_not_ended():
    # ended in January: none; B and C have unreadable end dates (cannot be placed), the rest are blank or outside
    assert four(run_kpi({7: plans()}, "cp_ended", *JAN)) == (0, 0, None, 2)
    # starts: none in January; D, E, F have no start date
    assert four(run_kpi({7: plans()}, "cp_starts", *JAN)) == (0, 0, None, 3)


def test_an_unreadable_yes_no_leaves_the_row_out_a_blank_one_stays_in_the_denominator():
    # cohort A, G, H open (+ B, D, F excluded); G unreadable: excluded; H blank: denominator only
    assert four(run_kpi({7: plans()}, "cp_seen_alone_pct", *JAN)) == (50.0, 1, 2, 4)


def test_a_missing_cohort_date_is_excluded_in_every_period():
    rows = [{"child_id": "1", "contact_date": date(2025, 2, 10)}, {"child_id": "2", "contact_date": None}]
    results = engine({1: rows}).run(calendar_months(date(2025, 3, 31), 3), kpi_ids=["contacts"])
    assert [(f.value, f.excluded) for f in results.kpis["contacts"]] == [(0, 1), (1, 1), (0, 1)]


def test_measured_dates_missing_or_unreadable_count_as_not_in_timescale():
    rows = [{"child_id": "A", "cla_start": OLD, "legal_status": "C2", "last_visit": date(2025, 1, 30)},
            {"child_id": "B", "cla_start": OLD, "legal_status": "C2", "last_visit": None},
            {"child_id": "C", "cla_start": OLD, "legal_status": "C2", "_unreadable": ("last_visit",)}]
    assert four(run_kpi({8: rows}, "cla_visits_in_timescale_pct", *JAN)) == (100 / 3, 1, 3, 0)
    reviews = [{"child_id": "A", "cp_start": OLD, "latest_review": date(2024, 12, 1)},
               {"child_id": "B", "cp_start": date(2025, 1, 2)},                        # new plan, not yet due
               {"child_id": "C", "cp_start": date(2025, 1, 2), "_unreadable": ("latest_review",)}]
    assert four(run_kpi({7: reviews}, "cp_reviews_in_timescale_pct", *JAN)) == (200 / 3, 2, 3, 0)


def test_an_unreadable_legal_status_leaves_an_open_row_out_of_every_children_in_care_kpi():
    rows = [{"child_id": "A", "cla_start": OLD, "legal_status": "V2"},
            {"child_id": "B", "cla_start": OLD, "_unreadable": ("legal_status",)},          # open: excluded
            {"child_id": "C", "cla_start": OLD, "cla_end": date(2024, 6, 1),
             "_unreadable": ("legal_status",)},                                              # closed: not counted
            {"child_id": "D", "cla_start": OLD, "legal_status": None}]                      # blank: not a short break
    assert four(run_kpi({8: rows}, "cla_open", *JAN)) == (2, 2, None, 1)
    assert four(run_kpi({8: rows}, "cla_s20_pct", *JAN)) == (50.0, 1, 2, 1)


def test_a_child_in_the_cohort_through_one_row_is_not_excluded_for_another():
    rows = [{"child_id": "A", "cla_start": OLD, "legal_status": "C2"},
            {"child_id": "A", "cla_start": None, "legal_status": "C2"},      # A is counted through the row above
            {"child_id": "B", "cla_start": None, "legal_status": "C2"}]      # B only has an unplaceable row
    assert four(run_kpi({8: rows}, "cla_open", *JAN)) == (1, 1, None, 1)


def test_referral_nfa_blank_is_neither_yes_nor_no_unreadable_is_excluded():
    day = date(2025, 1, 10)
    rows = [{"child_id": "1", "referral_date": day, "referral_nfa": "Yes"},
            {"child_id": "2", "referral_date": day, "referral_nfa": "No"},
            {"child_id": "3", "referral_date": day, "referral_nfa": None},
            {"child_id": "4", "referral_date": day, "_unreadable": ("referral_nfa",)},
            {"child_id": "5", "referral_date": None, "referral_nfa": "Yes"}]          # cannot be placed
    assert four(run_kpi({3: rows}, "referral_nfa_pct", *JAN)) == (100 / 3, 1, 3, 2)
    assert four(run_kpi({3: rows}, "referrals", *JAN)) == (4, 4, None, 1)


def test_an_unreadable_authorisation_date_cannot_be_placed_a_blank_one_is_still_open():
    rows = [{"child_id": "1", "assessment_start": date(2025, 1, 2), "assessment_authorised": date(2025, 1, 20)},
            {"child_id": "2", "assessment_start": date(2024, 9, 2)},                               # open
            {"child_id": "3", "assessment_start": date(2024, 9, 2), "_unreadable": ("assessment_authorised",)},
            {"child_id": "4", "assessment_start": None, "assessment_authorised": date(2025, 1, 21)}]
    # completed in January: 1 and 4 (4 has no start date, still completed); 3 cannot be placed
    assert four(run_kpi({4: rows}, "assessments_completed", *JAN)) == (2, 2, None, 1)
    # timeliness: 1 only (wd 2 Jan -> 20 Jan = 12); 3 cannot be placed, 4 has no start
    assert four(run_kpi({4: rows}, "assessments_within_45wd_pct", *JAN)) == (100.0, 1, 1, 2)
    # open over 45 wd at 31 Jan: 2 (2 Sep 2024 -> 31 Jan 2025 is far more than 45); 3 may be open: excluded
    assert four(run_kpi({4: rows}, "assessments_open_over_45wd", *JAN)) == (1, 1, None, 1)


def test_care_leavers_without_a_birth_date_or_with_an_unreadable_in_touch_value_are_excluded():
    dob = date(2005, 6, 1)   # 19 on 31 January 2025
    rows = [{"child_id": "A", "date_of_birth": dob, "in_touch": "Yes", "pathway_plan_review": date(2024, 12, 1)},
            {"child_id": "B", "date_of_birth": None, "in_touch": "Yes", "pathway_plan_review": date(2024, 12, 1)},
            {"child_id": "C", "date_of_birth": dob, "_unreadable": ("in_touch",)},
            {"child_id": "D", "date_of_birth": dob, "in_touch": None, "_unreadable": ("activity",)}]
    assert four(run_kpi({9: rows}, "cl_19_21", *JAN)) == (2, 2, None, 2)          # A, D; B and C excluded
    assert four(run_kpi({9: rows}, "cl_in_touch_pct", *JAN)) == (50.0, 1, 2, 2)
    assert four(run_kpi({9: rows}, "cl_eet_pct", *JAN)) == (0.0, 0, 1, 3)         # D's activity unreadable
    # any age: A, B and D (never reviewed: not in date); C excluded
    assert four(run_kpi({9: rows}, "cl_pathway_plan_in_date_pct", *JAN)) == (200 / 3, 2, 3, 1)


def test_caseloads_count_unplaceable_episodes():
    tables = {6: [{"child_id": "A", "cin_start": OLD, "allocated_worker": "W1"},
                  {"child_id": "B", "cin_start": None, "allocated_worker": "W1"},     # unplaceable episode
                  {"child_id": "C", "cin_start": OLD}],                               # open, no worker
              7: [{"child_id": "A", "cp_start": OLD, "_unreadable": ("cp_end",)}]}   # unplaceable; A open anyway
    # W1: A -> 1 pair / 1 worker; B's and A's unplaceable episodes are the excluded rows
    assert four(run_kpi(tables, "avg_caseload", *JAN)) == (1.0, 1.0, 1, 2)
    # open children: A (allocated), C (not); B has only an unplaceable episode
    assert four(run_kpi(tables, "unallocated_open", *JAN)) == (1, 1, None, 1)


def test_hand_built_tables_without_the_reader_columns_work():
    import pyarrow as pa

    from triangulate.kpis.engine import Engine

    table = pa.table({"child_id": ["1", "2"], "contact_date": pa.array([date(2025, 1, 5), None], pa.date32())})
    fig = Engine({1: table}).run([Period(*JAN)], kpi_ids=["contacts"]).kpis["contacts"][0]
    assert four(fig) == (1, 1, None, 1)
