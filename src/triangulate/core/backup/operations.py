"""make_backup and restore: the order of the steps is what makes a backup consistent and a restore all or nothing."""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

from . import BackupError, archive, files, manifest, postgres, sqlite

ENGINES = {"sqlite": sqlite, "postgresql": postgres}


def _engine(connection):
    engine = ENGINES.get(connection.vendor)
    if engine is None:
        raise BackupError(f"Backups support SQLite and PostgreSQL; this database is {connection.vendor}.")
    return engine


def _sqlite_file(connection):
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    return Path(str(connection.settings_dict["NAME"]))


def _inside(path, folder):
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def make_backup(target, using="default"):
    """Write the backup to target. Returns the manifest. The database is dumped first and the files copied after:
    a file is always written before the row that names it, so every file a dumped row names is in the archive."""
    connection = connections[using]
    engine = _engine(connection)
    data_dir = Path(settings.DATA_DIR)
    target = Path(target).absolute()
    if _inside(target, data_dir):
        raise BackupError(f"Write the backup outside the data folder ({data_dir}): each backup would otherwise "
                          "hold the ones before it, and lose them with the folder.")
    if connection.in_atomic_block:  # a dump sees only what is committed (and SQLite's would wait on our own lock)
        raise BackupError("A backup copies what is committed: run it outside a transaction.")
    with archive.Writer(target) as writer, tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        dumped = Path(work) / "database"
        engine.dump(connection, dumped)
        migrations = manifest.applied_migrations(connection)
        writer.add(engine.MEMBER, dumped)
        dumped.unlink()  # child-level data: not left in the scratch folder longer than needed
        for name, path in files.files_to_back_up(data_dir, _sqlite_file(connection)):
            writer.add(name, path)
        result = manifest.build(connection.vendor, engine.MEMBER, migrations, writer.members)
        writer.finish(result)
    return result


def _known_migrations():
    from django.db.migrations.loader import MigrationLoader

    return {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}


def _refuse_unless_empty(connection, engine, staged_database, replace):
    existing = set(connection.introspection.table_names())
    if existing and not replace:
        raise BackupError(f"The database {connection.settings_dict['NAME']} already has {len(existing)} tables. "
                          "Restore into an empty database, or add --replace to overwrite everything in it.")
    if existing and engine is postgres:
        # --clean drops only what the dump creates: tables of a newer release would be left to clash with migrate
        extra = sorted(existing - postgres.tables_in_dump(staged_database, connection.settings_dict))
        if extra:
            raise BackupError(f"The database has tables the backup does not ({', '.join(extra[:5])}); --replace "
                              "replaces only the backup's own. Restore into a new, empty database.")


def restore(path, replace=False, using="default", stdout=None):
    """Restore the archive at path into the configured database and data folder, then migrate. Everything is
    checked first; a failure leaves the database and the data folder as they were."""
    connection = connections[using]
    engine = _engine(connection)
    data_dir = Path(settings.DATA_DIR)
    tar, contents = archive.open_checked(path)
    with tar:
        scratch = files.staging_folder(data_dir)
        try:
            # the order: the archive's shape, every checksum, then whether it fits here; only then is anything
            # outside the scratch folder touched
            archive.extract_verified(tar, contents, scratch)
            manifest.check_compatible(contents, connection.vendor, _known_migrations())
            staged_database = scratch / contents["database"]
            _refuse_unless_empty(connection, engine, staged_database, replace)
            if engine is sqlite:
                sqlite.database_file(connection)  # an in-memory database has no file to replace
            swap = files.Swap(data_dir, scratch / files.PREFIX.rstrip("/"), _sqlite_file(connection))
            swap.apply()
            try:
                engine.restore(connection, staged_database)
            except BaseException:
                swap.undo()
                raise
            swap.finish()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    from django.core.management import call_command

    connection.close()
    call_command("migrate", interactive=False, verbosity=0, database=using)
    return contents
