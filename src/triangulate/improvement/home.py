"""The improvement app's part of the site furniture (registered in apps.py; see core/site.py)."""

from django.utils import timezone

from . import selectors

# actions listed on the home page under the owner's priorities; each priority's page lists all of them
PRIORITY_ACTIONS_SHOWN = 10


def actions_panel(user):
    return {"actions_summary": selectors.action_summary(user), "my_actions": selectors.actions_owned_by(user)[:10]}


def priorities_panel(user):
    """A priority owner's to-do (design §9): their priorities needing an update and the actions at risk or overdue
    under them. None (no panel) when nothing needs them, including when they own no priority."""
    today = timezone.localdate()
    stale = selectors.priorities_needing_update(user, today)
    at_risk = selectors.actions_at_risk_under(user, today)
    if not stale and not at_risk:
        return None
    return {"stale_priorities": stale, "priority_actions": at_risk[:PRIORITY_ACTIONS_SHOWN],
            "priority_action_count": len(at_risk)}
