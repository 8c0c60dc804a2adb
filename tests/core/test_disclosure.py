"""Disclosure control for aggregate-only readers: every case worked out by hand (core/disclosure.py)."""

import pytest

from triangulate.core.disclosure import (
    SUPPRESSED,
    Figure,
    _recoverable,
    coverage_warning,
    open_cell,
    protect,
    protect_table,
)


def test_a_percentage_whose_numerator_is_small_loses_its_numerator_too():
    # the leak: "14.7% - fewer than 6 of 34" gives 5, since 34 x 14.7% = 5
    cell = protect("pct", Figure(100 * 5 / 34, 5, 34))
    assert (cell.value, cell.numerator, cell.denominator) == (None, None, 34)
    assert cell.hidden and cell.numerator_hidden and not cell.denominator_hidden
    assert cell.reason == SUPPRESSED


def test_a_percentage_whose_complement_is_small_is_suppressed():
    # 31 of 34: the 3 children who did not meet the measure would be given away
    cell = protect("pct", Figure(100 * 31 / 34, 31, 34))
    assert (cell.value, cell.numerator, cell.denominator) == (None, None, 34)


def test_a_percentage_of_a_small_cohort_hides_the_cohort_too():
    cell = protect("pct", Figure(50.0, 2, 4))
    assert (cell.value, cell.numerator, cell.denominator) == (None, None, None)
    assert cell.denominator_hidden
    nought = protect("pct", Figure(0.0, 0, 3))  # 0 of 3: the cohort of 3 is the small number
    assert (nought.value, nought.denominator) == (None, None)


@pytest.mark.parametrize(("n", "d"), [(0, 34), (34, 34), (6, 12), (6, 40)])
def test_zeros_whole_cohorts_and_counts_of_six_are_shown(n, d):
    cell = protect("pct", Figure(100 * n / d, n, d))
    assert (cell.value, cell.numerator, cell.denominator) == (100 * n / d, n, d)
    assert not cell.hidden


@pytest.mark.parametrize(("count", "hidden"), [(0, False), (1, True), (5, True), (6, False), (250, False)])
def test_counts_from_one_to_five_are_fewer_than_six(count, hidden):
    cell = protect("count", Figure(count, count, None))
    assert cell.hidden is hidden
    assert cell.value == (None if hidden else count)
    assert cell.reason == ("fewer than 6" if hidden else "")


def test_a_rate_hides_with_its_count_but_not_the_population():
    small = protect("rate", Figure(5 / 20_000 * 10_000, 5, 20_000))
    assert (small.value, small.numerator, small.denominator) == (None, None, 20_000)
    shown = protect("rate", Figure(3.0, 6, 20_000))
    assert (shown.value, shown.numerator) == (3.0, 6)


def test_a_ratio_hides_when_either_count_is_small():
    few_referrals = protect("ratio", Figure(100 * 5 / 40, 5, 40))
    assert (few_referrals.value, few_referrals.numerator, few_referrals.denominator) == (None, None, None)
    few_contacts = protect("ratio", Figure(300.0, 12, 4))
    assert few_contacts.value is None and few_contacts.denominator is None
    assert protect("ratio", Figure(25.0, 10, 40)).value == 25.0


@pytest.mark.parametrize("unit", ["mean", "median"])
def test_an_average_of_fewer_than_six_children_is_suppressed(unit):
    five = protect(unit, Figure(200.0, 1000.0 if unit == "mean" else None, 5))
    assert (five.value, five.numerator, five.denominator) == (None, None, None)
    six = protect(unit, Figure(200.0, 1200.0 if unit == "mean" else None, 6))
    assert (six.value, six.denominator) == (200.0, 6)


def test_a_value_without_the_count_it_rests_on_is_not_guessed_at():
    assert protect("pct", Figure(50.0, None, None)).hidden
    assert protect("rate", Figure(3.0, None, 20_000)).hidden


@pytest.mark.parametrize(("excluded", "shown"), [(0, 0), (3, None), (7, 7), (None, None)])
def test_excluded_counts_from_one_to_five_are_hidden(excluded, shown):
    cell = protect("count", Figure(40, 40, None, excluded))
    assert cell.excluded == shown
    assert cell.excluded_hidden is (excluded == 3)


def test_open_cells_show_everything():
    cell = open_cell("pct", Figure(100 * 5 / 34, 5, 34, 2))
    assert (cell.value, cell.numerator, cell.denominator, cell.excluded) == (100 * 5 / 34, 5, 34, 2)


# ---- tables: secondary suppression ----------------------------------------------------------------

def _counts(**teams):
    return {team: Figure(n, n, None) for team, n in teams.items()}


def test_a_small_team_is_hidden_with_the_next_smallest_so_the_total_cannot_give_it_away():
    # North 3 alone hidden: 25 - 10 - 12 - 0 = 3. With South (10, the smallest non-zero) hidden too,
    # North + South = 13 and North could be anything from 0 to 13.
    cells, total = protect_table("count", _counts(North=3, South=10, East=12, Unallocated=0), Figure(25, 25, None))
    assert {k for k, c in cells.items() if c.hidden} == {"North", "South"}
    assert (cells["East"].value, cells["Unallocated"].value, total.value) == (12, 0, 25)
    # every hidden cell says the same, so the words do not point at the small one
    assert cells["North"].reason == cells["South"].reason == SUPPRESSED


def test_no_secondary_suppression_when_nothing_is_small_or_the_total_is_itself_hidden():
    cells, _ = protect_table("count", _counts(North=6, South=10), Figure(16, 16, None))
    assert not any(c.hidden for c in cells.values())
    cells, total = protect_table("count", _counts(North=2, South=0), Figure(2, 2, None))
    assert total.hidden and total.reason == "fewer than 6"
    assert cells["North"].hidden and cells["South"].value == 0  # no total to subtract from


def test_a_percentage_table_hides_a_second_team_and_keeps_the_cohorts():
    # North 5 of 34 (14.7%), South 20 of 40, East 30 of 50; council 55 of 124.
    # North alone hidden: 55 - 20 - 30 = 5. South (the next smallest cohort) hidden too: North + South = 25
    # numerators, 29 + 20 = 49 complements, so North is anywhere from 0 to 25.
    rows = {"North": Figure(100 * 5 / 34, 5, 34), "South": Figure(50.0, 20, 40), "East": Figure(60.0, 30, 50)}
    cells, total = protect_table("pct", rows, Figure(100 * 55 / 124, 55, 124))
    assert {k for k, c in cells.items() if c.hidden} == {"North", "South"}
    assert (cells["North"].numerator, cells["North"].denominator) == (None, 34)
    assert (cells["South"].value, cells["South"].denominator) == (None, 40)
    assert (cells["East"].value, cells["East"].numerator) == (60.0, 30)
    assert (total.value, total.numerator, total.denominator) == (100 * 55 / 124, 55, 124)


def test_a_small_complement_in_a_team_is_protected_like_a_small_numerator():
    # North 29 of 32 (3 not in timescale), South 12 of 12, East 40 of 60; council 81 of 104.
    # Complements 3, 0, 20 of 23: North's alone would be 23 - 0 - 20 = 3. The next smallest cohort is South.
    rows = {"North": Figure(100 * 29 / 32, 29, 32), "South": Figure(100.0, 12, 12),
            "East": Figure(100 * 40 / 60, 40, 60)}
    cells, _ = protect_table("pct", rows, Figure(100 * 81 / 104, 81, 104))
    assert {k for k, c in cells.items() if c.hidden} == {"North", "South"}


def test_a_percentage_tables_cohorts_are_hidden_as_the_count_table_of_that_cohort_would_be():
    # North 1 of 4 (cohort of 4), South 5 of 12, East 10 of 20; council 16 of 36. The cohorts alone
    # would give North's 4 (36 - 12 - 20), so South's cohort goes too - exactly the teams a count table
    # of the same cohort (4, 12, 20 of 36) hides, so the two pages cannot be played against each other.
    rows = {"North": Figure(25.0, 1, 4), "South": Figure(100 * 5 / 12, 5, 12), "East": Figure(50.0, 10, 20)}
    cells, _ = protect_table("pct", rows, Figure(100 * 16 / 36, 16, 36))
    hidden = {k for k, c in cells.items() if c.denominator_hidden}
    assert hidden == {"North", "South"}
    counts, _ = protect_table("count", _counts(North=4, South=12, East=20), Figure(36, 36, None))
    assert {k for k, c in counts.items() if c.hidden} == hidden
    assert (cells["East"].value, cells["East"].numerator, cells["East"].denominator) == (50.0, 10, 20)


def test_averages_by_team_hide_a_second_small_cohort():
    rows = {"North": Figure(30.0, 120.0, 4), "South": Figure(25.0, 250.0, 10), "East": Figure(20.0, 240.0, 12)}
    cells, _ = protect_table("mean", rows, Figure(610 / 26, 610.0, 26))
    assert {k for k, c in cells.items() if c.hidden} == {"North", "South"}
    assert cells["East"].value == 20.0


def test_excluded_counts_in_a_series_get_secondary_suppression_too():
    # January 2 left out, February 0, March 7; the year 9: January alone would be 9 - 0 - 7 = 2.
    rows = {"2025-01": Figure(40, 40, None, 2), "2025-02": Figure(38, 38, None, 0),
            "2025-03": Figure(41, 41, None, 7)}
    cells, _ = protect_table("count", rows, Figure(119, 119, None, 9))
    assert [c.excluded for c in cells.values()] == [None, 0, None]


def test_a_hidden_cell_at_its_shown_upper_bound_is_recoverable():
    # A and B hidden, their sum 9; B cannot exceed its cohort of 6, so A is at least 3 - and at most 3.
    assert _recoverable({"A": 3, "B": 6}, {"A", "B"}, 9, {"A": 3, "B": 6})
    assert not _recoverable({"A": 3, "B": 6}, {"A", "B"}, 9, {})


def test_a_single_hidden_cell_is_always_recoverable_from_the_total():
    assert _recoverable({"A": 4, "B": 30}, {"A"}, 34, {})


# ---- coverage -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("unit", "figure", "warn"), [
    ("count", Figure(100, 100, None, 6), True),      # 6 of 106 = 5.7%
    ("count", Figure(114, 114, None, 6), False),     # 6 of 120 = exactly 5%: not over
    ("pct", Figure(50.0, 50, 100, 6), True),         # cohort 100 kept + 6 left out
    ("pct", Figure(50.0, 57, 114, 6), False),
    ("mean", Figure(300.0, 30_000.0, 100, 0), False),
    ("pct", Figure(None, 0, 0, 4), True),            # everything left out
    ("count", Figure(None, None, None, None), False),  # a null KPI
])
def test_a_warning_when_more_than_five_percent_of_the_cohort_is_left_out(unit, figure, warn):
    assert coverage_warning(open_cell(unit, figure)) is warn


def test_a_hidden_excluded_count_warns_on_the_worst_case_only():
    # 3 left out of 200 is hidden: up to 5 of 205 is 2.4%, no warning whatever the true number
    assert coverage_warning(protect("count", Figure(200, 200, None, 3))) is False
    # up to 5 of 55 could be 9%: the warning shows even though 1 of 51 would not warrant it
    assert coverage_warning(protect("count", Figure(50, 50, None, 1))) is True
    assert coverage_warning(protect("count", Figure(50, 50, None, 5))) is True


def test_a_hidden_count_with_a_shown_excluded_count_always_warns():
    # 3 kept (hidden) and 10 left out: whatever the hidden count (1-5), 10 is over 5% of it plus 10
    assert coverage_warning(protect("count", Figure(3, 3, None, 10))) is True
