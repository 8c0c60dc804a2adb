"""The practice records the matrix's rows name (docs/design/practice.md §8.2).

A week organised by the QA-lead user, in `analysis`, summaries shared, report approved, one plan item whose
action the team-manager user owns. The auditor-role user observed the own team and the other team (a handed-in
`practice_observation` on each side, with one entry); the team-manager user observed the other team (handed in);
the senior-leader user is neither an assessor nor an organiser. A practice day following the week, `published`,
organised by the QA lead, visits the own team (the QA lead assesses it). A published library item.

Kinds, per side: `practice_event` (the week), `practice_day`, `practice_report`, `practice_plan_item`,
`practice_library_item`, `practice_assessor` (the auditor's, for its brief), `practice_event_team` (the week's team
of that side), `practice_team` (UrlArgs(week, team): a team's summary and follow-up), `practice_day_team`
(UrlArgs(day, team)), `practice_report_section` (UrlArgs(week, "introduction"): a section of its report),
`practice_visit` and `practice_observation` (the auditor's on that side), `practice_entry`
(its entry). The records are made directly, not through the services: the day follows a week still in
analysis, which the services would refuse (a follow-up follows a complete event) and which no page here minds."""

from datetime import date, time

from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Finding, Source
from triangulate.practice.models import AnalysisReport, LibraryItem, Observation, PracticeEvent

from ...factories import theme
from ...practice.factories import (
    AnalysisReportFactory,
    AssessorFactory,
    LibraryItemFactory,
    ObservationEntryFactory,
    ObservationFactory,
    PlanItemFactory,
    VisitFactory,
    make_event,
)

WEEK_MONDAY = date(2026, 2, 2)
DAY = date(2026, 3, 4)


class UrlArgs:
    """A page addressed by more than one primary key, e.g. an event's team summary by event and team."""

    def __init__(self, *args):
        self.url_args = list(args)
        self.pk = args[0]  # test_matrix.url_for evaluates its `[obj.pk]` default even when url_args is set


def add_practice_records(world, out):
    council = world.own.council
    users = world.users
    qa_lead, auditor, team_manager = users[Role.QA_LEAD], users[Role.AUDITOR], users[Role.TEAM_MANAGER]
    now = timezone.now()
    week = make_event(council=council, organisers=[qa_lead], teams=[world.own, world.other], created_by=qa_lead,
                      status=PracticeEvent.Status.ANALYSIS, published_at=now, published_by=qa_lead,
                      observation_closed_at=now, observation_closed_by=qa_lead, summaries_shared_at=now,
                      summaries_shared_by=qa_lead)
    heading = week.headings.get(number=1)
    auditor_assessor = AssessorFactory(event=week, user=auditor)
    manager_assessor = AssessorFactory(event=week, user=team_manager)
    report = AnalysisReportFactory(event=week, status=AnalysisReport.Status.APPROVED, approved_by=qa_lead,
                                   approved_at=now, introduction="This document sets out the findings.")
    finding = improvement.record_finding(
        actor=qa_lead, kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text="Supervision notes list tasks only",
        theme=theme("management-oversight-and-supervision"), team=world.own, source=Source.PRACTICE_WEEK,
        found_on=date(2026, 2, 6))
    action = improvement.create_action(
        actor=qa_lead, title="Reflective supervision for every worker", rationale="Drift if not done",
        priority="high", owner=team_manager, due_date=date(2027, 3, 31),
        theme=theme("management-oversight-and-supervision"), finding=finding)
    plan_item = PlanItemFactory(event=week, heading=heading, number=1, finding=finding, action=action,
                                issue_identified="Supervision notes list tasks only", created_by=qa_lead)
    day = make_event(council=council, organisers=[qa_lead], teams=[world.own], created_by=qa_lead,
                     kind=PracticeEvent.Kind.DAY, title="Practice day: Safeguarding North 1", starts_on=DAY,
                     ends_on=DAY, follows=week, status=PracticeEvent.Status.PUBLISHED, published_at=now,
                     published_by=qa_lead)
    VisitFactory(event=day, event_team=day.teams.get(), assessor=AssessorFactory(event=day, user=qa_lead))
    library_item = LibraryItemFactory(council=council, status=LibraryItem.Status.PUBLISHED, no_names_checked=True,
                                      from_team=world.own, event=week, proposed_by=qa_lead, proposed_at=now,
                                      published_by=qa_lead, published_at=now)
    shared = {"practice_event": week, "practice_day": day, "practice_report": report,
              "practice_plan_item": plan_item, "practice_library_item": library_item,
              "practice_assessor": auditor_assessor,
              "practice_report_section": UrlArgs(week.pk, "introduction"),
              # S2: a guest of the week with an email and no account (invite, end access), and a guest link that
              # names nobody (the welcome page says the link does not work, whoever opens it)
              "practice_guest": AssessorFactory(event=week, kind="guest", user=None, name="Gail Guest",
                                                organisation="Northumbria Police", email="gail@police.example"),
              "practice_guest_link": UrlArgs("MA", "no-such-token")}
    for side, team in (("own", world.own), ("other", world.other)):
        event_team = week.teams.get(team=team)
        visit = VisitFactory(event=week, event_team=event_team, assessor=auditor_assessor, date=WEEK_MONDAY,
                             starts_at=time(9 if side == "own" else 13), ends_at=time(11 if side == "own" else 15),
                             status="happened")
        observation = ObservationFactory(visit=visit, state=Observation.State.HANDED_IN, handed_in_at=now,
                                         felt_supported="yes", what_happened="Team meeting, 9 staff")
        entry = ObservationEntryFactory(observation=observation, heading=heading)
        out[side].update(shared, practice_event_team=event_team, practice_team=UrlArgs(week.pk, team.pk),
                         practice_visit=visit, practice_observation=observation, practice_entry=entry)
    day_team = day.teams.get()
    out["own"]["practice_day_team"] = out["other"]["practice_day_team"] = UrlArgs(day.pk, day_team.team_id)
    out["own"]["practice_heading"] = out["other"]["practice_heading"] = heading  # the week's heading 1
    other_visit = VisitFactory(event=week, event_team=week.teams.get(team=world.other), assessor=manager_assessor,
                               date=WEEK_MONDAY, starts_at=time(10),
                               ends_at=time(12), status="happened")
    ObservationFactory(visit=other_visit, state=Observation.State.HANDED_IN, handed_in_at=now, felt_supported="mixed")
    return out
