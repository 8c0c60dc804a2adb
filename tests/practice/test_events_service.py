"""A practice event from planning to complete (design §1.2, §3.1, §9.2): creating copies the active headings;
"Repeat this week" and "Follow up" start from a complete event; each transition refuses the wrong state, is
claimed against the version and leaves one trail event; sharing summaries and cancelling tell the right people."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent, Notification
from triangulate.core.roles import Role
from triangulate.people.models import StaffRole
from triangulate.practice.models import AnalysisReport, HeadingTemplate, Observation, PracticeEvent
from triangulate.practice.services import events as svc
from triangulate.practice.services import plan

from ..factories import StaffFactory, TeamFactory, add_to_team, make_user, theme
from .factories import (
    AnalysisReportFactory,
    ObservationFactory,
    VisitFactory,
    make_event,
)

MON, FRI = date(2026, 2, 2), date(2026, 2, 6)
Status = PracticeEvent.Status


@pytest.fixture
def qa(db):
    return make_user(Role.QA_LEAD, username="qa")


def new_week(qa, **overrides):
    values = {"council": TeamFactory().council, "kind": "week", "title": "Spring week", "starts_on": MON,
              "ends_on": FRI, "focus": "The voice of the child", "organisers": [qa]}
    return svc.create_event(actor=qa, **{**values, **overrides})


def verbs():
    return list(AuditEvent.objects.filter(verb__startswith="practice_event.").order_by("pk")
                .values_list("verb", flat=True))


def test_create_copies_the_four_default_headings_and_records_it(qa):
    event = new_week(qa, focus_themes=[theme("voice-of-the-child")], max_visits_per_day=4)
    assert event.status == Status.PLANNING and event.created_by == qa and list(event.organisers.all()) == [qa]
    assert [h.title for h in event.headings.order_by("number")] == [
        "Leadership", "The voice of the child", "The parent/carer experience", "Good or innovative practice"]
    leadership = event.headings.get(number=1)
    assert {t.slug for t in leadership.themes.all()} == {
        "leadership", "management-oversight-and-supervision", "workforce-and-caseloads"}
    assert event.max_visits_per_day == 4 and [t.slug for t in event.focus_themes.all()] == ["voice-of-the-child"]
    trail = AuditEvent.objects.get(verb="practice_event.created")
    assert trail.changes == {"status": "planning", "kind": "week", "starts_on": "2026-02-02",
                             "ends_on": "2026-02-06", "headings": 4}


def test_create_copies_only_active_templates_renumbered(qa):
    council = TeamFactory().council
    from triangulate.practice.defaults import ensure_default_headings
    ensure_default_headings(council)
    HeadingTemplate.objects.filter(council=council, number=2).update(is_active=False)
    event = new_week(qa, council=council)
    assert [(h.number, h.title) for h in event.headings.order_by("number")] == [
        (1, "Leadership"), (2, "The parent/carer experience"), (3, "Good or innovative practice")]


def test_create_refuses_bad_dates_a_missing_focus_and_a_non_organiser(qa):
    practitioner = make_user(Role.PRACTITIONER, username="pr")
    with pytest.raises(ValidationError) as error:
        new_week(qa, kind="day", title=" ", focus="", organisers=[practitioner])
    assert error.value.message_dict == {
        "title": ["Enter a title."],
        "focus": ["Enter the agreed focus: it goes in every brief."],
        "ends_on": ["A practice day starts and ends on the same day."],
        "organisers": [f"{practitioner.get_full_name()} cannot organise a practice event: organisers are QA "
                       "leads, principal social workers or senior leaders."]}
    with pytest.raises(ValidationError, match="at most 13 days apart"):
        new_week(qa, ends_on=date(2026, 2, 16))  # 14 days after the Monday
    assert new_week(qa, ends_on=date(2026, 2, 15)).ends_on == date(2026, 2, 15)  # 13 days: allowed
    with pytest.raises(ValidationError, match="from 1 to 8"):
        new_week(qa, max_visits_per_day=9)
    with pytest.raises(PermissionDenied):
        new_week(practitioner)


def complete_week(qa, teams):
    event = make_event(organisers=[qa], teams=teams, status=Status.COMPLETE)
    event.focus_themes.set([theme("voice-of-the-child")])
    return event


def test_repeat_this_week_copies_teams_with_a_fresh_snapshot_headings_and_focus(qa):
    team = TeamFactory(name="Safeguarding West 1", establishment_fte=Decimal("8"))
    for role in (StaffRole.SOCIAL_WORKER, StaffRole.TEAM_MANAGER, StaffRole.SOCIAL_WORKER, StaffRole.ASYE):
        add_to_team(StaffFactory(role=role), team)
    leaver = StaffFactory(role=StaffRole.SOCIAL_WORKER, leave_date=date(2021, 1, 1))
    add_to_team(leaver, team)
    earlier = complete_week(qa, [team])
    old = earlier.teams.get()
    old.headcount, old.context, old.details_confirmed_by = 9, "New manager since May", qa
    old.save()
    earlier.headings.filter(number=4).delete()  # the week's own headings, not the templates, are copied
    sl = make_user(Role.SENIOR_LEADER, username="sl")
    week = svc.repeat_week(actor=sl, event=earlier, title="Autumn week", starts_on=date(2026, 10, 5),
                           ends_on=date(2026, 10, 9))
    assert (week.kind, week.status, week.benchmark, week.focus) == ("week", Status.PLANNING, earlier, earlier.focus)
    assert list(week.organisers.all()) == [sl]
    assert [t.slug for t in week.focus_themes.all()] == ["voice-of-the-child"]
    assert week.headings.count() == 3
    copied = week.teams.get()
    # 4 in post (the leaver left in 2021): 1 team manager first, then 2 social workers and 1 ASYE.
    assert copied.team == team and copied.headcount == 4
    assert copied.fte == Decimal("4") and copied.vacancy_fte == Decimal("4")
    assert copied.structure == "1 team manager, 2 social workers, 1 ASYE"
    assert copied.context == "New manager since May" and copied.details_confirmed_by is None
    assert AuditEvent.objects.get(verb="practice_event.created", object_id=str(week.pk)).changes["benchmark"] == \
        earlier.pk


def test_only_a_complete_week_is_repeated(qa):
    day = make_event(organisers=[qa], kind="day", starts_on=MON, ends_on=MON, status=Status.COMPLETE)
    planning = make_event(organisers=[qa])
    for event in (day, planning):
        with pytest.raises(ValidationError, match="Only a complete practice week can be repeated"):
            svc.repeat_week(actor=qa, event=event, title="Again", starts_on=MON, ends_on=FRI)


def test_follow_up_makes_a_day_for_one_of_the_teams(qa):
    team, elsewhere = TeamFactory(name="East 1"), TeamFactory(name="North 1")
    earlier = complete_week(qa, [team])
    day = svc.follow_up_day(actor=qa, event=earlier, team=team, title="East 1 follow-up", on=date(2026, 3, 4))
    assert (day.kind, day.starts_on, day.ends_on, day.follows, day.benchmark) == (
        "day", date(2026, 3, 4), date(2026, 3, 4), earlier, None)
    assert [t.team for t in day.teams.all()] == [team] and day.headings.count() == 4
    with pytest.raises(ValidationError, match="North 1 was not visited in"):
        svc.follow_up_day(actor=qa, event=earlier, team=elsewhere, title="x", on=date(2026, 3, 4))
    with pytest.raises(ValidationError, match="Only a complete practice event can be followed up"):
        svc.follow_up_day(actor=qa, event=day, team=team, title="x", on=date(2026, 3, 5))


def test_edit_is_claimed_and_keeps_visits_inside_the_dates(qa):
    event = make_event(organisers=[qa])
    VisitFactory(event=event, date=FRI)
    event = svc.edit_event(actor=qa, event=event, expected_version=1, title="Renamed week", focus_themes=[])
    assert event.title == "Renamed week" and event.version == 2
    assert AuditEvent.objects.get(verb="practice_event.updated").changes == {
        "fields": ["focus_themes", "title"], "status": "planning"}
    with pytest.raises(StaleEdit):
        svc.edit_event(actor=qa, event=event, expected_version=1, title="Lost")
    with pytest.raises(ValidationError, match="1 visit would fall outside these dates"):
        svc.edit_event(actor=qa, event=event, ends_on=date(2026, 2, 5))
    other_qa = make_user(Role.QA_LEAD, username="qa2")
    with pytest.raises(PermissionDenied):
        svc.edit_event(actor=other_qa, event=event, title="Not mine")
    event.status = Status.COMPLETE
    event.save()
    with pytest.raises(ValidationError, match="“Complete” stage, so it cannot be changed"):
        svc.edit_event(actor=qa, event=event, title="Late")


def test_close_and_reopen_observations(qa):
    event = make_event(organisers=[qa], status=Status.PUBLISHED)
    with pytest.raises(ValidationError, match="only an event being observed can"):
        svc.close_observations(actor=qa, event=event)
    event.status = Status.OBSERVING
    event.save()
    ObservationFactory(visit=VisitFactory(event=event))  # a draft: it stays a draft
    event = svc.close_observations(actor=qa, event=event, expected_version=1)
    assert event.status == Status.ANALYSIS and event.observation_closed_by == qa
    assert Observation.objects.get().state == Observation.State.DRAFT
    assert AuditEvent.objects.get(verb="practice_event.observations_closed").changes == {
        "status": "analysis", "drafts": 1}
    with pytest.raises(ValidationError) as error:
        svc.reopen_observations(actor=qa, event=event, reason=" ")
    assert error.value.message_dict == {"reason": ["Say why observations are reopened."]}
    with pytest.raises(StaleEdit):
        svc.reopen_observations(actor=qa, event=event, reason="A late visit", expected_version=1)
    event = svc.reopen_observations(actor=qa, event=event, reason="A late visit on Friday", expected_version=2)
    assert event.status == Status.OBSERVING and event.observation_reopened_reason == "A late visit on Friday"
    assert AuditEvent.objects.get(verb="practice_event.observations_reopened").changes == {"status": "observing"}
    assert verbs() == ["practice_event.observations_closed", "practice_event.observations_reopened"]


def test_sharing_summaries_tells_each_teams_managers_once(qa, django_capture_on_commit_callbacks):
    team = TeamFactory(name="West 2")
    manager = StaffFactory(role=StaffRole.TEAM_MANAGER)
    add_to_team(manager, team)
    make_user(Role.TEAM_MANAGER, staff=manager, username="tm", email="tm@example.org")
    make_user(Role.SERVICE_MANAGER, service_areas=[team.service_area], username="sm", email="sm@example.org")
    event = make_event(organisers=[qa], teams=[team], status=Status.OBSERVING)
    with pytest.raises(ValidationError, match="summaries are shared once observations close"):
        svc.share_summaries(actor=qa, event=event)
    event.status = Status.ANALYSIS
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        event = svc.share_summaries(actor=qa, event=event, expected_version=1)
    assert event.summaries_shared_by == qa and event.status == Status.ANALYSIS
    told = Notification.objects.filter(kind="practice.summaries_shared")
    assert sorted(told.values_list("user__username", flat=True)) == ["sm", "tm"]
    assert {n.title for n in told} == {f"West 2's summary from {event.title} is ready"}
    assert sorted(m.to[0] for m in mail.outbox) == ["sm@example.org", "tm@example.org"]
    assert AuditEvent.objects.get(verb="practice_event.summaries_shared").changes == {
        "status": "analysis", "teams": [team.pk]}
    with pytest.raises(ValidationError, match="already shared"):
        svc.share_summaries(actor=qa, event=event)


def test_complete_needs_an_approved_report_and_a_plan_item_or_no_actions(qa):
    event = make_event(organisers=[qa], status=Status.ANALYSIS)
    with pytest.raises(ValidationError, match="Approve the report"):
        svc.complete_event(actor=qa, event=event)
    report = AnalysisReportFactory(event=event)
    with pytest.raises(ValidationError, match="Approve the report"):
        svc.complete_event(actor=qa, event=event, no_actions_reason="All well")
    report.status = AnalysisReport.Status.APPROVED
    report.save()
    with pytest.raises(ValidationError) as error:
        svc.complete_event(actor=qa, event=event)
    assert error.value.message_dict == {
        "no_actions_reason": ["Add an item to the action plan, or say why there are no actions."]}
    event = svc.complete_event(actor=qa, event=event, no_actions_reason="The day found nothing to act on",
                               expected_version=1)
    assert event.status == Status.COMPLETE and event.completed_by == qa
    assert event.no_actions_reason == "The day found nothing to act on"
    assert AuditEvent.objects.get(verb="practice_event.completed").changes == {
        "status": "complete", "plan_items": 0, "no_actions": True}
    with pytest.raises(ValidationError, match="only an event in analysis can"):
        svc.complete_event(actor=qa, event=event)


def test_complete_with_a_plan_item_refuses_no_actions(qa):
    event = make_event(organisers=[qa], status=Status.ANALYSIS)
    AnalysisReportFactory(event=event, status=AnalysisReport.Status.APPROVED)
    plan.add_item(actor=qa, event=event, heading=event.headings.first(), issue_identified="Caseloads are high",
                  title="Review caseloads", rationale="Drift", priority="high", owner=qa,
                  due_date=date(2026, 6, 1), theme=theme("workforce-and-caseloads"))
    with pytest.raises(ValidationError, match="The action plan has 1 item"):
        svc.complete_event(actor=qa, event=event, no_actions_reason="none")
    event = svc.complete_event(actor=qa, event=event)
    assert event.status == Status.COMPLETE and event.no_actions_reason == ""


def test_cancel_a_published_event_tells_those_the_publication_told(qa, django_capture_on_commit_callbacks):
    team = TeamFactory(name="Front Door")
    manager = StaffFactory(role=StaffRole.TEAM_MANAGER)
    add_to_team(manager, team)
    make_user(Role.TEAM_MANAGER, staff=manager, username="tm", email="tm@example.org")
    auditor = make_user(Role.AUDITOR, username="aud", email="aud@example.org")
    event = make_event(organisers=[qa], teams=[team], assessor_users=[auditor], status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        svc.cancel_event(actor=qa, event=event, reason="")
    assert error.value.message_dict == {"reason": ["Say why the event is cancelled."]}
    with django_capture_on_commit_callbacks(execute=True):
        event = svc.cancel_event(actor=qa, event=event, reason="Ofsted arrived", expected_version=1)
    assert (event.status, event.cancelled_by, event.cancelled_reason) == (Status.CANCELLED, qa, "Ofsted arrived")
    told = Notification.objects.filter(kind="practice.event_cancelled")
    assert sorted(told.values_list("user__username", flat=True)) == ["aud", "tm"]
    assert {n.title for n in told} == {f"{event.title} is cancelled"} and len(mail.outbox) == 2
    assert AuditEvent.objects.get(verb="practice_event.cancelled").changes == {
        "status": "cancelled", "was_published": True}


def test_cancel_in_planning_tells_nobody_and_a_handed_in_observation_blocks_it(
        qa, django_capture_on_commit_callbacks):
    event = make_event(organisers=[qa], assessor_users=[make_user(Role.AUDITOR, username="aud")])
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel_event(actor=qa, event=event, reason="Postponed")
    assert not Notification.objects.exists()
    published = make_event(organisers=[qa], status=Status.PUBLISHED)
    ObservationFactory(visit=VisitFactory(event=published), state=Observation.State.HANDED_IN)
    with pytest.raises(ValidationError, match="An observation has been handed in"):
        svc.cancel_event(actor=qa, event=published, reason="Too late")
    observing = make_event(organisers=[qa], status=Status.OBSERVING)
    with pytest.raises(ValidationError, match="only one not yet observed can"):
        svc.cancel_event(actor=qa, event=observing, reason="Too late")
