"""What each app adds to the site's furniture: its menu items and its home-page panels.

core sits at the bottom of the dependency order (docs/architecture.md) and imports no app, so an app
registers its furniture in its AppConfig.ready and core's layout and home page read it from here:

    from triangulate.core import site

    class AuditsConfig(AppConfig):
        def ready(self):
            site.add_menu_item(site.MenuItem("Audits", "audits:audit_list", "audits.view_audits", order=45))
            site.add_home_panel(site.HomePanel("audits", "audits/_home_panel.html", context=home_panel,
                                               permission="audits.view_audits", order=30))

A panel's `context(user)` returns the template's context, or None to leave the panel out. The council's
name comes from the people app the same way (`set_council_name`).
"""

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str  # shown only to users who hold it
    order: int  # place in the menu, lowest first


@dataclass(frozen=True)
class HomePanel:
    name: str
    template: str
    context: Callable  # (user) -> dict, or None to leave the panel out
    permission: str | None = None
    order: int = 50


_menu = {}
_panels = {}
_council_name = [lambda: None]


def add_menu_item(item):
    _menu[item.url_name] = item


def menu_items():
    return sorted(_menu.values(), key=lambda item: item.order)


def add_home_panel(panel):
    _panels[panel.name] = panel


def home_panels(user):
    """(panel, context) for each panel the user may see, in order."""
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if panel.permission and not user.has_perm(panel.permission):
            continue
        context = panel.context(user)
        if context is not None:
            out.append((panel, context))
    return out


def set_council_name(provider):
    """provider() -> the council's name or None (registered by the people app)."""
    _council_name[0] = provider


def council_name():
    return _council_name[0]() or "Children's services"
