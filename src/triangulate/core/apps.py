from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "triangulate.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.conf import settings
        from django.db.backends.signals import connection_created

        from . import private_files

        # child-level data at rest: see private_files.py
        private_files.tighten_data_folder(settings.DATA_DIR)
        connection_created.connect(private_files.tighten_sqlite, dispatch_uid="triangulate.tighten_sqlite")
