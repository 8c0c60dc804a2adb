from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "triangulate.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.conf import settings
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import defaults, housekeeping, notifications, private_files, site
        from .rules import Perm

        # child-level data at rest: see private_files.py
        private_files.tighten_data_folder(settings.DATA_DIR)
        connection_created.connect(private_files.tighten_sqlite, dispatch_uid="triangulate.tighten_sqlite")
        post_migrate.connect(defaults.seed_an_empty_database, sender=self, dispatch_uid="triangulate.seed_themes")
        housekeeping.register("retry_failed_emails", notifications.retry_failed_emails, every_seconds=300)
        for item in (site.MenuItem("Home", "core:home", Perm.VIEW_HOME, 0),
                     site.MenuItem("Themes", "core:theme_list", Perm.VIEW_THEMES, 60),
                     site.MenuItem("Audit trail", "core:audit_event_list", Perm.VIEW_AUDIT_EVENTS, 100)):
            site.add_menu_item(item)
