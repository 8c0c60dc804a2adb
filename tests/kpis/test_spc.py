"""The Making Data Count rules on series worked by hand (kpis/spc.py)."""

import pytest

from triangulate.kpis.spc import MIN_POINTS, NoChart, xmr


def chart(values, polarity="higher"):
    return xmr([f"m{i}" for i in range(len(values))], values, polarity)


def signals(result):
    return {i: (p.rule, p.direction) for i, p in enumerate(result.points) if p.rule}


def test_limits_are_the_mean_plus_or_minus_2_66_mean_moving_ranges():
    # mean 11, every moving range 2: limits 11 ± 5.32, near-limit lines 11 ± 3.5467
    result = chart([10, 12] * 6)
    assert result.mean == pytest.approx(11)
    assert (result.upper, result.lower) == (pytest.approx(16.32), pytest.approx(5.68))
    assert (result.near_upper, result.near_lower) == (pytest.approx(14.54667, abs=1e-4), pytest.approx(7.45333, abs=1e-4))
    assert signals(result) == {}  # alternating about the mean: common cause only
    assert {p.meaning for p in result.points} == {"common cause"}


def test_a_point_outside_the_limits_and_the_shift_it_reveals():
    # mean 162/13 = 12.4615; moving ranges 11 × 2 and 18: mean 40/12 = 3.3333; upper 12.4615 + 8.8667 = 21.33.
    # 30 is outside; every earlier point (10 and 12) is below the mean: a run of 12 on one side.
    result = chart([10, 12] * 6 + [30], polarity="lower")
    assert result.upper == pytest.approx(21.3282, abs=1e-4)
    assert signals(result) == {**{i: ("shift", -1) for i in range(12)}, 12: ("outside", 1)}
    # lower is better: a high point is a concern, the low run an improvement
    assert result.points[12].meaning == "concern" and result.points[0].meaning == "improvement"


def test_six_points_rising_is_a_trend_and_five_is_not():
    # 10 → 11 → 12 → 13 → 14 → 15: five rises, six points (indices 6 to 11)
    result = chart([10, 12, 10, 12, 10, 12, 10, 11, 12, 13, 14, 15])
    assert signals(result) == {i: ("trend", 1) for i in range(6, 12)}
    assert result.points[11].meaning == "improvement"
    # 11 → 12 → 13 → 14: four points, no trend; mean 11.5, no run of 7, nothing near a limit
    assert signals(chart([10, 12, 10, 12, 10, 12, 10, 12, 11, 12, 13, 14])) == {}


def test_two_of_three_near_a_limit_on_one_side():
    # mean 191/16 = 11.9375; moving ranges 11 × 1 then 2, 1, 1, 2: mean 17/15 = 1.1333;
    # near-upper line 11.9375 + 1.7733 × 1.1333 = 13.947, upper limit 14.952.
    # 14, 13, 14 are all above the mean and two of them are near the limit: those two are flagged.
    result = chart([11, 12] * 6 + [14, 13, 14, 12])
    assert result.near_upper == pytest.approx(13.9473, abs=1e-4)
    assert signals(result) == {12: ("two_of_three", 1), 14: ("two_of_three", 1)}
    # contextual polarity: a signal, neither good nor bad
    assert chart([11, 12] * 6 + [14, 13, 14, 12], polarity="contextual").points[12].meaning == "neutral"


def test_a_point_on_the_mean_ends_a_run():
    # mean 10: six below, one on the mean, six above, then back below: no run reaches 7
    values = [9] * 6 + [10] + [11] * 6
    assert chart(values).mean == pytest.approx(10)
    assert all(rule != "shift" for rule, _ in signals(chart(values)).values())
    # seven below in a row does signal, six above does not. Mean 139.4/14 = 9.9571; moving ranges 6 × 0.4,
    # 1.0, 5 × 0.4, 0.2: mean 5.6/13 = 0.4308, so nothing is near a limit (9.19 to 10.72).
    values = [9.5, 9.9] * 3 + [9.5] + [10.5, 10.1] * 3 + [9.9]
    assert chart(values).mean == pytest.approx(9.95714, abs=1e-5)
    assert signals(chart(values)) == {i: ("shift", -1) for i in range(7)}


def test_signals_are_reported_as_runs_with_their_first_and_last_points():
    result = chart([10, 12, 10, 12, 10, 12, 10, 11, 12, 13, 14, 15])
    [(rule, direction, meaning, first, last)] = result.signals()
    assert (rule, direction, meaning, first.label, last.label) == ("trend", 1, "improvement", "m6", "m11")


def test_too_few_figures_give_no_chart_with_the_reason_and_gaps_are_left_out():
    result = chart([10, 12] * 5 + [None, 11])
    assert isinstance(result, NoChart)
    assert f"at least {MIN_POINTS}" in result.reason and "has 11" in result.reason
    with_gap = xmr([f"m{i}" for i in range(13)], [10, 12] * 3 + [None] + [10, 12] * 3, "higher")
    assert [p.label for p in with_gap.points][5:8] == ["m5", "m7", "m8"]
    assert with_gap.mean == pytest.approx(11)
