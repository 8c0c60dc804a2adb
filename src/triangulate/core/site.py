"""What each app adds to the site's furniture: its menu items and its home-page panels.

core sits at the bottom of the dependency order (docs/architecture.md) and imports no app, so an app
registers its furniture in its AppConfig.ready and core's layout and home page read it from here:

    from triangulate.core import site

    class AuditsConfig(AppConfig):
        def ready(self):
            from .rules import Perm  # the app's named permissions (core/authority.py)

            site.add_menu_item(site.MenuItem("Audits", "audits:audit_list", Perm.VIEW_AUDITS, order=45))
            site.add_home_panel(site.HomePanel("audits", "audits/_home_panel.html", context=home_panel,
                                               permission=Perm.VIEW_AUDITS, order=30))

A panel's `context(user)` returns the template's context, or None to leave the panel out. The council's
name comes from the people app the same way (`set_council_name`). A team's page (people) lists what other
apps hold about the team through `add_team_link`: performance's measures now, audits and observations next.
"""

from dataclasses import dataclass
from typing import Callable

from .authority import Permission


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: Permission  # shown only to users who hold it
    order: int  # place in the menu, lowest first

    def __post_init__(self):
        _named(self.permission)


@dataclass(frozen=True)
class HomePanel:
    name: str
    template: str
    context: Callable  # (user) -> dict, or None to leave the panel out
    permission: Permission | None = None
    order: int = 50
    # Shown also to a signed-in account without a role (a practice week's guest): such an account's home shows
    # only these panels, and only those whose context is not None; with none, it says there is no role yet.
    roleless: bool = False

    def __post_init__(self):
        if self.permission is not None:
            _named(self.permission)


def _named(permission):
    if not isinstance(permission, Permission):
        raise TypeError(f"a menu item or panel names its permission from an app's Perm enum ({permission!r})")


@dataclass(frozen=True)
class TeamLink:
    label: str  # e.g. "Performance measures": shown after the team's name
    url_name: str  # a URL taking the team's pk
    permission: Permission
    order: int = 50

    def __post_init__(self):
        _named(self.permission)


_menu = {}
_panels = {}
_team_links = {}
_council_name = [lambda: None]


def add_menu_item(item):
    _menu[item.url_name] = item


def menu_items():
    return sorted(_menu.values(), key=lambda item: item.order)


def add_home_panel(panel):
    _panels[panel.name] = panel


def home_panels(user, *, roleless_only=False):
    """(panel, context) for each panel the user may see, in order; with `roleless_only`, only the panels marked
    `roleless` (for an account without a role)."""
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if roleless_only and not panel.roleless:
            continue
        if panel.permission and not user.has_perm(panel.permission):
            continue
        context = panel.context(user)
        if context is not None:
            out.append((panel, context))
    return out


def add_team_link(link):
    _team_links[link.url_name] = link


def team_links(user):
    """The team-page links the user may follow, in order."""
    return [link for link in sorted(_team_links.values(), key=lambda link: link.order)
            if user.has_perm(link.permission)]


def set_council_name(provider):
    """provider() -> the council's name or None (registered by the people app)."""
    _council_name[0] = provider


def council_name():
    return _council_name[0]() or "Children's services"
