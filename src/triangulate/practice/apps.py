from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "triangulate.practice"
    label = "practice"
    verbose_name = "Practice weeks and days"

    def ready(self):
        # The permissions are registered with `rules` when rules.py is imported; the slices of design §10 add
        # their menu items, team links, home panels and housekeeping here as their pages land.
        from . import rules  # noqa: F401
