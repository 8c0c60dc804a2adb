"""The people app's part of the site furniture (registered in apps.py; see core/site.py)."""

from . import selectors
from .models import Council


def council_name():
    council = Council.objects.only("name").first()
    return council.name if council else None


def scope_panel(user):
    return {"teams_in_scope": selectors.teams_visible_to(user).count()}
