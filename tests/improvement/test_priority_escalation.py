"""An action long overdue under a plan's priority is escalated (design §2.2): to the priority's owner at 14 days,
to the plan's owner at 28 (for a child plan, the owner of the priority it rolls up into), once each."""

from datetime import date

import pytest
from django.core import mail

from triangulate.core.models import Notification
from triangulate.core.roles import Role
from triangulate.improvement.models import Action
from triangulate.improvement.reminders import remind_overdue_actions

from .factories import PriorityFactory
from .plans_helpers import action_under, council_plan, team_plan, visits_priority

DUE = date(2026, 12, 1)


def escalations(user):
    return sorted(Notification.objects.filter(user=user, dedupe_key__startswith="action-escalated")
                  .values_list("dedupe_key", flat=True))


@pytest.fixture
def people(world):
    for user in world.users.values():
        user.email = f"{user.username}@council.example"
        user.save()
    return world.users


def test_the_priority_owner_at_14_days_then_the_plan_owner_at_28(world, people, django_capture_on_commit_callbacks):
    manager, lead = people[Role.SERVICE_MANAGER], people[Role.QA_LEAD]
    priority = visits_priority(council_plan(world), manager, number=3)
    action = action_under(world, priority, due_date=DUE)
    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue_actions(today=date(2026, 12, 14))  # 13 days late
        assert escalations(manager) == []
        remind_overdue_actions(today=date(2026, 12, 15))  # 14 days
        remind_overdue_actions(today=date(2026, 12, 15))  # the job ran twice: told once
        remind_overdue_actions(today=date(2026, 12, 20))
        assert escalations(lead) == []
        remind_overdue_actions(today=date(2026, 12, 29))  # 28 days
    assert escalations(manager) == [f"action-escalated:{action.pk}:2026-12-01:14"]
    assert escalations(lead) == [f"action-escalated:{action.pk}:2026-12-01:28"]
    assert set(Notification.objects.filter(dedupe_key__startswith="action-escalated")
               .values_list("title", flat=True)) == {
        "An action under priority 3 of Improvement plan 2026/27 has been overdue 14 days: it was due on "
        "1 December 2026",
        "An action under priority 3 of Improvement plan 2026/27 has been overdue 28 days: it was due on "
        "1 December 2026"}
    escalated_mail = [m for m in mail.outbox if "overdue 14 days" in m.subject or "overdue 28 days" in m.subject]
    assert sorted(m.to[0] for m in escalated_mail) == sorted([manager.email, lead.email])
    assert not any("Audit visits" in m.subject or "Audit visits" in m.body for m in escalated_mail)


def test_a_team_plans_action_goes_to_the_owner_of_the_priority_it_rolls_up_into(
        world, people, django_capture_on_commit_callbacks):
    council, manager, tm = people[Role.QA_LEAD], people[Role.SERVICE_MANAGER], people[Role.TEAM_MANAGER]
    top = visits_priority(council_plan(world), manager)
    plan = team_plan(world, world.own)
    copy = PriorityFactory(plan=plan, number=1, owner=tm, parent=top)
    action = action_under(world, copy, due_date=DUE)
    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue_actions(today=date(2027, 1, 10))  # 40 days late: both steps at once
    assert escalations(tm) == [f"action-escalated:{action.pk}:2026-12-01:14"]
    assert escalations(manager) == [f"action-escalated:{action.pk}:2026-12-01:28"]
    assert escalations(council) == []


def test_a_finished_or_unlinked_action_is_not_escalated(world, people, django_capture_on_commit_callbacks):
    priority = visits_priority(council_plan(world), people[Role.SERVICE_MANAGER])
    done = action_under(world, priority, due_date=DUE)
    Action.objects.filter(pk=done.pk).update(status=Action.Status.CANCELLED)
    action_under(world, None, due_date=DUE)
    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue_actions(today=date(2027, 1, 10))
    assert not Notification.objects.filter(dedupe_key__startswith="action-escalated").exists()
