"""The top 10's ranking and the learning loop's recurring themes (docs/design/improvement.md §5, §6), pinned by
hand-worked scores."""

from datetime import date, timedelta

import pytest

from triangulate.improvement.evidence.registry import Signal
from triangulate.improvement.ranking import rank, recurring

TODAY = date(2026, 12, 1)
HALF_YEAR = timedelta(days=182)
AREA, STRENGTH = "area_for_development", "strength"


def sig(kind, theme, source, on=TODAY, weight=1):
    return Signal(kind=kind, theme=theme, source=source, on=on, weight=weight)


def test_scores_weigh_frequency_severity_recency_and_breadth():
    signals = [
        # visits: audits (weight 2, today) + practice (today) + an old finding (six months: half) → 3.5 × 2 = 7.0
        sig(AREA, "visits", "audits", weight=2), sig(AREA, "visits", "practice"),
        sig(AREA, "visits", "findings", on=TODAY - HALF_YEAR),
        # planning: four practice signals today, one source → 4.0
        *[sig(AREA, "planning", "practice") for _ in range(4)],
        # recording: one KPI concern (weight 2) a year ago → 2 × 0.25 = 0.5
        sig(AREA, "recording", "performance", on=TODAY - 2 * HALF_YEAR, weight=2),
        # a strength is ranked apart
        sig(STRENGTH, "leadership", "practice"),
    ]
    ranked = rank(signals, TODAY)
    assert [(r.theme, r.score) for r in ranked[AREA]] == [("visits", 7.0), ("planning", 4.0), ("recording", 0.5)]
    assert ranked[AREA][0].sources == ("audits", "practice", "findings")
    assert ranked[AREA][0].explained() == "3 signals from 3 sources, latest 1 Dec 2026"
    assert [(r.theme, r.score) for r in ranked[STRENGTH]] == [("leadership", 1.0)]


def test_ties_go_to_more_signals_then_the_theme_order_and_only_ten_are_kept():
    signals = [sig(AREA, "b", "practice", weight=2), sig(AREA, "a", "practice"), sig(AREA, "a", "practice"),
               sig(AREA, "d", "practice"), sig(AREA, "c", "practice")]
    assert [r.theme for r in rank(signals, TODAY, theme_order=["d", "c"])[AREA]] == ["a", "b", "d", "c"]
    many = [sig(AREA, f"t{n:02d}", "practice", weight=n + 1) for n in range(12)]
    assert [r.theme for r in rank(many, TODAY)[AREA]] == [f"t{n:02d}" for n in range(11, 1, -1)]


def test_a_signal_after_the_ranking_date_is_left_out():
    ranked = rank([sig(AREA, "visits", "practice", on=TODAY + timedelta(days=1))], TODAY)
    assert ranked == {STRENGTH: [], AREA: []}


@pytest.mark.parametrize("signals, expected", [
    # audits twice and practice once in six months: recurs
    ([sig(AREA, "visits", "audits"), sig(AREA, "visits", "audits"), sig(AREA, "visits", "practice")], ["visits"]),
    # three signals but one source: not recurring
    ([sig(AREA, "visits", "audits")] * 3, []),
    # two sources but only two signals
    ([sig(AREA, "visits", "audits"), sig(AREA, "visits", "practice")], []),
    # KPIs do not count (what we teach answers practice, not a figure), nor strengths, nor the older than six months
    ([sig(AREA, "visits", "audits"), sig(AREA, "visits", "performance"), sig(AREA, "visits", "performance"),
      sig(STRENGTH, "visits", "practice"), sig(AREA, "visits", "practice", on=TODAY - timedelta(days=184))], []),
])
def test_recurring_themes_need_two_sources_and_three_signals_in_six_months(signals, expected):
    assert [theme for theme, _ in recurring(signals, TODAY)] == expected
