"""Overdue actions reach their owners and their owners' managers (design/audits.md §9.3): the job worker's
housekeeping runs `remind_overdue_actions` daily.

An open action past its due date tells its owner and `line_managers_of(owner)` on its first overdue day and
then every 7 days, in the app and by email. The dedupe key names the week of lateness, so a worker that runs
twice in a day, or restarts, never tells anyone twice; a new due date starts the count again. The title names
the team and the due date only: an action's own words may describe a child.

An action under a plan's priority escalates (design §2.2): once it has been overdue 14 days its priority's owner
is told, and at 28 days the plan's owner (for a service or team plan, the owner of the priority it rolls up into),
once each per action, due date and step. Those titles name the priority's number and its plan, never the action's
words."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from triangulate.core.formatting import date_uk
from triangulate.core.notifications import NotificationKind, notify
from triangulate.people.selectors import line_managers_of

from .models import Action


class Notice(NotificationKind):
    ACTION_OVERDUE = "improvement.action_overdue"
    ACTION_ESCALATED = "improvement.action_escalated"


# days overdue at which an action under a priority is escalated, and to whom (design §2.2)
PRIORITY_OWNER_DAYS = 14
PLAN_OWNER_DAYS = 28


def reminder_week(due_date, today):
    """0 on the first overdue day, 1 seven days later, and so on; None on a day no reminder is due."""
    days_late = (today - due_date).days
    if days_late < 1 or (days_late - 1) % 7:
        return None
    return (days_late - 1) // 7


def remind_overdue_actions(today=None):
    """Tell the owners and their managers of each action whose reminder falls today. Returns how many
    actions were reminded of."""
    today = today or timezone.localdate()
    reminded = 0
    overdue = (Action.objects.filter(status__in=Action.OPEN_STATUSES, due_date__lt=today)
               .select_related("owner", "team"))
    for action in overdue:
        week = reminder_week(action.due_date, today)
        if week is None or not action.owner.is_active:
            continue
        where = f" in {action.team.name}" if action.team else ""
        users = {action.owner.pk: action.owner}
        users.update({manager.pk: manager for manager in line_managers_of(action.owner)})
        notify(list(users.values()), Notice.ACTION_OVERDUE,
               f"An action{where} was due on {date_uk(action.due_date)} and is not complete",
               reverse("improvement:action_detail", args=[action.pk]), email=True,
               dedupe_key=f"action-overdue:{action.pk}:{action.due_date.isoformat()}:{week}")
        reminded += 1
    escalate_overdue_actions(today)
    return reminded


def escalation_recipient(priority, step):
    """The priority's owner at 14 days; at 28 the plan's owner, or for a plan made from another the owner of the
    priority this one rolls up into (the plan's owner when it rolls up into none)."""
    if step == PRIORITY_OWNER_DAYS:
        return priority.owner
    if priority.plan.parent_id and priority.parent_id:
        return priority.parent.owner
    return priority.plan.owner


def escalate_overdue_actions(today):
    """Tell the priority's and then the plan's owner about actions long overdue under the priority. Each step is
    told once (its dedupe key), also when the job missed the day the step fell on. Returns the steps due."""
    sent = 0
    overdue = (Action.objects.filter(status__in=Action.OPEN_STATUSES, plan_priority__isnull=False,
                                     due_date__lte=today - timedelta(days=PRIORITY_OWNER_DAYS))
               .select_related("plan_priority__owner", "plan_priority__plan__owner",
                               "plan_priority__parent__owner"))
    for action in overdue:
        days_late = (today - action.due_date).days
        priority = action.plan_priority
        for step in (PRIORITY_OWNER_DAYS, PLAN_OWNER_DAYS):
            user = escalation_recipient(priority, step)
            if days_late < step or not user.is_active:
                continue
            title = (f"An action under priority {priority.number} of {priority.plan.title[:80]} has been overdue "
                     f"{step} days: it was due on {date_uk(action.due_date)}")
            notify([user], Notice.ACTION_ESCALATED, title, reverse("improvement:action_detail", args=[action.pk]),
                   email=True, dedupe_key=f"action-escalated:{action.pk}:{action.due_date.isoformat()}:{step}")
            sent += 1
    return sent
