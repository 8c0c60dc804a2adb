"""Representative entries (design §6.3), pinned to §6.2's example: Leadership × workforce × area gives e5 (West 1
has 2 entries; e5 is longer than e9), then e2 (South 2)."""

from datetime import datetime

import pytest

from triangulate.practice.analysis.counts import cohort
from triangulate.practice.analysis.records import EntryRecord, ObservationRecord
from triangulate.practice.analysis.representative import representative

from .example_62 import ENTRIES, GOOD, LEADERSHIP, OBSERVATIONS, VOICE

AREA = "area_for_development"


def ids(groups):
    return {key: [e.id for e in chosen] for key, chosen in groups.items()}


def test_the_worked_example():
    chosen = ids(representative(cohort(OBSERVATIONS, ENTRIES)))
    assert chosen[(LEADERSHIP, "workforce-and-caseloads", AREA)] == [5, 2]
    # one entry each, so by team name: North 1 (e11) before South 2 (e1), though e1 is longer; e10 is a draft
    assert chosen[(LEADERSHIP, "leadership", "strength")] == [11, 1]
    assert chosen[(VOICE, "voice-of-the-child", AREA)] == [6]  # e13 was removed
    assert chosen[(GOOD, "multi-agency-working", "good_practice")] == [12]
    assert chosen[(VOICE, "voice-of-the-child", "strength")] == [3, 7]  # South 2 before West 1
    assert len(chosen) == 7  # a group per (heading, theme, kind) with an entry in the cohort


def test_picks_come_first_in_their_order_and_the_fill_passes_over_their_teams():
    c = cohort(OBSERVATIONS, ENTRIES)
    key = (LEADERSHIP, "workforce-and-caseloads", AREA)
    assert ids(representative(c, picks=[9]))[key] == [9, 2]  # West 1 is represented by the pick
    assert ids(representative(c, picks=[2, 9]))[key] == [2, 9]
    assert ids(representative(c, picks=[9, 5, 2]))[key] == [9, 5, 2]


def test_picks_outside_the_cohort_or_the_group_are_passed_over():
    c = cohort(OBSERVATIONS, ENTRIES)
    key = (LEADERSHIP, "workforce-and-caseloads", AREA)
    assert ids(representative(c, picks=[13, 10, 1]))[key] == [5, 2]  # removed, draft, another group


def _team_records(spec):
    """spec: (team id, team name, [(entry id, text, minute)])"""
    observations, entries = [], []
    for n, (team, name, rows) in enumerate(spec, 1):
        observations.append(ObservationRecord(n, team, name, "handed_in", "yes"))
        entries += [EntryRecord(id, n, VOICE, "strength", "voice-of-the-child", text,
                                created_at=datetime(2026, 2, 2, 9, minute)) for id, text, minute in rows]
    return cohort(observations, entries)


def test_teams_by_entry_count_then_name_and_at_most_three():
    c = _team_records([
        (1, "Alpha", [(1, "a", 1)]),
        (2, "Bravo", [(2, "bb", 2), (3, "b", 3)]),
        (3, "Charlie", [(4, "c", 4)]),
        (4, "Delta", [(5, "dddddddddd", 5), (6, "d", 6), (7, "d", 7)]),
    ])
    assert ids(representative(c))[(VOICE, "voice-of-the-child", "strength")] == [5, 2, 1]  # Alpha before Charlie
    assert ids(representative(c, limit=5))[(VOICE, "voice-of-the-child", "strength")] == [5, 2, 1, 4]


def test_equal_lengths_go_to_the_earlier_entry():
    c = _team_records([(1, "Alpha", [(1, "later", 30), (2, "early", 10), (3, "short", 20)])])
    assert ids(representative(c))[(VOICE, "voice-of-the-child", "strength")] == [2]


def test_a_quote_is_chosen_only_if_it_may_be_used():
    observations = [ObservationRecord(1, 1, "Alpha", "handed_in", "yes"),
                    ObservationRecord(2, 2, "Bravo", "handed_in", "yes")]
    entries = [
        EntryRecord(1, 1, VOICE, "quote", "voice-of-the-child", "My worker listens", quote_by="child"),
        EntryRecord(2, 2, VOICE, "quote", "voice-of-the-child", "She came back", quote_by="child", may_quote=True),
        EntryRecord(3, 1, VOICE, "quote", "voice-of-the-child", "We plan together", quote_by="staff"),
    ]
    assert ids(representative(cohort(observations, entries), picks=[1])) == {
        (VOICE, "voice-of-the-child", "quote"): [3, 2]}


def test_an_empty_cohort_has_no_groups():
    assert representative(cohort([], [])) == {}


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="At least one"):
        representative(cohort([], []), limit=0)
