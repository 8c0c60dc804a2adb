from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "triangulate.datasets"
    label = "datasets"
    verbose_name = "Child-level data uploads"

    def ready(self):
        from triangulate.core import site

        site.add_menu_item(site.MenuItem("Data", "datasets:upload_list", "datasets.view_uploads", 80))
