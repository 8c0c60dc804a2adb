"""SQLite: dumped with SQLite's online backup API (a transactionally consistent copy while the app runs, the WAL
included), restored by writing the copy beside the database file and renaming it over it."""

import os
import sqlite3
from pathlib import Path

from . import BackupError

MEMBER = "database/triangulate.sqlite3"
COMPANIONS = ("-wal", "-shm", "-journal")


def dump(connection, target):
    """Copy the database behind Django's connection (a file, or a test's in-memory one) into target."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # pages are copied in one step under a read transaction: writers in WAL mode carry on meanwhile
        connection.connection.backup(copy)
    finally:
        copy.close()


def database_file(connection):
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db() or not name:
        raise BackupError("The database is an in-memory SQLite database: there is no file to restore into. "
                          "Set DATABASE_URL to an sqlite:/// file or a PostgreSQL database.")
    return Path(name)


def check_copy(path):
    """Refuse a copy SQLite itself finds damaged, before it replaces anything."""
    try:
        copy = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The backup's SQLite database cannot be read ({error}).") from None
    if result != "ok":
        raise BackupError(f"The backup's SQLite database is damaged (SQLite's check says: {result}).")


def restore(connection, staged_copy):
    """Replace the database file with staged_copy. The copy is moved beside the file first (same folder, so the
    rename is atomic) and the old file's WAL is checkpointed into it, so a failure before the rename leaves the
    old database whole; after the rename its -wal and -shm, which belong to the old file, are removed."""
    target = database_file(connection)
    check_copy(staged_copy)
    target.parent.mkdir(parents=True, exist_ok=True)
    beside = target.with_name(f".{target.name}.restoring")
    try:
        _copy(staged_copy, beside)  # the staged copy may be on another file system: copied, and synced
        os.chmod(beside, 0o600)
        connection.close()
        if target.exists():
            old = sqlite3.connect(target)
            try:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                old.close()
        os.replace(beside, target)
    except BaseException:
        Path(beside).unlink(missing_ok=True)
        raise
    for suffix in COMPANIONS:
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _copy(source, target):
    with open(source, "rb") as reading, open(target, "wb") as writing:
        while chunk := reading.read(1024 * 1024):
            writing.write(chunk)
        writing.flush()
        os.fsync(writing.fileno())
