from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "triangulate.benchmarks"
    label = "benchmarks"
    verbose_name = "Benchmarks"

    def ready(self):
        from triangulate.core import site

        from .rules import Perm

        site.add_menu_item(site.MenuItem("Benchmarks", "benchmarks:upload_list", Perm.VIEW, 75))
