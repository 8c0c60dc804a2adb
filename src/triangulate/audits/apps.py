from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "triangulate.audits"
    label = "audits"
    verbose_name = "Case file audits"
