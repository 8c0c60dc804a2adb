from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "triangulate.workforce"
    label = "workforce"
    verbose_name = "Workforce"

    def ready(self):
        # The permissions are registered with `rules` when rules.py is imported.
        from triangulate.core import site

        from . import rules  # noqa: F401
        from .rules import Perm

        # after practice's items (49, 52): caseloads, weighting, staffing and the health check are on its index
        site.add_menu_item(site.MenuItem("Workforce", "workforce:index", Perm.VIEW_WORKFORCE, 55))

        # caseloads (W1): who holds which case, derived from each extract at import (datasets sits below
        # workforce, so it runs our deriver through its registry), and a team's caseloads from its page
        from triangulate.datasets import derived

        from . import extract_hooks

        derived.register(derived.Deriver("workforce", compute=extract_hooks.compute, store=extract_hooks.store,
                                         discard=extract_hooks.discard))
        site.add_team_link(site.TeamLink("Caseloads", "workforce:caseload_team", Perm.VIEW_CASELOADS, order=55))

        # the staff voice in improvement's evidence packs and top 10 (design §5.5)
        from triangulate.improvement.evidence import registry as evidence

        from .evidence import StaffVoiceEvidence

        evidence.register(StaffVoiceEvidence())
