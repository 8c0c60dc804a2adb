"""Overdue actions reach their owners and their owners' managers (design/audits.md §9.3): the job worker's
housekeeping runs `remind_overdue_actions` daily.

An open action past its due date tells its owner and `line_managers_of(owner)` on its first overdue day and
then every 7 days, in the app and by email. The dedupe key names the week of lateness, so a worker that runs
twice in a day, or restarts, never tells anyone twice; a new due date starts the count again. The title names
the team and the due date only: an action's own words may describe a child."""

from django.urls import reverse
from django.utils import timezone

from triangulate.core.formatting import date_uk
from triangulate.core.notifications import NotificationKind, notify
from triangulate.people.selectors import line_managers_of

from .models import Action


class Notice(NotificationKind):
    ACTION_OVERDUE = "improvement.action_overdue"


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
    return reminded
