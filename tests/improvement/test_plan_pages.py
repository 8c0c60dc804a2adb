"""The plan pages (design §2, §9): a plan with its priorities in order, their progress key, RAG counts and the
roll-up of child plans; a priority with its history newest first and its actions' RAG; the forms that write."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement import kpi_links
from triangulate.improvement.models import ImprovementPlan, Milestone, Priority, PriorityUpdate

from ..factories import theme
from .factories import MilestoneFactory, PriorityFactory
from .plans_helpers import action_under, council_plan, team_plan, visits_priority


@pytest.fixture
def plan(world):
    return council_plan(world)


def text(response):
    return " ".join(response.content.decode().split())


def test_the_plan_shows_priorities_in_order_with_progress_counts_and_the_roll_up(world, client_for, plan):
    today = timezone.localdate()
    manager = world.users[Role.SERVICE_MANAGER]
    first = visits_priority(plan, manager, target="90% by March")
    PriorityFactory(plan=plan, number=2, owner=manager, title="Supervision every month", progress="achieved")
    action_under(world, first, due_date=today - timedelta(days=1))  # overdue
    on_track = action_under(world, first, due_date=today + timedelta(days=30))
    MilestoneFactory(action=on_track, due_on=today + timedelta(days=5))
    MilestoneFactory(action=on_track, due_on=today - timedelta(days=5), done_on=today - timedelta(days=6))
    child = team_plan(world, world.own, parent=plan)
    PriorityFactory(plan=child, number=1, owner=world.users[Role.TEAM_MANAGER], parent=first, progress="not_achieved")
    page = text(client_for(world.users[Role.PRACTITIONER]).get(reverse("improvement:plan_detail", args=[plan.pk])))
    assert page.index("1. Purposeful visits") < page.index("2. Supervision every month")
    assert 'govuk-tag--yellow">In progress</strong>' in page and 'govuk-tag--green">Achieved</strong>' in page
    assert "90% by March" in page
    assert 'govuk-tag--red">Overdue</strong> 1, <strong class="govuk-tag govuk-tag--green">On track</strong> 1' in page
    assert "1 of 2 milestones done" in page
    assert "In the service plans" in page and "Safeguarding North 1</a>: " in page
    assert 'govuk-tag--red">Not achieved</strong>' in page
    assert "Make service plans" not in page  # a practitioner does not manage plans


def test_a_team_plan_is_for_its_line(world, client_for, plan):
    other = team_plan(world, world.other, parent=plan)
    url = reverse("improvement:plan_detail", args=[other.pk])
    assert client_for(world.users[Role.TEAM_MANAGER]).get(url).status_code == 404
    assert client_for(world.users[Role.SERVICE_MANAGER]).get(url).status_code == 200
    listing = text(client_for(world.users[Role.TEAM_MANAGER]).get(reverse("improvement:plan_list")))
    assert plan.title in listing and other.title not in listing


def test_the_priority_page_shows_history_newest_first_and_actions_with_rag(world, client_for, plan):
    today = timezone.localdate()
    manager = world.users[Role.SERVICE_MANAGER]
    priority = visits_priority(plan, manager, kpi_ids=["rereferral_pct"])
    url = reverse("improvement:priority_detail", args=[priority.pk])
    assert "No progress recorded yet" in text(client_for(manager).get(url))
    for on, progress, impact in ((date(2026, 6, 1), "not_achieved", "Baseline 70%"),
                                 (date(2026, 9, 1), "in_progress", "Now 81%")):
        PriorityUpdate.objects.create(priority=priority, progress=progress, on=on, recorded_by=manager,
                                      evidence_of_impact=impact)
    action = action_under(world, priority, due_date=today + timedelta(days=7))  # not started, due within 14 days
    MilestoneFactory(action=action, title="Dip sample", due_on=today + timedelta(days=3))
    page = text(client_for(manager).get(url))
    assert page.index("Now 81%") < page.index("Baseline 70%")
    assert "Voice of the child, Visits and direct work" in page
    measure = kpi_links.describe("rereferral_pct")
    assert f'<a class="govuk-link" href="{measure.url}">{measure.title}</a>' in page
    assert 'govuk-tag--orange">At risk</strong>' in page
    assert "Dip sample: due" in page and "Mark done" in page
    assert "Record progress" in page  # the owner may update


def test_recording_progress_adds_a_row_and_a_stale_form_shows_both(world, client_for, plan):
    manager = world.users[Role.SERVICE_MANAGER]
    priority = visits_priority(plan, manager)
    url = reverse("improvement:priority_progress", args=[priority.pk])
    client = client_for(manager)
    form = text(client.get(url))
    assert "Largely achieved, some tasks outstanding" in form and "Evidence of impact" in form
    today = timezone.localdate()
    post = {"version": 1, "progress": "achieved", "evidence_of_impact": "92% in timescale", "whats_next": "Sustain",
            "on-day": today.day, "on-month": today.month, "on-year": today.year}
    response = client.post(url, post)
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.progress, priority.version, priority.updates.count()) == ("achieved", 2, 1)
    stale = client.post(url, {**post, "progress": "in_progress"})
    assert stale.status_code == 200
    assert "Someone else saved this after you opened the page, so nothing was saved." in text(stale)
    assert priority.updates.count() == 1
    assert client_for(world.users[Role.AUDITOR]).get(url).status_code == 403


def test_a_lead_makes_a_plan_adds_a_priority_and_makes_service_plans(world, client_for):
    lead = world.users[Role.QA_LEAD]
    client = client_for(lead)
    response = client.post(reverse("improvement:plan_create"), {
        "title": "Improvement plan 2026/27", "level": "council", "owner": lead.pk,
        "starts_on-day": 1, "starts_on-month": 4, "starts_on-year": 2026,
        "ends_on-day": 31, "ends_on-month": 3, "ends_on-year": 2027})
    plan = ImprovementPlan.objects.get()
    assert response.url == reverse("improvement:plan_detail", args=[plan.pk])
    client.post(reverse("improvement:priority_create", args=[plan.pk]), {
        "title": "Purposeful visits", "owner": lead.pk, "themes": [theme().pk], "kpi_ids": ["rereferral_pct"]})
    assert list(plan.priorities.values_list("number", "title", "kpi_ids")) == [
        (1, "Purposeful visits", ["rereferral_pct"])]
    refused = client.post(reverse("improvement:priority_create", args=[plan.pk]), {"title": "x", "owner": lead.pk})
    assert "Select at least one theme" in text(refused)
    ImprovementPlan.objects.filter(pk=plan.pk).update(status="live")
    client.post(reverse("improvement:plan_children", args=[plan.pk]))
    assert ImprovementPlan.objects.filter(parent=plan, level="service").count() == 2
    assert Priority.objects.filter(parent__plan=plan).count() == 2


def test_an_action_is_linked_and_its_milestones_added_and_done(world, client_for, plan):
    priority = visits_priority(plan, world.users[Role.SERVICE_MANAGER])
    action = action_under(world, None)
    client = client_for(world.users[Role.PRACTITIONER])  # its owner
    form = text(client.get(reverse("improvement:action_link", args=[action.pk])))
    assert "Improvement plan 2026/27: 1. Purposeful visits" in form
    client.post(reverse("improvement:action_link", args=[action.pk]), {"version": action.version,
                                                                       "priority": priority.pk})
    action.refresh_from_db()
    assert action.plan_priority == priority
    client.post(reverse("improvement:milestone_create", args=[action.pk]), {
        "title": "Dip sample", "due_on-day": 1, "due_on-month": 2, "due_on-year": 2027})
    milestone = Milestone.objects.get(action=action)
    client.post(reverse("improvement:milestone_done", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()
    again = client.post(reverse("improvement:milestone_done", args=[milestone.pk]), follow=True)
    assert "The milestone was already done on" in text(again)
