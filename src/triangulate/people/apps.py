from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "triangulate.people"
    label = "people"
    verbose_name = "People and organisation"
