from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "triangulate.datasets"
    label = "datasets"
    verbose_name = "Child-level data uploads"

    def ready(self):
        from triangulate.core import site

        from .rules import Perm

        site.add_menu_item(site.MenuItem("Data", "datasets:upload_list", Perm.VIEW_UPLOADS, 80))
