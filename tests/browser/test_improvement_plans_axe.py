"""The plan and priority pages (design §2, §9) in Chromium as the QA lead: axe finds no WCAG 2.2 A or AA fault
and the console no error, with a priority's history, an action under it with milestones and a team plan's roll-up."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement.models import PriorityUpdate

from ..improvement.factories import MilestoneFactory, PriorityFactory
from ..improvement.plans_helpers import action_under, council_plan, team_plan, visits_priority
from .conftest import axe_violations, sign_in


@pytest.fixture
def records(transactional_db, world):
    today = timezone.localdate()
    manager = world.users[Role.SERVICE_MANAGER]
    plan = council_plan(world)
    priority = visits_priority(plan, manager, target="90% by March")
    PriorityUpdate.objects.create(priority=priority, progress="in_progress", on=date(2026, 9, 1), recorded_by=manager,
                                  evidence_of_impact="Now 81%", whats_next="Audit in January")
    action = action_under(world, priority, due_date=today + timedelta(days=7))
    MilestoneFactory(action=action, title="Dip sample", due_on=today + timedelta(days=3))
    PriorityFactory(plan=team_plan(world, world.own, parent=plan), number=1, owner=world.users[Role.TEAM_MANAGER],
                    parent=priority, progress="not_achieved")
    return plan, priority


def test_the_plan_and_priority_pages_pass_axe(page, live_server, world, records):
    plan, priority = records
    sign_in(page, live_server, "qa_lead")
    for path, heading in ((reverse("improvement:plan_detail", args=[plan.pk]), plan.title),
                          (reverse("improvement:priority_detail", args=[priority.pk]), priority.title)):
        page.goto(f"{live_server.url}{path}")
        page.get_by_role("heading", name=heading, level=1).wait_for()
        assert axe_violations(page) == [], page.url
        assert page.console_errors == [], page.url
