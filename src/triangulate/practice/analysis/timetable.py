"""The timetable checks run before a practice event is published (design §4, decision 4).

Pure: `check(visits, teams, assessors, lines, limit)` takes plain records and returns the problems, errors first.
Errors block publishing: two visits of one assessor overlapping on a date, a visit in the assessor's own
management line (unless an organiser accepted it with a reason: then it is a **note**, which the brief and the
report's process section show, and it no longer blocks), and a team of the event with no visit. Warnings are listed
on the publish confirmation page and block nothing: too many visits in a day, consent not given for a home visit or
family conversation, an assessor with no visit, a team without its office contact or meeting point.

Cancelled and did-not-happen visits are left out of every check. Times are half-open intervals
[starts_at, ends_at): a visit ending at 11:00 and the next starting at 11:00 touch and do not overlap.

`lines` maps an assessor's id to the teams in their management line; `selectors.management_line(assessor)` works
it out from today's people records and the assessor's declared conflict teams. An assessor missing from `lines`
has no line (a senior leader with no teams, a guest on paper who declared none)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # an own-line visit accepted with a reason

DOUBLE_BOOKED = "double_booked"
OWN_LINE = "own_line"
TEAM_NOT_VISITED = "team_not_visited"
TOO_MANY_VISITS = "too_many_visits"
CONSENT_MISSING = "consent_missing"
ASSESSOR_UNUSED = "assessor_unused"
DETAILS_MISSING = "details_missing"
CODES = (DOUBLE_BOOKED, OWN_LINE, TEAM_NOT_VISITED, TOO_MANY_VISITS, CONSENT_MISSING, ASSESSOR_UNUSED, DETAILS_MISSING)

LEFT_OUT = frozenset({"cancelled", "did_not_happen"})
STATUSES = ("planned", "happened", "cancelled", "did_not_happen")
NEEDS_CONSENT = frozenset({"home_visit", "family_conversation"})
CONSENTS = ("not_needed", "not_asked", "requested", "given", "refused")
ACTIVITY_LABELS = {
    "team_meeting": "team meeting",
    "supervision": "supervision",
    "home_visit": "home visit",
    "case_discussion": "case discussion",
    "meeting_observation": "meeting observation",
    "family_conversation": "family conversation",
    "other": "other",
}
MAX_LIMIT = 8  # §1.2: max_visits_per_day is 1–8


@dataclass(frozen=True)
class VisitRecord:
    """One visit of the timetable. `conflict_reason` is blank, or the organiser's reason for accepting it in the
    assessor's line (the service sets it with conflict_accepted_by/at)."""

    id: int
    assessor_id: int
    team_id: int
    date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    activity: str = "team_meeting"
    consent: str = "not_needed"
    status: str = "planned"
    conflict_reason: str = ""

    def __post_init__(self):
        if not self.ends_at > self.starts_at:
            raise ValueError(f"Visit {self.id} ends at {self.ends_at:%H:%M}, not after it starts at "
                             f"{self.starts_at:%H:%M}")
        if self.status not in STATUSES:
            raise ValueError(f"Visit {self.id}: unknown status {self.status!r}")
        if self.activity not in ACTIVITY_LABELS:
            raise ValueError(f"Visit {self.id}: unknown activity {self.activity!r}")
        if self.consent not in CONSENTS:
            raise ValueError(f"Visit {self.id}: unknown consent {self.consent!r}")


@dataclass(frozen=True)
class EventTeamRecord:
    """A team of the event, with the details an assessor needs to find it on the day."""

    team_id: int
    name: str
    office_contact_id: int | None = None
    meeting_point: str = ""


@dataclass(frozen=True)
class AssessorRecord:
    id: int
    name: str


@dataclass(frozen=True)
class Problem:
    code: str
    severity: str  # error, warning, note
    visit_ids: tuple = ()
    assessor_id: int | None = None
    team_id: int | None = None
    date: dt.date | None = None
    message: str = ""


def check(visits, teams, assessors, lines, limit):
    """Every problem of the timetable, errors first, then notes and warnings, each in the order of §4's table and,
    within a code, by date, time and visit."""
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"The most visits in a day must be a whole number from 1 to {MAX_LIMIT}, not {limit!r}")
    team_names = _unique({t.team_id: t.name for t in teams}, teams, "team")
    assessor_names = _unique({a.id: a.name for a in assessors}, assessors, "assessor")
    live = sorted((v for v in visits if v.status not in LEFT_OUT), key=lambda v: (v.date, v.starts_at, v.id))
    for v in live:
        if v.team_id not in team_names:
            raise ValueError(f"Visit {v.id} is to team {v.team_id}, which is not a team of the event")
        if v.assessor_id not in assessor_names:
            raise ValueError(f"Visit {v.id} is by assessor {v.assessor_id}, who is not an assessor of the event")

    def describe(v):
        return f"{team_names[v.team_id]} {v.starts_at:%H:%M}–{v.ends_at:%H:%M} ({ACTIVITY_LABELS[v.activity]})"

    problems = []
    by_day = defaultdict(list)
    for v in live:
        by_day[(v.assessor_id, v.date)].append(v)
    for (assessor_id, day), day_visits in by_day.items():
        for a, b in combinations(day_visits, 2):
            if a.starts_at < b.ends_at and b.starts_at < a.ends_at:
                problems.append(Problem(
                    DOUBLE_BOOKED, ERROR, (a.id, b.id), assessor_id, None, day,
                    f"{assessor_names[assessor_id]} has two visits at once on {_day(day)}: "
                    f"{describe(a)} and {describe(b)}."))
    for v in live:
        if v.team_id in lines.get(v.assessor_id, ()):
            who, team = assessor_names[v.assessor_id], team_names[v.team_id]
            if v.conflict_reason.strip():
                problems.append(Problem(
                    OWN_LINE, NOTE, (v.id,), v.assessor_id, v.team_id, v.date,
                    f"{team} is in {who}'s management line; accepted: {v.conflict_reason.strip()}"))
            else:
                problems.append(Problem(
                    OWN_LINE, ERROR, (v.id,), v.assessor_id, v.team_id, v.date,
                    f"{team} is in {who}'s management line: the visit on {_day(v.date)} at "
                    f"{v.starts_at:%H:%M}. Give it to another assessor, or accept it with a reason."))
    visited = {v.team_id for v in live}
    for t in teams:
        if t.team_id not in visited:
            problems.append(Problem(TEAM_NOT_VISITED, ERROR, (), None, t.team_id, None,
                                    f"{t.name} has no visit. Remove the team or add a visit."))
    for (assessor_id, day), day_visits in by_day.items():
        if len(day_visits) > limit:
            problems.append(Problem(
                TOO_MANY_VISITS, WARNING, tuple(v.id for v in day_visits), assessor_id, None, day,
                f"{assessor_names[assessor_id]} has {len(day_visits)} visits on {_day(day)}, more than {limit}: "
                + "; ".join(describe(v) for v in day_visits) + "."))
    for v in live:
        if v.activity in NEEDS_CONSENT and v.consent != "given":
            what = f"{ACTIVITY_LABELS[v.activity].capitalize()} to {team_names[v.team_id]} on {_day(v.date)}"
            if v.consent == "refused":
                message = f"{what}: the family refused consent; cancel or change it."
            else:
                message = f"{what}: consent is not recorded. The observation cannot be recorded until it is given."
            problems.append(Problem(CONSENT_MISSING, WARNING, (v.id,), v.assessor_id, v.team_id, v.date, message))
    used = {v.assessor_id for v in live}
    for a in assessors:
        if a.id not in used:
            problems.append(Problem(ASSESSOR_UNUSED, WARNING, (), a.id, None, None, f"{a.name} has no visit."))
    for t in teams:
        missing = [what for what, present in (("an office contact", t.office_contact_id is not None),
                                              ("a meeting point", bool(t.meeting_point.strip()))) if not present]
        if missing:
            problems.append(Problem(DETAILS_MISSING, WARNING, (), None, t.team_id, None,
                                    f"{t.name} has no {' or '.join(m.split(' ', 1)[1] for m in missing)} yet: "
                                    f"assessors need {' and '.join(missing)} to find the team."))
    rank = {ERROR: 0, NOTE: 1, WARNING: 2}
    return sorted(problems, key=lambda p: (rank[p.severity], CODES.index(p.code)))  # stable: keeps the order above


def errors(problems):
    return [p for p in problems if p.severity == ERROR]


def warnings(problems):
    return [p for p in problems if p.severity == WARNING]


def notes(problems):
    return [p for p in problems if p.severity == NOTE]


def can_publish(problems):
    """Publishing needs no error; warnings and accepted line conflicts do not block it (§3.1)."""
    return not errors(problems)


def _unique(by_id, records, what):
    if len(by_id) != len(records):
        raise ValueError(f"The same {what} is given twice")
    return by_id


def _day(day):
    return f"{day:%A} {day.day} {day:%B}"
