"""The improvement app's part of the site furniture (registered in apps.py; see core/site.py)."""

from . import selectors


def actions_panel(user):
    return {"actions_summary": selectors.action_summary(user), "my_actions": selectors.actions_owned_by(user)[:10]}
