"""The priority owner's home panel (design §9): their priorities needing an update (none in 8 weeks) and the actions
at risk or overdue under them. The selectors take `today`, so the dates here are pinned and worked out by hand; the
page tests count from the real today, as the panel does."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement import selectors, services
from triangulate.improvement.models import ImprovementPlan, Priority, PriorityUpdate
from triangulate.improvement.plan_status import Rag

from .factories import PriorityFactory
from .plans_helpers import action_under, council_plan, team_plan, visits_priority

TODAY = date(2026, 10, 1)
PLAN_START = date(2026, 4, 1)  # ImprovementPlanFactory's


@pytest.fixture
def plan(world):
    return council_plan(world)


@pytest.fixture
def owner(world):
    return world.users[Role.SERVICE_MANAGER]


def made_on(priority, day):
    """Back-date the priority's creation (created_at is set by the database on insert, to the real now)."""
    Priority.objects.filter(pk=priority.pk).update(
        created_at=timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12))))


def priority(plan, owner, number, *, updated_on=None, made=PLAN_START):
    made_priority = PriorityFactory(plan=plan, owner=owner, number=number, title=f"Priority {number}")
    made_on(made_priority, made)
    if updated_on:
        PriorityUpdate.objects.create(priority=made_priority, progress="in_progress", on=updated_on,
                                      recorded_by=owner)
    return made_priority


def titles(priorities):
    return [p.title for p in priorities]


def test_a_priority_is_listed_once_its_latest_update_is_more_than_8_weeks_old(world, plan, owner):
    priority(plan, owner, 1, updated_on=date(2026, 8, 5))  # 57 days before 1 October: due an update
    priority(plan, owner, 2, updated_on=date(2026, 8, 6))  # 56 days: exactly 8 weeks, not yet
    priority(plan, owner, 3, updated_on=date(2026, 8, 7))  # 55 days
    # an old update followed by a recent one: the latest counts
    later = priority(plan, owner, 4, updated_on=date(2026, 5, 1))
    PriorityUpdate.objects.create(priority=later, progress="in_progress", on=date(2026, 9, 1), recorded_by=owner)
    listed = selectors.priorities_needing_update(owner, TODAY)
    assert titles(listed) == ["Priority 1"]
    assert listed[0].last_update == date(2026, 8, 5)


def test_a_priority_never_updated_counts_from_when_it_was_made_or_its_plan_began(world, plan, owner):
    priority(plan, owner, 1)  # made when the plan began, 1 April: 183 days without an update
    priority(plan, owner, 2, made=date(2026, 9, 21))  # made 10 days ago: not owed one yet
    priority(plan, owner, 3, made=date(2026, 1, 5))  # made before its plan began: counts from 1 April
    later_plan = council_plan(world, title="Next plan", starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31))
    priority(later_plan, owner, 1, made=date(2026, 1, 5))  # its plan began 30 days ago
    listed = selectors.priorities_needing_update(owner, TODAY)
    assert [(p.plan.title, p.title, p.last_update) for p in listed] == [
        (plan.title, "Priority 1", None), (plan.title, "Priority 3", None)]


def test_only_my_priorities_in_live_plans_i_may_read_are_listed(world, plan, owner):
    priority(plan, world.users[Role.QA_LEAD], 1)  # somebody else's
    draft = council_plan(world, title="Draft plan", status=ImprovementPlan.Status.DRAFT)
    priority(draft, owner, 1)
    closed = council_plan(world, title="Closed plan", status=ImprovementPlan.Status.CLOSED)
    priority(closed, owner, 1)
    assert selectors.priorities_needing_update(owner, TODAY) == []
    # a team manager reads their own line's team plans only (the plan pages' rule): a priority of another team's
    # plan would be a link they could not follow
    manager = world.users[Role.TEAM_MANAGER]
    priority(team_plan(world, world.other, parent=plan), manager, 1)
    priority(team_plan(world, world.own, parent=plan), manager, 1)
    assert titles(selectors.priorities_needing_update(manager, TODAY)) == ["Priority 1"]
    assert selectors.priorities_needing_update(manager, TODAY)[0].plan.team == world.own


def test_actions_overdue_or_at_risk_under_my_priorities_are_listed(world, plan, owner):
    mine = visits_priority(plan, owner)
    theirs = visits_priority(plan, world.users[Role.QA_LEAD], number=2)
    overdue = action_under(world, mine, due_date=date(2026, 9, 24))  # 7 days late
    at_risk = action_under(world, mine, due_date=date(2026, 10, 8))  # not started, due within 14 days
    action_under(world, mine, due_date=date(2026, 11, 30))  # not started but due in 60 days: on track
    done = action_under(world, mine, due_date=date(2026, 9, 1))
    services.change_action_status(actor=world.users[Role.QA_LEAD], action=done, status="complete",
                                  changed_on=timezone.localdate(), evidence="Visits audited")
    action_under(world, theirs, due_date=date(2026, 9, 1))  # overdue, but under somebody else's priority
    earlier = action_under(world, mine, due_date=date(2026, 9, 1))  # 30 days late: listed first
    listed = selectors.actions_at_risk_under(owner, TODAY)
    assert [(a.pk, a.rag) for a in listed] == [(earlier.pk, Rag.OVERDUE), (overdue.pk, Rag.OVERDUE),
                                               (at_risk.pk, Rag.AT_RISK)]


def test_the_home_page_shows_the_owner_their_priorities_and_actions(world, client_for, owner):
    today = timezone.localdate()
    plan = council_plan(world, starts_on=today - timedelta(days=365), ends_on=today + timedelta(days=365))
    stale = visits_priority(plan, owner)
    PriorityUpdate.objects.create(priority=stale, progress="in_progress", on=today - timedelta(days=60),
                                  recorded_by=owner)
    late = action_under(world, stale, due_date=today - timedelta(days=3))
    priority(plan, owner, 2, made=today - timedelta(days=100))
    page = client_for(owner).get(reverse("core:home")).content.decode()
    assert '<h2 class="govuk-heading-m">Your priorities</h2>' in page
    assert (f'<a class="govuk-link" href="{reverse("improvement:priority_detail", args=[stale.pk])}">'
            f"1. Purposeful visits within the child&#39;s timescales</a>") in page
    day = today - timedelta(days=60)
    assert f"{day.day} {day:%B %Y}</td>" in page and "In progress" in page
    assert "2. Priority 2</a>" in page and "Never updated" in page
    assert f'href="{reverse("improvement:action_detail", args=[late.pk])}">Audit visits in timescale</a>' in page
    assert 'govuk-tag--red">Overdue</strong>' in page
    assert world.users[Role.PRACTITIONER].get_full_name() in page  # action_under's owner
    practitioner = client_for(world.users[Role.PRACTITIONER]).get(reverse("core:home"))
    assert practitioner.status_code == 200 and "Your priorities" not in practitioner.content.decode()


def test_an_owner_with_nothing_needing_attention_sees_no_panel(world, client_for, plan, owner):
    today = timezone.localdate()
    fresh = visits_priority(plan, owner)
    PriorityUpdate.objects.create(priority=fresh, progress="in_progress", on=today - timedelta(days=5),
                                  recorded_by=owner)
    action_under(world, fresh, due_date=today + timedelta(days=60))  # on track
    response = client_for(owner).get(reverse("core:home"))
    assert response.status_code == 200 and "Your priorities" not in response.content.decode()
