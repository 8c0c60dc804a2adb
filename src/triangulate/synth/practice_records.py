"""The plain records of the demo council's practice story (design §10, S8): what synth/practice_plan.py plans and
the writer replays through the practice services. Django-free; teams are named, assessors keyed, visits numbered,
so the writer looks each up once and never guesses."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TeamInfo:
    """A team of the demo council, as the plan needs it (from people.Team: name, team_type, service area's name)."""

    name: str
    team_type: str
    service_area: str


@dataclass(frozen=True)
class PracticeInputs:
    """What the plan is drawn from. `quality(team name, theme slug, date)` is the story's practice quality
    (journeys/story.Story.quality); `cast` the story's parts (Story.cast: strong_team, drifting_team,
    mismatched_team, strained_teams); `manager_team` is demo.teammanager's team; `service_manager_areas` are the
    service areas on demo.servicemanager's account (its management line, §4)."""

    quality: Callable[[str, str, dt.date], float]
    cast: object
    teams: tuple  # of TeamInfo
    manager_team: str
    service_manager_areas: tuple = ("Safeguarding",)

    @classmethod
    def from_story(cls, story, teams, manager_team, service_manager_areas=("Safeguarding",)):
        return cls(quality=story.quality, cast=story.cast, teams=tuple(teams), manager_team=manager_team,
                   service_manager_areas=tuple(service_manager_areas))


@dataclass(frozen=True)
class NewAccount:
    """An account the writer makes before the week: for the `index`-th (0-based, by staff_ref) member of staff in
    post with `staff_role` in team `staff_team`, with the account role `role` and no service areas."""

    username: str
    staff_role: str
    staff_team: str
    index: int
    role: str = "senior_leader"


@dataclass(frozen=True)
class AssessorPlan:
    """`key` is how visits name the assessor: the account's username for staff, "guest.<n>" for a guest (the
    writer makes the account of a guest `with_account` through the guests service, which picks its username). `line` is the event's teams the timetable checks will find in the assessor's
    management line (their service areas, plus `conflict_teams`, which the writer declares)."""

    key: str
    kind: str  # staff, guest
    username: str | None  # staff only
    name: str = ""  # guests only (staff: the account's full name)
    organisation: str = ""
    job_title: str = ""
    email: str = ""  # the guest with an account
    with_account: bool = False  # a guest who signs in; False: a guest on paper (an organiser types the notes)
    conflict_teams: tuple = ()
    line: frozenset = frozenset()


@dataclass(frozen=True)
class EventTeamPlan:
    team: str
    part: str  # what the team plays in the story: strong, drifting, mismatched, strained, ...
    meeting_point: str
    contact_details: str
    context: str
    focus_note: str


@dataclass(frozen=True)
class EntryPlan:
    heading: int  # the default heading's number (1–4)
    kind: str  # strength, area_for_development, good_practice, exemplar, quote
    theme: str  # core theme slug
    text: str
    quote_by: str = ""
    may_quote: bool = False


@dataclass(frozen=True)
class ProgressCheckPlan:
    item: tuple  # (heading, number) of the week's plan item whose action is checked
    rating: str  # improved, some_progress, no_progress, not_seen
    note: str


@dataclass(frozen=True)
class VisitPlan:
    number: int  # 1, 2... within the event, by date and time
    date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    team: str
    assessor: str  # AssessorPlan.key
    activity: str
    activity_note: str
    location: str  # an office, or travel with the worker: never a family's address
    consent: str  # not_needed, or given
    conflict_reason: str = ""  # the one accepted own-line visit
    host_role: str = ""  # whom the assessor joins (a StaffRole value), the writer picks one in post
    observed: bool = True  # False: a published event's visit, not yet observed
    what_happened: str = ""
    felt_supported: str = ""  # yes, mixed, not_asked
    heard_from: tuple = ()
    entries: tuple = ()  # of EntryPlan
    progress_checks: tuple = ()  # of ProgressCheckPlan


@dataclass(frozen=True)
class PlanItemPlan:
    """An action plan item (§7.2): the seed's columns, the owner by username, and its status to reach.
    `status` is complete, in_progress or overdue (in progress past its due date); `status_on` is when it got
    there, `entries` the (visit number, entry index) of the week's entries it came from."""

    heading: int
    number: int
    team: str | None  # None: council-wide
    theme: str
    issue: str
    action: str
    rationale: str
    priority: str
    due: dt.date
    owner: str  # username
    responsibility_note: str
    status: str
    status_on: dt.date
    status_note: str
    entries: tuple = ()


@dataclass(frozen=True)
class LibraryItemPlan:
    kind: str  # innovative_practice, case_example, quote
    title: str
    text: str
    theme: str
    from_team: str
    source: tuple  # (visit number, entry index) in the week
    published_on: dt.date


@dataclass(frozen=True)
class ReportPlan:
    """What the organiser writes into the drafted report (§7.1) before approving it: the answers to the
    reflection's and the conclusion's prompts (appended to the drafted text), and the representative entries picked
    (§6.3) as (visit number, entry index)."""

    reflection: str
    conclusion: str
    picks: tuple
    approved_on: dt.date
    approved_by: str  # username


@dataclass(frozen=True)
class EventPlan:
    kind: str  # week, day
    title: str
    starts_on: dt.date
    ends_on: dt.date
    focus: str
    focus_themes: tuple
    status: str  # complete, published
    organiser: str  # username
    follows: str | None  # the title of the event it follows, or None
    teams: tuple  # of EventTeamPlan
    assessors: tuple  # of AssessorPlan
    visits: tuple  # of VisitPlan
    published_on: dt.date | None = None
    completed_on: dt.date | None = None
    max_visits_per_day: int = 3
    plan_items: tuple = ()
    library_items: tuple = ()
    report: ReportPlan | None = None  # the week's, approved

    def assessor(self, key):
        return next(a for a in self.assessors if a.key == key)


@dataclass(frozen=True)
class PracticePlan:
    new_accounts: tuple  # of NewAccount, made before the week
    week: EventPlan
    days: tuple = field(default_factory=tuple)  # of EventPlan, oldest first

    @property
    def events(self):
        return (self.week, *self.days)
