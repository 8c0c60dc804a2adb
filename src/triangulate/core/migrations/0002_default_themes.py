from django.db import migrations

from triangulate.core.defaults import install_default_themes


def add_default_themes(apps, schema_editor):
    install_default_themes(apps.get_model("core", "Theme"), schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add_default_themes, migrations.RunPython.noop)]
