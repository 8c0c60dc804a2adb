"""The RAG of design §2.2, row by row, worked by hand with today = 1 Dec 2026."""

from datetime import date

import pytest

from triangulate.improvement.plan_status import Rag, action_rag, needs_update, priority_summary

TODAY = date(2026, 12, 1)
D = date

ROWS = [
    # status, due, milestones, started, expected, why
    ("complete", D(2026, 11, 1), [], None, Rag.COMPLETE, "complete wins even when past due"),
    ("cancelled", D(2026, 11, 1), [], None, Rag.CANCELLED, "cancelled wins even when past due"),
    ("in_progress", D(2026, 11, 30), [], None, Rag.OVERDUE, "due yesterday"),
    ("not_started", D(2026, 11, 30), [], None, Rag.OVERDUE, "overdue beats at risk"),
    ("in_progress", D(2026, 12, 1), [], None, Rag.ON_TRACK, "due today is not overdue; started"),
    ("not_started", D(2026, 12, 15), [], None, Rag.AT_RISK, "due in exactly 14 days, not started"),
    ("not_started", D(2026, 12, 16), [], None, Rag.ON_TRACK, "due in 15 days, not started"),
    ("in_progress", D(2026, 12, 5), [], None, Rag.ON_TRACK, "due in 4 days but started"),
    ("not_started", D(2026, 12, 5), [], True, Rag.ON_TRACK, "the caller says it has started"),
    ("in_progress", D(2027, 3, 31), [(D(2026, 11, 30), None)], None, Rag.AT_RISK, "a milestone a day late"),
    ("in_progress", D(2027, 3, 31), [(D(2026, 11, 30), D(2026, 12, 1))], None, Rag.ON_TRACK, "late one done"),
    ("in_progress", D(2027, 3, 31), [(D(2026, 12, 1), None)], None, Rag.ON_TRACK, "milestone due today, not late"),
]


@pytest.mark.parametrize(("status", "due", "milestones", "started", "expected", "why"), ROWS,
                         ids=[row[-1] for row in ROWS])
def test_action_rag(status, due, milestones, started, expected, why):
    assert action_rag(status=status, due_date=due, today=TODAY, milestones=milestones, started=started) is expected


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Unknown action status 'paused'"):
        action_rag(status="paused", due_date=TODAY, today=TODAY)


def test_priority_summary_counts_by_state_and_milestones():
    summary = priority_summary([Rag.OVERDUE, Rag.ON_TRACK, Rag.ON_TRACK, Rag.COMPLETE],
                               [(D(2026, 10, 1), D(2026, 10, 2)), (D(2026, 11, 1), None), (D(2027, 1, 1), None)])
    assert summary.actions == 4
    assert summary.shown() == [(Rag.OVERDUE, 1), (Rag.ON_TRACK, 2), (Rag.COMPLETE, 1)]
    assert summary.counts[Rag.AT_RISK] == 0
    assert summary.milestones_sentence == "1 of 3 milestones done"
    assert priority_summary([], [(D(2026, 10, 1), None)]).milestones_sentence == "0 of 1 milestone done"


@pytest.mark.parametrize("last_update, counted_from, expected", [
    (D(2026, 10, 5), D(2026, 4, 1), True),  # 57 days before 1 December
    (D(2026, 10, 6), D(2026, 4, 1), False),  # 56 days: exactly 8 weeks
    (D(2026, 10, 7), D(2026, 4, 1), False),  # 55 days
    (None, D(2026, 10, 5), True),  # never updated: counted from the day given
    (None, D(2026, 10, 6), False),
])
def test_a_priority_needs_an_update_after_8_weeks_without_one(last_update, counted_from, expected):
    assert needs_update(last_update=last_update, counted_from=counted_from, today=TODAY) is expected
