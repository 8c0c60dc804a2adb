"""An action's RAG on the improvement plan, a priority's summary and whether its owner owes an update (design
§2.2, §9). Pure: computed on every read, never stored, because a stored RAG goes stale the day after its due date
(design §11, decision 5)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# an open action due within this many days that has not started is at risk
AT_RISK_WINDOW = timedelta(days=14)
# a priority with no progress update for longer than this needs one (design §9: "none in 8 weeks")
UPDATE_INTERVAL = timedelta(weeks=8)

OPEN = ("not_started", "in_progress")


class Rag(enum.Enum):
    """The states in the order a plan's page lists them; each with its GOV.UK tag colour (words are always shown
    beside it, so the colour is never the only meaning)."""

    OVERDUE = ("overdue", "Overdue", "red")
    AT_RISK = ("at_risk", "At risk", "orange")
    ON_TRACK = ("on_track", "On track", "green")
    COMPLETE = ("complete", "Complete", "blue")
    CANCELLED = ("cancelled", "Cancelled", "grey")

    def __init__(self, key, label, colour):
        self.key = key
        self.label = label
        self.colour = colour


def action_rag(*, status: str, due_date: date, today: date,
               milestones: Iterable[tuple[date, date | None]] = (), started: bool | None = None) -> Rag:
    """The table of design §2.2, first matching row wins. `milestones` are (due_on, done_on) pairs; `started`
    defaults to "the status is past not started"."""
    if status == "complete":
        return Rag.COMPLETE
    if status == "cancelled":
        return Rag.CANCELLED
    if status not in OPEN:
        raise ValueError(f"Unknown action status {status!r}.")
    if due_date < today:
        return Rag.OVERDUE
    if started is None:
        started = status != "not_started"
    late_milestone = any(done_on is None and due_on < today for due_on, done_on in milestones)
    if late_milestone or (not started and due_date <= today + AT_RISK_WINDOW):
        return Rag.AT_RISK
    return Rag.ON_TRACK


@dataclass(frozen=True)
class PrioritySummary:
    """Counts of a priority's actions by state and its milestones done."""

    counts: dict[Rag, int]
    milestones_done: int
    milestones: int

    @property
    def actions(self) -> int:
        return sum(self.counts.values())

    @property
    def milestones_sentence(self) -> str:
        noun = "milestone" if self.milestones == 1 else "milestones"
        return f"{self.milestones_done} of {self.milestones} {noun} done"

    def shown(self) -> list[tuple[Rag, int]]:
        """The states with at least one action, in Rag's order."""
        return [(rag, self.counts[rag]) for rag in Rag if self.counts[rag]]


def priority_summary(rags: Iterable[Rag], milestones: Iterable[tuple[date, date | None]]) -> PrioritySummary:
    counts = dict.fromkeys(Rag, 0)
    for rag in rags:
        counts[rag] += 1
    pairs = list(milestones)
    return PrioritySummary(counts=counts, milestones_done=sum(1 for _, done in pairs if done is not None),
                           milestones=len(pairs))


def needs_update(*, last_update: date | None, counted_from: date, today: date) -> bool:
    """A priority needs an update when its latest one is more than UPDATE_INTERVAL before today (57 days ago does,
    56 does not). With none yet, the interval runs from `counted_from` (the caller says from what), so a priority
    is not overdue an update before it could have had one."""
    return today - (last_update or counted_from) > UPDATE_INTERVAL
