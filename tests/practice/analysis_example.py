"""The worked example of design §6.2 built as database records with the factories (slice S4's test helper).

Three teams: South 2, West 1 and North 1. O1 (ann, South 2), O2 (bob, West 1), O3 (cat, West 1) and O5 (ann,
North 1) are handed in; O4 (dan, North 1) is a draft. e10 is on the draft and e13 is removed. Felt supported: O1
yes, O2 mixed, O3 yes, O4 yes (a draft: not counted), O5 not asked. Heard from: O1 the child, O2 the child and a
parent, O3 a parent. The expected figures are the design's (tests/practice/example_62.py holds them as records)."""

from dataclasses import dataclass, field
from datetime import time, timedelta

from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.practice.models import Observation, ObservationEntry, PracticeEvent

from ..factories import TeamFactory, make_user, theme
from .factories import AssessorFactory, ObservationEntryFactory, ObservationFactory, VisitFactory, make_event

LEADERSHIP, VOICE, PARENT, GOOD = 1, 2, 3, 4  # the default headings' numbers (§2)

OBSERVATIONS = {  # label: (assessor, team, state, felt supported, heard from)
    "O1": ("ann", "South 2", "handed_in", "yes", ["child"]),
    "O2": ("bob", "West 1", "handed_in", "mixed", ["child", "parent_carer"]),
    "O3": ("cat", "West 1", "handed_in", "yes", ["parent_carer"]),
    "O4": ("dan", "North 1", "draft", "yes", []),
    "O5": ("ann", "North 1", "handed_in", "not_asked", []),
}
ENTRIES = {  # label: (observation, heading number, kind, theme, text)
    "e1": ("O1", LEADERSHIP, "strength", "leadership", "Manager is visible and staff go to her"),
    "e2": ("O1", LEADERSHIP, "area_for_development", "workforce-and-caseloads", "Caseloads high"),
    "e3": ("O1", VOICE, "strength", "voice-of-the-child", "Worker rang the child before the first visit"),
    "e4": ("O2", LEADERSHIP, "area_for_development", "management-oversight-and-supervision",
           "Supervision notes list tasks only"),
    "e5": ("O2", LEADERSHIP, "area_for_development", "workforce-and-caseloads",
           "Senior practitioner carries a full caseload and cannot supervise"),
    "e6": ("O2", VOICE, "area_for_development", "voice-of-the-child", "Child's views not written up after visits"),
    "e7": ("O3", VOICE, "strength", "voice-of-the-child", "Direct work with colours for feelings"),
    "e8": ("O3", PARENT, "strength", "parent-and-carer-experience", "Mum said the plan was explained"),
    "e9": ("O3", LEADERSHIP, "area_for_development", "workforce-and-caseloads", "Caseloads above 25"),
    "e10": ("O4", LEADERSHIP, "strength", "leadership", "Team meeting was lively"),
    "e11": ("O5", LEADERSHIP, "strength", "leadership", "Team meeting well chaired"),
    "e12": ("O5", GOOD, "good_practice", "multi-agency-working", "School nurse attends allocation meeting"),
    "e13": ("O5", VOICE, "area_for_development", "voice-of-the-child", "Removed before hand in"),
}


@dataclass
class Example:
    event: PracticeEvent
    organiser: object
    teams: dict = field(default_factory=dict)  # "South 2": Team
    users: dict = field(default_factory=dict)  # "ann": User (auditor role unless given)
    observations: dict = field(default_factory=dict)  # "O1": Observation
    entries: dict = field(default_factory=dict)  # "e1": ObservationEntry


def build_example(*, organiser=None, council=None, status=PracticeEvent.Status.ANALYSIS, users=None, teams=None,
                  **event_fields):
    """The §6.2 event, in `analysis`, organised by `organiser` (a QA lead unless given). `users` and `teams` may
    give some of the accounts ("ann": a user) and teams ("West 1": a team) instead of new ones."""
    teams = dict(teams or {})
    for name in ("South 2", "West 1", "North 1"):
        if name not in teams:
            teams[name] = TeamFactory(name=f"Safeguarding {name}", **({"council": council} if council else {}))
    council = council or teams["South 2"].council
    organiser = organiser or make_user(Role.QA_LEAD)
    event = make_event(council=council, organisers=[organiser], teams=list(teams.values()), created_by=organiser,
                       status=status, **event_fields)
    example = Example(event=event, organiser=organiser, teams=teams)
    assessors = {}
    for name in ("ann", "bob", "cat", "dan"):
        user = (users or {}).get(name) or make_user(Role.AUDITOR, first_name=name.title(), last_name="Assessor")
        example.users[name] = user
        assessors[name] = AssessorFactory(event=event, user=user, name=f"{name.title()} Assessor")
    headings = {h.number: h for h in event.headings.all()}
    now = timezone.now()
    for hour, (label, (who, team, state, supported, heard)) in enumerate(OBSERVATIONS.items(), start=9):
        visit = VisitFactory(event=event, event_team=event.teams.get(team=teams[team]), assessor=assessors[who],
                             starts_at=time(hour), ends_at=time(hour, 30),
                             status="happened" if state == "handed_in" else "planned")
        example.observations[label] = ObservationFactory(
            visit=visit, state=state, felt_supported=supported, heard_from=heard,
            handed_in_at=now if state == Observation.State.HANDED_IN else None)
    for minutes, (label, (obs, heading, kind, slug, text)) in enumerate(ENTRIES.items()):
        entry = ObservationEntryFactory(observation=example.observations[obs], heading=headings[heading],
                                        kind=kind, theme=theme(slug), text=text)
        # created_at in the table's order, so "ties by the earlier created_at" (§6.3) are the design's
        ObservationEntry.objects.filter(pk=entry.pk).update(
            created_at=now - timedelta(hours=1) + timedelta(minutes=minutes),
            removed_at=now if label == "e13" else None)
        entry.refresh_from_db()
        example.entries[label] = entry
    return example


def build_week(*, council, organiser, teams, answers, entries, benchmark=None, status=PracticeEvent.Status.ANALYSIS):
    """A week with one handed-in observation per team in `teams` (a list of Team), each answering
    `answers[i]` to felt supported, and its entries: `entries` is [(team index, kind, theme slug)], under the
    heading their kind belongs to (Leadership, or Good practice for good_practice)."""
    event = make_event(council=council, organisers=[organiser], teams=teams, created_by=organiser, status=status,
                       benchmark=benchmark)
    assessor = AssessorFactory(event=event, user=make_user(Role.AUDITOR))
    headings = {h.number: h for h in event.headings.all()}
    observations = []
    for i, team in enumerate(teams):
        visit = VisitFactory(event=event, event_team=event.teams.get(team=team), assessor=assessor,
                             starts_at=time(9 + i), ends_at=time(9 + i, 30), status="happened")
        observations.append(ObservationFactory(visit=visit, state=Observation.State.HANDED_IN,
                                               felt_supported=answers[i], handed_in_at=timezone.now()))
    for i, kind, slug in entries:
        ObservationEntryFactory(observation=observations[i], kind=kind, theme=theme(slug),
                                heading=headings[GOOD if kind == "good_practice" else LEADERSHIP],
                                text=f"{kind} on {slug} in {teams[i].name}")
    return event
