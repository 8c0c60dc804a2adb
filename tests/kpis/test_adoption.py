from datetime import date

from .helpers import children, run_by_team, run_kpi

Q1 = (date(2025, 1, 1), date(2025, 3, 31))


def order(child_id, on=date(2025, 2, 1), **more):
    return {"child_id": child_id, "adoption_order": on, **more}


def triple(fig):
    return fig.value, fig.numerator, fig.denominator


def test_adoption_orders_in_the_period_inclusive_children_once():
    rows = [order("A", date(2025, 1, 1)), order("B", date(2025, 3, 31)), order("C", date(2024, 12, 31)),
            order("D", date(2025, 4, 1)), order("E", None), order("F"), order("F")]
    assert triple(run_kpi({10: rows}, "adoption_orders", *Q1)) == (3, 3, None)
    assert children({10: rows}, "adoption_orders", *Q1)["numerator"] == ["A", "B", "F"]


def test_a1_uses_the_earlier_of_placed_for_adoption_and_ffa():
    rows = [
        # 1 Jan 2024 -> 1 Mar 2024 (placed) = 60 days (leap year)
        order("A", entered_care=date(2024, 1, 1), placed_for_adoption=date(2024, 3, 1)),
        # FFA earlier: 1 Jan 2024 -> 31 Jan 2024 = 30 days
        order("B", entered_care=date(2024, 1, 1), placed_for_adoption=date(2024, 6, 1), ffa_placement=date(2024, 1, 31)),
        # only FFA, same day: 0 days
        order("C", entered_care=date(2024, 5, 5), ffa_placement=date(2024, 5, 5)),
        order("D", entered_care=None, placed_for_adoption=date(2024, 3, 1)),         # left out: excluded
        order("E", entered_care=date(2024, 1, 1)),                                   # no placement date: excluded
        order("F", date(2025, 4, 1), entered_care=date(2024, 1, 1), placed_for_adoption=date(2024, 2, 1)),  # outside
    ]
    fig = run_kpi({10: rows}, "a1_avg_days", *Q1)
    assert triple(fig) == (30.0, 90.0, 3)
    assert fig.excluded == 2
    assert children({10: rows}, "a1_avg_days", *Q1)["denominator"] == ["A", "B", "C"]


def test_a2_needs_both_dates():
    rows = [order("A", placement_order=date(2024, 2, 28), matching=date(2024, 3, 1)),   # 2 days (29 Feb)
            order("B", placement_order=date(2023, 2, 28), matching=date(2023, 3, 1)),   # 1 day
            order("C", placement_order=date(2024, 1, 1), matching=None),
            order("D", placement_order=None, matching=date(2024, 1, 1))]
    assert triple(run_kpi({10: rows}, "a2_avg_days", *Q1)) == (1.5, 3.0, 2)


def test_empty_cohorts_give_null_averages():
    for kpi_id in ("a1_avg_days", "a2_avg_days"):
        assert run_kpi({10: []}, kpi_id, *Q1).value is None
        assert run_kpi({10: [order("A", date(2024, 1, 1), placement_order=date(2023, 1, 1),
                                   matching=date(2023, 2, 1))]}, kpi_id, *Q1).value is None
        assert run_kpi({10: [order("A")]}, kpi_id, *Q1).value is None
        assert triple(run_kpi({8: []}, kpi_id, *Q1)) == (None, None, None)
    assert triple(run_kpi({10: []}, "adoption_orders", *Q1)) == (0, 0, None)


def test_list_10_has_no_team_so_adoption_kpis_have_no_team_breakdown():
    rows = [order("A", entered_care=date(2024, 1, 1), placed_for_adoption=date(2024, 1, 11)),
            order("B", entered_care=date(2024, 1, 1), placed_for_adoption=date(2024, 1, 21))]
    for kpi_id in ("a1_avg_days", "adoption_orders"):
        teams, whole = run_by_team({10: rows}, kpi_id, *Q1)
        assert teams == {}, kpi_id      # never all under "Unallocated"
    assert triple(whole) == (2, 2, None)


def test_missing_and_unreadable_dates_are_counted_as_excluded():
    rows = [
        order("A", entered_care=date(2024, 1, 1), placed_for_adoption=date(2024, 1, 11),
              placement_order=date(2024, 1, 1), matching=date(2024, 1, 5)),      # 10 days; 4 days
        order("B", None),                                                        # no order yet: not a row of Q1
        order("C", None, _unreadable=("adoption_order",)),                       # cannot be placed: excluded
        order("D", entered_care=None, placed_for_adoption=date(2024, 1, 11)),    # A1 cannot be measured
        order("E", entered_care=date(2024, 1, 1), placed_for_adoption=None, ffa_placement=date(2024, 1, 3),
              _unreadable=("placed_for_adoption",)),                             # the earlier date is unknown
    ]
    assert figure(run_kpi({10: rows}, "adoption_orders", *Q1)) == (3, 3, None, 1)      # A, D, E; C excluded
    assert figure(run_kpi({10: rows}, "a1_avg_days", *Q1)) == (10.0, 10.0, 1, 3)      # C, D, E excluded
    assert figure(run_kpi({10: rows}, "a2_avg_days", *Q1)) == (4.0, 4.0, 1, 3)        # C, D, E lack a date


def figure(fig):
    return fig.value, fig.numerator, fig.denominator, fig.excluded
