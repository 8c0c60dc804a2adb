"""A complete week with an action plan, and a practice day that follows it up (design §6.5), for slice S6's tests.

The week (2–6 February 2026) visited the team "Safeguarding North 1" and "Safeguarding West 1". Its plan has five
items: four whose action is North 1's or council-wide (the §6.5 example's four actions: one complete) and one of
West 1's. The day (4 March 2026) follows the week and visits North 1; its one handed-in observation rates the four
actions improved, some progress, no progress and not seen: progress 2 ÷ 3 = 67%, actions complete 1 of 4 = 25%."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Action, Finding, Source
from triangulate.practice.models import Observation, PracticeEvent
from triangulate.practice.services import plan

from ..factories import TeamFactory, make_user, theme
from .factories import (
    AssessorFactory,
    ObservationEntryFactory,
    ObservationFactory,
    ProgressCheckFactory,
    VisitFactory,
    make_event,
)

RATINGS = ("improved", "some_progress", "no_progress", "not_seen")


@dataclass
class FollowUpWorld:
    week: PracticeEvent
    day: PracticeEvent
    team: object  # North 1, visited by both
    other_team: object  # West 1, visited by the week only
    organiser: object
    owner: object
    items: list = field(default_factory=list)  # the four plan items of North 1 or council-wide, in plan order
    other_item: object = None  # West 1's


def build_follow_up(*, team=None, organiser=None, owner=None, council=None):
    team = team or TeamFactory(name="Safeguarding North 1", **({"council": council} if council else {}))
    other_team = TeamFactory(name="Safeguarding West 1", council=team.council)
    organiser = organiser or make_user(Role.QA_LEAD)
    owner = owner or make_user(Role.SERVICE_MANAGER, first_name="Sam", last_name="Owner")
    week = make_event(council=team.council, organisers=[organiser], teams=[team, other_team], created_by=organiser,
                      status=PracticeEvent.Status.ANALYSIS, title="Practice week February 2026")
    leadership = week.headings.get(number=1)
    assessor = AssessorFactory(event=week, user=make_user(Role.AUDITOR))
    for n, t in enumerate((team, other_team)):
        visit = VisitFactory(event=week, event_team=week.teams.get(team=t), assessor=assessor, status="happened",
                             starts_at=f"{9 + n}:00", ends_at=f"{9 + n}:30")
        observation = ObservationFactory(visit=visit, state=Observation.State.HANDED_IN, handed_in_at=timezone.now())
        ObservationEntryFactory(observation=observation, heading=leadership, kind="area_for_development",
                                theme=theme("workforce-and-caseloads"), text=f"Caseloads high in {t.name}")
        ObservationEntryFactory(observation=observation, heading=leadership, kind="strength",
                                theme=theme("leadership"), text=f"Manager visible in {t.name}")
    world = FollowUpWorld(week=week, day=None, team=team, other_team=other_team, organiser=organiser, owner=owner)
    for n, (title, for_team) in enumerate([("Review caseload weighting", team), ("Protect supervision time", None),
                                           ("Record the child's views", team), ("Refresh the duty rota", team)]):
        world.items.append(plan.add_item(
            actor=organiser, event=week, heading=leadership, issue_identified=f"- Issue {n + 1}", title=title,
            rationale="Children wait", priority="high", owner=owner, due_date=date(2026, 4, 30),
            theme=theme("workforce-and-caseloads"), team=for_team))
    world.other_item = plan.add_item(
        actor=organiser, event=week, heading=leadership, issue_identified="- West's issue", title="West's action",
        rationale="Children wait", priority="low", owner=owner, due_date=date(2026, 4, 30),
        theme=theme("leadership"), team=other_team)
    improvement.change_action_status(actor=owner, action=world.items[3].action, status=Action.Status.COMPLETE,
                                     changed_on=timezone.localdate(), note="Rota agreed", evidence="New rota in place")
    PracticeEvent.objects.filter(pk=week.pk).update(status=PracticeEvent.Status.COMPLETE)
    week.refresh_from_db()
    day = make_event(council=team.council, organisers=[organiser], teams=[team], created_by=organiser,
                     kind=PracticeEvent.Kind.DAY, starts_on=date(2026, 3, 4), ends_on=date(2026, 3, 4), follows=week,
                     status=PracticeEvent.Status.ANALYSIS, title="Practice day March 2026")
    day_assessor = AssessorFactory(event=day, user=make_user(Role.AUDITOR))
    visit = VisitFactory(event=day, event_team=day.teams.get(team=team), assessor=day_assessor, status="happened")
    observation = ObservationFactory(visit=visit, state=Observation.State.HANDED_IN, handed_in_at=timezone.now())
    for item, rating in zip(world.items, RATINGS, strict=True):
        ProgressCheckFactory(observation=observation, action=item.action, rating=rating)
    world.day = day
    return world


def old_and_recent_findings(world, *, recorder):
    """One finding for the team from 13 months before 1 December 2026 (left out of the panel) and one from an
    audit in October 2026 (shown)."""
    old = Finding.objects.create(kind="area_for_development", text="Old finding", theme=theme("leadership"),
                                 team=world.team, source=Source.CASE_AUDIT, found_on=date(2025, 11, 1),
                                 recorded_by=recorder)
    recent = Finding.objects.create(kind="strength", text="Audit: plans are clear", theme=theme("leadership"),
                                    team=world.team, source=Source.CASE_AUDIT, found_on=date(2026, 10, 1),
                                    recorded_by=recorder)
    return old, recent
