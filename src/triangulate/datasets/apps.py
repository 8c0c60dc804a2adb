from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "triangulate.datasets"
    label = "datasets"
    verbose_name = "Child-level data uploads"
