from django.db import migrations
from django.utils.text import slugify

from triangulate.core.defaults import DEFAULT_THEMES


def add_default_themes(apps, schema_editor):
    Theme = apps.get_model("core", "Theme")
    for i, (name, description) in enumerate(DEFAULT_THEMES, start=1):
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name, "description": description,
                                                                  "order": i * 10})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add_default_themes, migrations.RunPython.noop)]
