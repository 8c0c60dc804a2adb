from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "triangulate.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.conf import settings
        from django.db.backends.signals import connection_created

        from . import private_files, site

        # child-level data at rest: see private_files.py
        private_files.tighten_data_folder(settings.DATA_DIR)
        connection_created.connect(private_files.tighten_sqlite, dispatch_uid="triangulate.tighten_sqlite")
        for item in (site.MenuItem("Home", "core:home", "core.view_home", 0),
                     site.MenuItem("Themes", "core:theme_list", "core.view_themes", 60),
                     site.MenuItem("Audit trail", "core:audit_event_list", "core.view_audit_events", 100)):
            site.add_menu_item(item)
