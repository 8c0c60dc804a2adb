from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "triangulate.practice"
    label = "practice"
    verbose_name = "Practice weeks and days"

    def ready(self):
        # The permissions are registered with `rules` when rules.py is imported; the slices of design §10 add
        # their menu items, team links, home panels and housekeeping here as their pages land.
        from triangulate.core import site

        from . import rules  # noqa: F401
        from .rules import Perm

        # the good practice library (S7, §9.1): after improvement's Actions (50)
        site.add_menu_item(site.MenuItem("Good practice library", "practice:library", Perm.VIEW_LIBRARY, 52))

        # a team's practice events, with its summaries and follow-up (§9.1); after audits' link (20)
        site.add_team_link(site.TeamLink("Practice observation", "practice:team_practice", Perm.VIEW_FOLLOW_UP,
                                         order=30))
