"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the audit trail and
access log, so not even a raw query or a bug in a later migration can rewrite history.
(SQLite relies on the model and queryset guards; TRUNCATE, used by test teardown, is not row-level.)"""

from django.db import migrations

TABLES = ("core_auditevent", "core_accesslog")

FUNCTION = """
CREATE OR REPLACE FUNCTION triangulate_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # None: the % in RAISE is not a placeholder
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION triangulate_append_only();")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS triangulate_append_only();")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_default_themes")]
    operations = [migrations.RunPython(forwards, backwards)]
