"""Install the default headings (design §2) for every council that exists when the app is first migrated. A
council made later (the demo, or by hand) gets them from `defaults.ensure_default_headings`."""

from django.db import migrations

from triangulate.practice.defaults import install_default_headings


def add_default_headings(apps, schema_editor):
    heading_model = apps.get_model("practice", "HeadingTemplate")
    theme_model = apps.get_model("core", "Theme")
    for council in apps.get_model("people", "Council").objects.all():
        install_default_headings(council, heading_model, theme_model)


class Migration(migrations.Migration):
    dependencies = [("practice", "0001_initial"), ("core", "0002_default_themes")]
    operations = [migrations.RunPython(add_default_headings, migrations.RunPython.noop)]
