"""Overdue actions reach their owners and their owners' managers (design/audits.md §9.3): on the first overdue
day and every 7 days after, once each however often the housekeeping runs, and never for a finished action."""

from datetime import date

import pytest
from django.core import mail

from triangulate.core.models import Notification
from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.models import Action
from triangulate.improvement.reminders import remind_overdue_actions, reminder_week

from ..factories import theme

DUE = date(2026, 12, 1)


@pytest.mark.parametrize(("today", "week"), [
    (date(2026, 11, 30), None), (DUE, None),  # not late yet
    (date(2026, 12, 2), 0),  # the first overdue day
    (date(2026, 12, 3), None), (date(2026, 12, 8), None),
    (date(2026, 12, 9), 1), (date(2026, 12, 16), 2), (date(2026, 12, 17), None),
])
def test_reminders_fall_on_the_first_overdue_day_and_then_weekly(today, week):
    assert reminder_week(DUE, today) == week


@pytest.fixture
def action(world):
    for user in world.users.values():
        user.email = f"{user.username}@council.example"
        user.save()
    owner = world.users[Role.PRACTITIONER]  # a social worker in the own team: their manager is the team manager
    action = services.create_action(actor=world.users[Role.QA_LEAD], title="Visit the child alone (child A12)",
                                    rationale="Not seen alone", priority="high", owner=owner, due_date=DUE,
                                    theme=theme(), team=world.own)
    return action


def kinds(user):
    return list(Notification.objects.filter(user=user).values_list("dedupe_key", flat=True))


def test_the_owner_and_their_manager_are_told_once_a_week(world, action, django_capture_on_commit_callbacks):
    owner, manager = world.users[Role.PRACTITIONER], world.users[Role.TEAM_MANAGER]
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_overdue_actions(today=date(2026, 12, 1)) == 0
        assert remind_overdue_actions(today=date(2026, 12, 2)) == 1
        remind_overdue_actions(today=date(2026, 12, 2))  # the worker ran twice today: nobody is told twice
        remind_overdue_actions(today=date(2026, 12, 5))
        remind_overdue_actions(today=date(2026, 12, 9))
    expected = [f"action-overdue:{action.pk}:2026-12-01:0", f"action-overdue:{action.pk}:2026-12-01:1"]
    assert sorted(kinds(owner)) == expected
    assert sorted(kinds(manager)) == expected
    assert kinds(world.users[Role.QA_LEAD]) == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, manager.email] * 2)
    # the title names the team and the date, never the action's own words
    titles = set(Notification.objects.values_list("title", flat=True))
    assert titles == {"An action in Safeguarding North 1 was due on 1 December 2026 and is not complete"}
    assert not any("A12" in m.body or "A12" in m.subject for m in mail.outbox)


def test_a_cancelled_action_is_not_chased(world, action, django_capture_on_commit_callbacks):
    Action.objects.filter(pk=action.pk).update(status=Action.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_overdue_actions(today=date(2026, 12, 2)) == 0
    assert not Notification.objects.exists()
