"""Install the default grade scale and audit tools (design §2) for every council that exists when the app is
first migrated. A database with no council yet gets nothing here: a council is made later (the demo, or by
hand), and `services.tools.ensure_default_tools` installs the defaults for it then."""

from django.db import migrations
from django.utils import timezone

from triangulate.audits.defaults import install_default_tools

MODELS = ("GradeScale", "Grade", "AuditTool", "ToolVersion", "Section", "Question")


def add_default_tools(apps, schema_editor):
    models = {name: apps.get_model("audits", name) for name in MODELS}
    models["Theme"] = apps.get_model("core", "Theme")
    for council in apps.get_model("people", "Council").objects.all():
        install_default_tools(council, models, now=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial"), ("core", "0002_default_themes")]
    operations = [migrations.RunPython(add_default_tools, migrations.RunPython.noop)]
