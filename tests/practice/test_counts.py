"""The analysis counts (design §6.1), pinned to the worked example of §6.2 (tests/practice/example_62.py).

N = 3 (South 2, West 1, North 1; O4 is a draft). A1 Leadership × workforce: South 2 "A 1", West 1 "A 2"; A3 there 2.
A4: workforce P 0, D 2 of 3 (67%); voice P 2 of 3 (67%), D 1 of 3 (33%); leadership P 2 of 3; oversight D 1 of 3;
parent/carer P 1 of 3; multi-agency P 1 of 3. A5: "1 of 2 teams asked said they felt supported"."""

from dataclasses import replace

import pytest

from triangulate.practice.analysis.counts import (
    MIXED,
    NO_OBSERVATIONS,
    NO_TEAM_ASKED,
    NO_TEAMS_OBSERVED,
    NOT_ASKED,
    NOT_SUPPORTED,
    SUPPORTED,
    by_theme,
    cells,
    cohort,
    felt_supported,
    heard_directly,
    teams_by_heading_theme,
)
from triangulate.practice.analysis.records import EntryRecord, ObservationRecord, whole_percent

from .example_62 import ENTRIES, GOOD, LEADERSHIP, NORTH_1, OBSERVATIONS, PARENT, SOUTH_2, VOICE, WEST_1


@pytest.fixture
def example():
    return cohort(OBSERVATIONS, ENTRIES)


def test_the_cohort_is_the_handed_in_observations_and_their_entries_not_removed(example):
    assert [o.id for o in example.observations] == [1, 2, 3, 5]
    assert [e.id for e in example.entries] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12]  # not e10 (draft), e13 (removed)
    assert [o.id for o in example.drafts] == [4]  # A7
    assert example.teams_observed == 3
    assert list(example.team_names) == [NORTH_1, SOUTH_2, WEST_1]  # by name


def test_a1_cells(example):
    shown = {key: cell.text for key, cell in cells(example).items()}
    assert shown[(LEADERSHIP, "workforce-and-caseloads", SOUTH_2)] == "A 1"
    assert shown[(LEADERSHIP, "workforce-and-caseloads", WEST_1)] == "A 2"
    assert (LEADERSHIP, "workforce-and-caseloads", NORTH_1) not in shown
    assert shown[(GOOD, "multi-agency-working", NORTH_1)] == "G 1"
    assert shown[(LEADERSHIP, "leadership", NORTH_1)] == "S 1"  # e10, on the draft, is not counted
    assert (VOICE, "voice-of-the-child", NORTH_1) not in shown  # e13 was removed
    assert shown[(VOICE, "voice-of-the-child", WEST_1)] == "S 1 · A 1"  # e7 and e6
    assert len(shown) == 9


def test_a2_and_a3_count_teams_not_entries(example):
    table = teams_by_heading_theme(example)
    workforce = table[(LEADERSHIP, "workforce-and-caseloads")]
    assert len(workforce.development_teams) == 2  # A3: three entries, two teams
    assert workforce.positive_teams == frozenset()
    voice = table[(VOICE, "voice-of-the-child")]
    assert (voice.positive_teams, voice.development_teams) == ({SOUTH_2, WEST_1}, {WEST_1})
    assert table[(PARENT, "parent-and-carer-experience")].positive_teams == {WEST_1}


def test_a4_by_theme(example):
    shown = {theme: (count.positive.text, count.development.text) for theme, count in by_theme(example).items()}
    assert shown == {
        "leadership": ("2 of 3 (67%)", "0 of 3 (0%)"),
        "management-oversight-and-supervision": ("0 of 3 (0%)", "1 of 3 (33%)"),
        "multi-agency-working": ("1 of 3 (33%)", "0 of 3 (0%)"),
        "parent-and-carer-experience": ("1 of 3 (33%)", "0 of 3 (0%)"),
        "voice-of-the-child": ("2 of 3 (67%)", "1 of 3 (33%)"),
        "workforce-and-caseloads": ("0 of 3 (0%)", "2 of 3 (67%)"),
    }
    assert by_theme(example)["leadership"].positive_teams == {SOUTH_2, NORTH_1}


def test_a5_felt_supported(example):
    figure = felt_supported(example)
    assert figure.by_team == {NORTH_1: NOT_ASKED, SOUTH_2: SUPPORTED, WEST_1: MIXED}
    assert (figure.supported, figure.asked) == (1, 2)
    assert figure.text == "1 of 2 teams asked said they felt supported"
    assert str(figure.share) == "50%"
    assert figure.teams(MIXED) == [WEST_1]


@pytest.mark.parametrize("answers, status", [
    (["yes", "yes"], SUPPORTED),
    (["no", "no"], NOT_SUPPORTED),
    (["yes", "no"], MIXED),
    (["mixed"], MIXED),
    (["yes", "not_asked", ""], SUPPORTED),  # not asked and unanswered are left out
    (["not_asked", ""], NOT_ASKED),
])
def test_a5_per_team_rule(answers, status):
    observations = [ObservationRecord(i, 7, "Fostering", "handed_in", a) for i, a in enumerate(answers, 1)]
    assert felt_supported(cohort(observations, [])).by_team == {7: status}


def test_a5_when_no_team_was_asked_is_none_with_a_reason_not_0():
    observations = [ObservationRecord(1, 7, "Fostering", "handed_in", "not_asked")]
    figure = felt_supported(cohort(observations, []))
    assert figure.share.value is None and figure.share.reason == NO_TEAM_ASKED
    assert figure.text == NO_TEAM_ASKED


def test_a5_one_team_asked_is_singular():
    observations = [ObservationRecord(1, 7, "Fostering", "handed_in", "no")]
    assert felt_supported(cohort(observations, [])).text == "0 of 1 team asked said they felt supported"


def test_a6_heard_directly(example):
    figure = heard_directly(example)
    assert (figure.child.numerator, figure.child.denominator, figure.child.value) == (2, 4, 50)  # O1, O2 of 4
    assert (figure.parent_carer.numerator, figure.parent_carer.value) == (2, 50)  # O2, O3


def test_quotes_and_exemplars():
    observations = [ObservationRecord(1, 7, "Fostering", "handed_in", "yes")]
    entries = [
        EntryRecord(1, 1, VOICE, "quote", "voice-of-the-child", "They listen to me", quote_by="child", may_quote=True),
        EntryRecord(2, 1, VOICE, "exemplar", "voice-of-the-child", "A case example"),
    ]
    c = cohort(observations, entries)
    assert {k: cell.text for k, cell in cells(c).items()} == {(VOICE, "voice-of-the-child", 7): "E 1"}
    count = by_theme(c)["voice-of-the-child"]
    assert count.positive.text == "1 of 1 (100%)"  # an exemplar is positive; the quote is not counted


def test_only_quotes_give_no_theme_row():
    observations = [ObservationRecord(1, 7, "Fostering", "handed_in", "yes")]
    entries = [EntryRecord(1, 1, VOICE, "quote", "voice-of-the-child", "Staff said so", quote_by="staff")]
    assert by_theme(cohort(observations, entries)) == {}


def test_nothing_handed_in_gives_none_with_reasons_never_0():
    c = cohort([replace(o, state="draft") for o in OBSERVATIONS], ENTRIES)
    assert c.teams_observed == 0 and c.entries == () and len(c.drafts) == 5
    assert cells(c) == {} and by_theme(c) == {}
    assert felt_supported(c).by_team == {} and felt_supported(c).text == NO_TEAM_ASKED
    assert heard_directly(c).child.value is None and heard_directly(c).child.reason == NO_OBSERVATIONS
    assert whole_percent(0, 0, NO_TEAMS_OBSERVED).text == NO_TEAMS_OBSERVED


def test_cohort_restricted_to_teams():
    c = cohort(OBSERVATIONS, ENTRIES, teams={WEST_1})
    assert [o.id for o in c.observations] == [2, 3] and c.teams_observed == 1
    assert by_theme(c)["voice-of-the-child"].positive.text == "1 of 1 (100%)"


@pytest.mark.parametrize("n, d, value", [(1, 8, 13), (1, 3, 33), (2, 3, 67), (5, 8, 63), (3, 7, 43), (4, 7, 57),
                                         (0, 5, 0), (5, 5, 100)])
def test_whole_percentages_round_half_up(n, d, value):
    assert whole_percent(n, d, "none").value == value


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="observation 9, which is not given"):
        cohort(OBSERVATIONS, [EntryRecord(99, 9, VOICE, "strength", "voice-of-the-child", "x")])
    with pytest.raises(ValueError, match="given twice"):
        cohort(OBSERVATIONS + OBSERVATIONS[:1], [])
    with pytest.raises(ValueError, match="unknown kind"):
        EntryRecord(1, 1, VOICE, "weakness", "voice-of-the-child", "x")
    with pytest.raises(ValueError, match="unknown felt_supported"):
        ObservationRecord(1, 7, "Fostering", "handed_in", "maybe")
    with pytest.raises(ValueError, match="0 ≤ n ≤ d"):
        whole_percent(4, 3, "none")
