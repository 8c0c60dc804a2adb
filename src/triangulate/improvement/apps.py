from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "triangulate.improvement"
    label = "improvement"
    verbose_name = "Findings and actions"
