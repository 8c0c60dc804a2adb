from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "triangulate.core"
    label = "core"
    verbose_name = "Core"
