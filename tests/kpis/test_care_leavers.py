from datetime import date

from .helpers import children, run_by_team, run_kpi

END_MAR = (date(2025, 3, 1), date(2025, 3, 31))
FEB = (date(2025, 2, 1), date(2025, 2, 28))


def leaver(child_id, dob=date(2005, 6, 1), **more):
    return {"child_id": child_id, "date_of_birth": dob, "in_touch": "Yes", **more}


def triple(fig):
    return fig.value, fig.numerator, fig.denominator


def test_aged_19_to_21_at_end_in_completed_years():
    rows = [
        leaver("A", dob=date(2006, 3, 31)),   # 19th birthday on the end date: in
        leaver("B", dob=date(2006, 4, 1)),    # 18: out
        leaver("C", dob=date(2003, 4, 1)),    # 21 (22 tomorrow): in
        leaver("D", dob=date(2003, 3, 31)),   # 22nd birthday on the end date: out
        leaver("E", dob=None),                # no date of birth: left out, counted as excluded
        leaver("F", dob=date(2005, 1, 1)), leaver("F", dob=date(2005, 1, 1)),   # one child on two rows
    ]
    fig = run_kpi({9: rows}, "cl_19_21", *END_MAR)
    assert (fig.value, fig.numerator, fig.denominator, fig.excluded) == (3, 3, None, 1)
    assert children({9: rows}, "cl_19_21", *END_MAR)["numerator"] == ["A", "C", "F"]


def test_29_february_birthday_reaches_19_on_1_march_in_a_common_year():
    rows = [leaver("A", dob=date(2004, 2, 29))]
    assert run_kpi({9: rows}, "cl_19_21", date(2023, 2, 1), date(2023, 2, 28)).value == 0
    assert run_kpi({9: rows}, "cl_19_21", date(2023, 3, 1), date(2023, 3, 1)).value == 1
    assert run_kpi({9: rows}, "cl_19_21", date(2024, 2, 1), date(2024, 2, 29)).value == 1


def test_died_nreq_and_rhom_are_excluded():
    # canonical codes (the reader maps "In touch", "01", "1 - Yes" to Yes and keeps Died/Refu/NREQ/Rhom apart)
    rows = [leaver("A", in_touch="Died"), leaver("B", in_touch="NREQ"), leaver("C", in_touch="Rhom"),
            leaver("D", in_touch="No"), leaver("E", in_touch="Refu"), leaver("F", in_touch=None),
            leaver("G", in_touch="Yes")]
    assert triple(run_kpi({9: rows}, "cl_19_21", *END_MAR)) == (4, 4, None)
    assert triple(run_kpi({9: rows}, "cl_in_touch_pct", *END_MAR)) == (25.0, 1, 4)
    assert children({9: rows}, "cl_in_touch_pct", *END_MAR) == {"numerator": ["G"],
                                                              "denominator": ["D", "E", "F", "G"]}


def test_suitable_accommodation_and_eet():
    rows = [leaver("A", accommodation_suitability="Suitable", activity="F1"),
            leaver("B", accommodation_suitability="Unsuitable", activity="P5"),
            leaver("C", accommodation_suitability="Suitable", activity="G6"),   # G6 (pregnancy/parenting): not EET
            leaver("D", accommodation_suitability=None, activity=None),
            leaver("E", accommodation_suitability="Suitable", activity="F2", in_touch="Died"),
            leaver("F", accommodation_suitability="Suitable", activity="F1", dob=date(2010, 1, 1))]   # 15
    assert triple(run_kpi({9: rows}, "cl_suitable_accommodation_pct", *END_MAR)) == (50.0, 2, 4)
    assert triple(run_kpi({9: rows}, "cl_eet_pct", *END_MAR)) == (50.0, 2, 4)
    assert children({9: rows}, "cl_eet_pct", *END_MAR)["numerator"] == ["A", "B"]


def test_pathway_plans_reviewed_in_the_six_months_to_end_for_all_ages():
    # end 28 Feb 2025: end - 6 months = 28 Aug 2024
    rows = [leaver("A", pathway_plan_review=date(2024, 8, 28), dob=date(2007, 1, 1)),   # 18: still counts
            leaver("B", pathway_plan_review=date(2024, 8, 27)),
            leaver("C", pathway_plan_review=date(2025, 2, 28)),
            leaver("D", pathway_plan_review=None),          # never reviewed: in the denominator, not in date
            leaver("E", pathway_plan_review=date(2025, 1, 1), in_touch="Rhom"),
            leaver("F", pathway_plan_review=date(2025, 1, 1), dob=None)]   # age not needed here
    assert triple(run_kpi({9: rows}, "cl_pathway_plan_in_date_pct", *FEB)) == (60.0, 3, 5)
    assert children({9: rows}, "cl_pathway_plan_in_date_pct", *FEB) == {"numerator": ["A", "C", "F"],
                                                                        "denominator": ["A", "B", "C", "D", "F"]}


def test_pathway_plan_window_from_31_august_end_reaches_back_to_29_february():
    rows = [leaver("A", pathway_plan_review=date(2024, 2, 29)), leaver("B", pathway_plan_review=date(2024, 2, 28))]
    fig = run_kpi({9: rows}, "cl_pathway_plan_in_date_pct", date(2024, 8, 1), date(2024, 8, 31))
    assert triple(fig) == (50.0, 1, 2)


def test_pathway_review_months_is_a_setting():
    rows = [leaver("A", pathway_plan_review=date(2024, 11, 27))]
    assert run_kpi({9: rows}, "cl_pathway_plan_in_date_pct", *FEB).value == 100.0
    assert run_kpi({9: rows}, "cl_pathway_plan_in_date_pct", *FEB, settings={"pathway_review_months": 3}).value == 0.0


def test_empty_cohorts_and_missing_list():
    for kpi_id in ("cl_in_touch_pct", "cl_suitable_accommodation_pct", "cl_eet_pct", "cl_pathway_plan_in_date_pct"):
        assert triple(run_kpi({9: []}, kpi_id, *END_MAR)) == (None, 0, 0), kpi_id
        assert triple(run_kpi({9: [leaver("A", dob=date(2015, 1, 1), in_touch="Died")]}, kpi_id, *END_MAR)) == (
            None, 0, 0), kpi_id
        assert triple(run_kpi({8: []}, kpi_id, *END_MAR)) == (None, None, None), kpi_id
    assert triple(run_kpi({9: []}, "cl_19_21", *END_MAR)) == (0, 0, None)


def test_team_breakdowns_add_up_to_the_whole():
    rows = [leaver("A", allocated_team="North", activity="F1"), leaver("B", allocated_team="North", activity="G4"),
            leaver("C", allocated_team="South", activity="P2"), leaver("D", allocated_team=None, activity="G6")]
    teams, whole = run_by_team({9: rows}, "cl_eet_pct", *END_MAR)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {
        "North": (1, 2), "South": (1, 1), "Unallocated": (0, 1)}
    assert triple(whole) == (50.0, 2, 4)
