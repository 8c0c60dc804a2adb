from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "triangulate.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self):
        from triangulate.core import site
        from triangulate.datasets import derived
        from triangulate.improvement import kpi_links

        from . import act_on_number, extract_hooks
        from .rules import Perm

        site.add_menu_item(site.MenuItem("Performance", "performance:dashboard", Perm.VIEW_KPIS, 10))
        # the daily timescale report is child-level: only for those who may see children
        site.add_menu_item(site.MenuItem("Timescales", "performance:timescales", Perm.VIEW_CHILDREN, 11))
        site.add_menu_item(site.MenuItem("Team heat map", "performance:heatmap", Perm.VIEW_KPIS, 12))
        site.add_team_link(site.TeamLink("Performance measures", "performance:team", Perm.VIEW_KPIS, order=10))
        # improvement sits below the KPI catalogue: findings and actions name a measure through this registry
        kpi_links.register(act_on_number.catalogue())
        # and its evidence packs and top 10 read the measures through this provider (improvement design §4.2)
        from triangulate.improvement.evidence import registry as evidence

        from .evidence import PerformanceEvidence

        evidence.register(PerformanceEvidence())
        # datasets sits below performance (docs/architecture.md): it runs what we derive from each extract
        # through its registry instead of importing us
        derived.register(derived.Deriver(
            "kpis", compute=extract_hooks.compute, issues=extract_hooks.issues, store=extract_hooks.kpi_store.store,
            discard=extract_hooks.discard, review=extract_hooks.review))
