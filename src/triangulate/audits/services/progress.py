"""Round progress (design §4.4): pure, over plain (state, due_date, team) rows, so the counts can be checked by
hand. Every audit is in one of four groups; one not done or withdrawn is also overdue after its due date."""

from dataclasses import dataclass, field

DONE = ("submitted", "moderated")
IN_PROGRESS = ("record_review", "worker_conversation", "family_feedback", "graded")
NOT_STARTED = ("allocated",)
WITHDRAWN = ("withdrawn",)
GROUPS = ("done", "in_progress", "not_started", "withdrawn")
LABELS = {"done": "Done", "in_progress": "In progress", "not_started": "Not started", "withdrawn": "Withdrawn"}


def group_of(state):
    if state in DONE:
        return "done"
    if state in IN_PROGRESS:
        return "in_progress"
    if state in NOT_STARTED:
        return "not_started"
    if state in WITHDRAWN:
        return "withdrawn"
    raise ValueError(f"unknown audit state {state!r}")


def is_overdue(state, due_date, today):
    return group_of(state) in ("in_progress", "not_started") and due_date is not None and today > due_date


def status_text(state, due_date, today):
    """"In progress, overdue", "Not started", "Done"..."""
    text = LABELS[group_of(state)]
    return f"{text}, overdue" if is_overdue(state, due_date, today) else text


@dataclass
class Counts:
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    withdrawn: int = 0
    overdue: int = 0

    @property
    def total(self):
        """Audits that count towards the round: withdrawn ones are shown but not counted."""
        return self.done + self.in_progress + self.not_started


@dataclass
class Progress:
    round: Counts = field(default_factory=Counts)
    teams: dict = field(default_factory=dict)  # team key → Counts


def progress(rows, today):
    """`rows` are (state, due_date, team key); the counts for the round and each team."""
    result = Progress()
    for state, due_date, team in rows:
        group = group_of(state)
        overdue = is_overdue(state, due_date, today)
        for counts in (result.round, result.teams.setdefault(team, Counts())):
            setattr(counts, group, getattr(counts, group) + 1)
            counts.overdue += overdue
    return result
