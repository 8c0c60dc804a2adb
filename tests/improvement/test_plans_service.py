"""The plan services of design §2.1: plans, service and team plans made from a live plan, priorities (numbered,
themed, KPIs checked, versioned), the dated progress history, linking actions and milestones."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from triangulate.core.audit import AuditEvent
from triangulate.core.concurrency import StaleEdit
from triangulate.core.roles import Role
from triangulate.improvement import plans
from triangulate.improvement.models import ImprovementPlan, Priority, PriorityUpdate
from triangulate.improvement.verbs import Verb

from ..factories import TeamFactory, theme
from .factories import MilestoneFactory, PriorityFactory
from .plans_helpers import action_under, council_plan, visits_priority

Status = ImprovementPlan.Status
START, END = date(2026, 4, 1), date(2027, 3, 31)


def messages(excinfo):
    return excinfo.value.message_dict if hasattr(excinfo.value, "error_dict") else excinfo.value.messages


@pytest.fixture
def lead(world):
    return world.users[Role.QA_LEAD]


def test_a_lead_makes_a_council_plan_and_others_may_not(world, lead):
    plan = plans.create_plan(actor=lead, council=world.own.council, title=" Improvement plan 2026/27 ",
                             level="council", owner=lead, starts_on=START, ends_on=END)
    assert (plan.title, plan.status, plan.version) == ("Improvement plan 2026/27", Status.DRAFT, 1)
    assert AuditEvent.objects.filter(verb=Verb.PLAN_CREATED, object_id=str(plan.pk)).exists()
    for role in (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR,
                 Role.PRINCIPAL_SOCIAL_WORKER):
        with pytest.raises(PermissionDenied):
            plans.create_plan(actor=world.users[role], council=world.own.council, title="x", level="council",
                              owner=lead, starts_on=START, ends_on=END)


def test_a_plan_must_end_after_it_starts_and_a_service_plan_needs_its_area(world, lead):
    with pytest.raises(ValidationError) as excinfo:
        plans.create_plan(actor=lead, council=world.own.council, title="x", level="council", owner=lead,
                          starts_on=END, ends_on=START)
    assert messages(excinfo) == {"ends_on": ["The plan must end on or after the day it starts"]}
    with pytest.raises(ValidationError) as excinfo:
        plans.create_plan(actor=lead, council=world.own.council, title="x", level="service", owner=lead,
                          starts_on=START, ends_on=END)
    assert messages(excinfo) == {"service_area": ["Select the service area of a service plan"]}


def test_editing_a_plan_is_versioned_and_moves_forward_only(world, lead):
    plan = council_plan(world, status=Status.DRAFT)
    plans.edit_plan(actor=lead, plan=plan, title="Plan 2026/27", owner=lead, starts_on=START, ends_on=END,
                    status=Status.LIVE, expected_version=1)
    plan.refresh_from_db()
    assert (plan.title, plan.status, plan.version) == ("Plan 2026/27", Status.LIVE, 2)
    with pytest.raises(StaleEdit):
        plans.edit_plan(actor=lead, plan=plan, title="Again", owner=lead, starts_on=START, ends_on=END,
                        status=Status.LIVE, expected_version=1)
    with pytest.raises(ValidationError) as excinfo:
        plans.edit_plan(actor=lead, plan=plan, title="Again", owner=lead, starts_on=START, ends_on=END,
                        status=Status.DRAFT, expected_version=2)
    assert messages(excinfo) == {"status": ["A live plan cannot become draft"]}


def test_a_live_council_plan_makes_a_service_plan_per_area_with_teams_then_team_plans(world, lead):
    plan = council_plan(world)
    manager = world.users[Role.SERVICE_MANAGER]
    first = visits_priority(plan, manager, kpi_ids=["rereferral_pct"], target="90% by March")
    second = PriorityFactory(plan=plan, number=2, owner=lead, title="Supervision every month")
    TeamFactory(name="Closed team", is_active=False)  # its own area has no active team: no plan for it
    made = plans.make_child_plans(actor=lead, plan=plan)
    areas = sorted([world.own.service_area, world.other.service_area], key=lambda area: area.name)
    assert [(child.level, child.service_area, child.status, child.parent) for child in made] == [
        ("service", area, Status.DRAFT, plan) for area in areas]
    assert made[0].title == f"{areas[0].name}: Improvement plan 2026/27"
    copies = list(made[0].priorities.all())
    assert [(p.number, p.title, p.owner, p.parent, p.kpi_ids, p.target) for p in copies] == [
        (1, first.title, manager, first, ["rereferral_pct"], "90% by March"),
        (2, "Supervision every month", lead, second, [], "")]
    assert set(copies[0].themes.all()) == set(first.themes.all())
    # making again adds nothing: every area already has its plan
    with pytest.raises(ValidationError) as excinfo:
        plans.make_child_plans(actor=lead, plan=plan)
    assert messages(excinfo) == ["Every service area or team already has a plan made from this one"]
    # a service plan must be live before it makes team plans; then one per active team of the area
    service_plan = next(child for child in made if child.service_area == world.own.service_area)
    with pytest.raises(ValidationError) as excinfo:
        plans.make_child_plans(actor=lead, plan=service_plan)
    assert messages(excinfo) == ["Service and team plans are made from a live plan; this plan is draft"]
    ImprovementPlan.objects.filter(pk=service_plan.pk).update(status=Status.LIVE)
    service_plan.refresh_from_db()
    [team_plan] = plans.make_child_plans(actor=lead, plan=service_plan)
    assert (team_plan.level, team_plan.team, team_plan.parent) == ("team", world.own, service_plan)
    team_copy = team_plan.priorities.get(number=1)
    assert team_copy.parent.parent == first
    assert list(team_copy.teams.all()) == [world.own]
    with pytest.raises(ValidationError) as excinfo:
        plans.make_child_plans(actor=lead, plan=team_plan)
    assert messages(excinfo) == ["A team plan has no service or team plans under it"]


def test_priorities_are_numbered_last_need_a_theme_and_known_measures(world, lead):
    plan = council_plan(world)
    visits_priority(plan, lead)
    added = plans.add_priority(actor=lead, plan=plan, title="Supervision", owner=lead, themes=[theme()],
                               kpi_ids=["rereferral_pct"])
    assert (added.number, added.progress, added.kpi_ids) == (2, "in_progress", ["rereferral_pct"])
    with pytest.raises(ValidationError) as excinfo:
        plans.add_priority(actor=lead, plan=plan, title=" ", owner=lead, themes=[], kpi_ids=["made_up"])
    assert messages(excinfo) == {"title": ["Enter the priority"], "themes": ["Select at least one theme"],
                                 "kpi_ids": ["Select measures from the list"]}
    with pytest.raises(PermissionDenied):
        plans.add_priority(actor=world.users[Role.SERVICE_MANAGER], plan=plan, title="x", owner=lead,
                           themes=[theme()])


def test_editing_a_priority_is_versioned(world, lead):
    priority = visits_priority(council_plan(world), lead)
    plans.edit_priority(actor=lead, priority=priority, title="Visits", owner=lead, themes=[theme()],
                        teams=[world.own], target="95%", expected_version=1)
    priority.refresh_from_db()
    assert (priority.title, priority.target, priority.version, list(priority.teams.all())) == (
        "Visits", "95%", 2, [world.own])
    with pytest.raises(StaleEdit):
        plans.edit_priority(actor=lead, priority=priority, title="Stale", owner=lead, themes=[theme()],
                            expected_version=1)


def test_moving_a_priority_swaps_it_with_its_neighbour(world, lead):
    plan = council_plan(world)
    one, two, three = (PriorityFactory(plan=plan, number=n, owner=lead) for n in (1, 2, 3))
    plans.move_priority(actor=lead, priority=three, direction="up")
    assert list(plan.priorities.order_by("number").values_list("pk", flat=True)) == [one.pk, three.pk, two.pk]
    with pytest.raises(ValidationError) as excinfo:
        plans.move_priority(actor=lead, priority=one, direction="up")
    assert messages(excinfo) == ["Priority 1 is already first"]


def test_progress_is_a_dated_row_copied_to_the_priority(world, lead):
    manager = world.users[Role.SERVICE_MANAGER]
    priority = visits_priority(council_plan(world), manager)
    update = plans.record_progress(actor=manager, priority=priority, progress="largely_achieved",
                                   on=date(2026, 10, 1), evidence_of_impact="82% within timescale",
                                   whats_next="Audit in January", expected_version=1)
    priority.refresh_from_db()
    assert (priority.progress, priority.evidence_of_impact, priority.whats_next, priority.version) == (
        "largely_achieved", "82% within timescale", "Audit in January", 2)
    assert (update.recorded_by, update.on) == (manager, date(2026, 10, 1))
    with pytest.raises(StaleEdit):
        plans.record_progress(actor=lead, priority=priority, progress="achieved", on=date(2026, 10, 2),
                              expected_version=1)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        plans.record_progress(actor=lead, priority=priority, progress="achieved", on=tomorrow, expected_version=2)
    assert messages(excinfo) == {"on": ["The date of the update must be today or in the past"]}
    with pytest.raises(ValidationError) as excinfo:
        plans.record_progress(actor=lead, priority=priority, progress="done", on=date(2026, 10, 2))
    assert messages(excinfo) == {"progress": ["Select the progress"]}
    assert PriorityUpdate.objects.filter(priority=priority).count() == 1
    # its owner and QA, PSW, SL may update; another service manager or a team manager may not
    for role in (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            plans.record_progress(actor=world.users[role], priority=priority, progress="achieved",
                                  on=date(2026, 10, 2))
    other = Priority.objects.get(pk=visits_priority(priority.plan, lead, number=2).pk)
    with pytest.raises(PermissionDenied):
        plans.record_progress(actor=manager, priority=other, progress="achieved", on=date(2026, 10, 2))


def test_an_action_is_linked_by_someone_who_may_update_it(world, lead):
    priority = visits_priority(council_plan(world), lead)
    action = action_under(world, None)
    plans.link_action(actor=world.users[Role.PRACTITIONER], action=action, priority=priority)
    action.refresh_from_db()
    assert action.plan_priority == priority
    event = AuditEvent.objects.get(verb=Verb.ACTION_LINKED)
    assert event.changes == {"plan_priority": [None, priority.pk]}
    ImprovementPlan.objects.filter(pk=priority.plan_id).update(status=Status.CLOSED)
    priority.plan.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        plans.link_action(actor=world.users[Role.PRACTITIONER], action=action, priority=priority)
    assert messages(excinfo) == {"priority": ["That plan is closed: choose a priority of a draft or live plan"]}
    elsewhere = action_under(world, None, owner=world.users[Role.QA_LEAD], team=world.other)
    with pytest.raises(PermissionDenied):
        plans.link_action(actor=world.users[Role.TEAM_MANAGER], action=elsewhere, priority=priority)


def test_milestones_are_added_and_done_on_open_actions(world, lead):
    action = action_under(world, visits_priority(council_plan(world), lead))
    owner = world.users[Role.PRACTITIONER]
    milestone = plans.add_milestone(actor=owner, action=action, title="Dip sample 20 visits",
                                    due_on=date(2026, 11, 1))
    plans.mark_milestone_done(actor=owner, action=action, milestone=milestone, done_on=date(2026, 11, 2))
    milestone.refresh_from_db()
    assert milestone.done_on == date(2026, 11, 2)
    with pytest.raises(ValidationError) as excinfo:
        plans.mark_milestone_done(actor=owner, action=action, milestone=milestone, done_on=date(2026, 11, 3))
    assert messages(excinfo) == ["The milestone was already done on 2 November 2026"]
    other_action = action_under(world, None)
    stranger = MilestoneFactory(action=other_action)
    with pytest.raises(ValidationError) as excinfo:
        plans.mark_milestone_done(actor=owner, action=action, milestone=stranger, done_on=date(2026, 11, 3))
    assert messages(excinfo) == ["That milestone belongs to another action"]
    type(action).objects.filter(pk=action.pk).update(status="cancelled")
    action.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        plans.add_milestone(actor=owner, action=action, title="Late", due_on=date(2026, 12, 1))
    assert messages(excinfo) == ["The action is cancelled: its milestones are fixed"]
    with pytest.raises(PermissionDenied):
        plans.add_milestone(actor=world.users[Role.ELECTED_MEMBER], action=other_action, title="x", due_on=date(2026, 12, 1))
