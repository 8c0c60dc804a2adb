"""A repeat week against its benchmark (design §6.6) and a follow-up day's progress (§6.5), pinned to their worked
examples. B observed 8 teams (T1–T8), C 10 (T2–T11); 7 are in both (T2–T8).

| theme | set | B: P, D of N | C: P, D of N | p B→C | d B→C | Δp, Δd | direction |
| voice-of-the-child | all | 4, 5 of 8 | 7, 3 of 10 | 50 → 70 | 63 → 30 | +20, −33 | better |
| voice-of-the-child | both | 3, 4 of 7 | 5, 2 of 7 | 43 → 71 | 57 → 29 | +28, −28 | better |
| workforce-and-caseloads | all | 2, 6 of 8 | 2, 8 of 10 | 25 → 20 | 75 → 80 | −5, +5 | worse |

Worked by hand beyond the design's table: workforce, both: B 1, 5 of 7, C 2, 7 of 7 → 14 → 29, 71 → 100, +15, +29,
mixed. Felt supported: B 6 of 7 asked (86%), C 9 of 10 (90%), +4; both: 5 of 6 (83%) → 7 of 7 (100%), +17."""

import pytest

from triangulate.practice.analysis.comparison import (
    ALL,
    BETTER,
    BOTH,
    MIXED,
    NO_TEAM_ASKED,
    NO_TEAMS_IN_BOTH,
    NO_TEAMS_OBSERVED,
    SAME,
    WORSE,
    Change,
    ProgressRecord,
    compare,
    direction,
    follow_up_progress,
)
from triangulate.practice.analysis.records import EntryRecord, ObservationRecord

VOICE, WORKFORCE, LEADERSHIP = "voice-of-the-child", "workforce-and-caseloads", "leadership"
POSITIVE, DEVELOPMENT = "strength", "area_for_development"


def week(first_id, teams, answers, themes):
    """One handed-in observation per team (id first_id + team), and one entry per (team, theme, kind) listed.
    themes: {theme: (teams with a positive entry, teams with a development entry)}."""
    observations = [ObservationRecord(first_id + t, t, f"T{t:02}", "handed_in", answers.get(t, "yes"))
                    for t in teams]
    entries = []
    for theme, (positive, development) in themes.items():
        for kind, with_kind in ((POSITIVE, positive), (DEVELOPMENT, development)):
            entries += [EntryRecord(len(entries) + first_id, first_id + t, 1, kind, theme, f"{theme} {kind} T{t}")
                        for t in with_kind]
    return observations, entries


B = week(100, range(1, 9), {7: "mixed", 8: "not_asked"}, {
    VOICE: ({1, 2, 3, 4}, {1, 2, 3, 4, 5}),
    WORKFORCE: ({1, 2}, {1, 2, 3, 4, 5, 6}),
})
C = week(200, range(2, 12), {11: "no"}, {
    VOICE: ({2, 3, 4, 5, 6, 9, 10}, {2, 3, 9}),
    WORKFORCE: ({2, 3}, {2, 3, 4, 5, 6, 7, 8, 9}),
})


def shown(row):
    return (f"{row.p_before.numerator}, {row.d_before.numerator} of {row.p_before.denominator}",
            f"{row.p_after.numerator}, {row.d_after.numerator} of {row.p_after.denominator}",
            f"{row.p_before} → {row.p_after}", f"{row.d_before} → {row.d_after}",
            f"{row.delta_p}, {row.delta_d}", row.direction)


@pytest.fixture
def example():
    return compare(*B, *C)


def test_the_worked_example(example):
    assert shown(example.row(VOICE, ALL)) == ("4, 5 of 8", "7, 3 of 10", "50% → 70%", "63% → 30%", "+20, −33",
                                              BETTER)
    assert shown(example.row(VOICE, BOTH)) == ("3, 4 of 7", "5, 2 of 7", "43% → 71%", "57% → 29%", "+28, −28",
                                               BETTER)
    assert shown(example.row(WORKFORCE, ALL)) == ("2, 6 of 8", "2, 8 of 10", "25% → 20%", "75% → 80%", "−5, +5",
                                                  WORSE)


def test_changes_are_differences_of_the_shown_percentages(example):
    row = example.row(VOICE, ALL)
    # 3 of 10 − 5 of 8 is −32.5 points unrounded; the shown 30% − 63% is −33, which a reader can check
    assert row.delta_d.value == row.d_after.value - row.d_before.value == -33


def test_workforce_like_for_like_is_mixed(example):
    assert shown(example.row(WORKFORCE, BOTH)) == ("1, 5 of 7", "2, 7 of 7", "14% → 29%", "71% → 100%", "+15, +29",
                                                   MIXED)


def test_teams_in_both_are_the_headline_from_three_common_teams(example):
    assert example.common_teams == frozenset(range(2, 9))
    assert example.headline == BOTH
    assert [(r.theme, r.teams) for r in example.rows] == [(VOICE, ALL), (VOICE, BOTH), (WORKFORCE, ALL),
                                                          (WORKFORCE, BOTH)]


def test_felt_supported_is_compared_as_a_share_of_teams_asked(example):
    every = example.support(ALL)
    assert (str(every.before), str(every.after), str(every.delta), every.direction) == ("86%", "90%", "+4", BETTER)
    assert (every.before.numerator, every.before.denominator) == (6, 7)  # T8 was not asked
    both = example.support(BOTH)
    assert (str(both.before), str(both.after), str(both.delta), both.direction) == ("83%", "100%", "+17", BETTER)


def test_a_theme_seen_in_one_week_only_is_0_in_the_other():
    current = week(200, range(2, 12), {}, {LEADERSHIP: ({9}, set())})
    result = compare(*B, *current)
    row = result.row(LEADERSHIP, ALL)
    assert shown(row) == ("0, 0 of 8", "1, 0 of 10", "0% → 10%", "0% → 0%", "+10, 0", BETTER)
    assert [r.teams for r in result.rows if r.theme == LEADERSHIP] == [ALL]  # T9 is not in both


def test_fewer_than_three_common_teams_make_all_teams_the_headline():
    current = week(200, [1, 2, 20], {}, {VOICE: ({1}, {2})})
    assert compare(*B, *current).headline == ALL


def test_no_team_in_both_gives_none_with_the_reason_not_0():
    current = week(200, [30, 31], {}, {VOICE: ({30}, {31})})
    result = compare(*B, *current)
    assert result.common_teams == frozenset() and result.headline == ALL
    assert [r.teams for r in result.rows] == [ALL, ALL]  # no theme has entries among no teams
    support = result.support(BOTH)
    assert support.before.value is None and support.before.reason == NO_TEAMS_IN_BOTH
    assert support.delta.value is None and support.direction is None


def test_a_week_with_nothing_handed_in():
    current_observations = [ObservationRecord(200 + t, t, f"T{t:02}", "draft", "yes") for t in range(2, 5)]
    result = compare(*B, current_observations, [])
    row = result.row(VOICE, ALL)
    assert row.p_after.value is None and row.p_after.reason == NO_TEAMS_OBSERVED
    assert row.delta_p.value is None and str(row.delta_p) == NO_TEAMS_OBSERVED and row.direction is None
    assert result.common_teams == frozenset()


def test_the_same_week_against_itself_is_same():
    result = compare(*B, *B)
    assert {r.direction for r in result.rows} == {SAME}
    assert result.support(ALL).direction == SAME and str(result.support(ALL).delta) == "0"
    assert result.common_teams == frozenset(range(1, 9)) and result.headline == BOTH


def test_felt_supported_when_teams_were_observed_but_none_asked():
    current = week(200, [2, 3, 4], {2: "not_asked", 3: "", 4: "not_asked"}, {VOICE: ({2}, set())})
    support = compare(*B, *current).support(ALL)
    assert support.after.value is None and support.after.reason == NO_TEAM_ASKED and support.direction is None


@pytest.mark.parametrize("dp, dd, expected", [
    (0, 0, SAME), (5, 0, BETTER), (0, -5, BETTER), (5, -5, BETTER), (-5, 0, WORSE), (0, 5, WORSE),
    (-5, 5, WORSE), (5, 5, MIXED), (-5, -5, MIXED),
])
def test_direction(dp, dd, expected):
    assert direction(Change(dp), Change(dd)) == expected


def test_follow_up_progress_worked_example():
    checks = [ProgressRecord(1, "improved"), ProgressRecord(2, "some_progress"), ProgressRecord(3, "no_progress"),
              ProgressRecord(4, "not_seen")]
    result = follow_up_progress(checks, {1: "complete", 2: "in_progress", 3: "not_started", 4: "in_progress"})
    assert (result.progress.numerator, result.progress.denominator, str(result.progress)) == (2, 3, "67%")
    assert (result.complete.numerator, result.complete.denominator, str(result.complete)) == (1, 4, "25%")


def test_follow_up_progress_counts_each_action_once_and_leaves_out_cancelled_actions():
    checks = [ProgressRecord(1, "improved"), ProgressRecord(1, "no_progress"),  # two observations disagree
              ProgressRecord(2, "improved"), ProgressRecord(2, "not_seen"), ProgressRecord(3, "not_seen")]
    result = follow_up_progress(checks, {1: "complete", 2: "cancelled", 3: "in_progress"})
    assert (result.progress.numerator, result.progress.denominator) == (1, 2)  # action 2 only; 3 was not seen
    assert (result.complete.numerator, result.complete.denominator) == (1, 2)  # action 2 is cancelled


def test_follow_up_progress_with_nothing_seen_is_none_with_a_reason():
    result = follow_up_progress([ProgressRecord(1, "not_seen")], {})
    assert result.progress.value is None and str(result.progress) == "no action was seen"
    assert result.complete.value is None and str(result.complete) == "no actions"


def test_follow_up_progress_refuses_unknown_ratings_and_statuses():
    with pytest.raises(ValueError, match="unknown rating"):
        ProgressRecord(1, "great")
    with pytest.raises(ValueError, match="unknown status"):
        follow_up_progress([], {1: "done"})
