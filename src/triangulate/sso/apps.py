from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "triangulate.sso"
    label = "sso"
    verbose_name = "Sign-in with the council's identity provider"

    def ready(self):
        # The permissions are registered with `rules` when rules.py is imported.
        from triangulate.core import site

        from . import rules  # noqa: F401
        from .rules import Perm

        site.add_menu_item(site.MenuItem("Council sign-in", "sso:group_mappings", Perm.MANAGE_SIGN_IN, 92))
