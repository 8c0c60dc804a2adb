from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "triangulate.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self):
        from triangulate.core import site
        from triangulate.datasets import derived

        from . import extract_hooks
        from .rules import Perm

        site.add_menu_item(site.MenuItem("Performance", "performance:dashboard", Perm.VIEW_KPIS, 10))
        # datasets sits below performance (docs/architecture.md): it runs what we derive from each extract
        # through its registry instead of importing us
        derived.register(derived.Deriver(
            "kpis", compute=extract_hooks.compute, issues=extract_hooks.issues, store=extract_hooks.kpi_store.store,
            discard=extract_hooks.discard, review=extract_hooks.review))
