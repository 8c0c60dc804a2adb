from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "triangulate.feed"
    label = "feed"
    verbose_name = "Data feed"

    def ready(self):
        # The permissions are registered with `rules` when rules.py is imported.
        from triangulate.core import site

        from . import rules  # noqa: F401
        from .rules import Perm

        # near the end of the menu, with the other administration pages
        site.add_menu_item(site.MenuItem("Data feed", "feed:token_list", Perm.VIEW_TOKENS, 90))
