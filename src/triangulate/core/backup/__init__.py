"""Backups and restore (docs/design/estate.md §3, docs/backup.md): one tar holding manifest.json, the database
(SQLite's online backup, or pg_dump's custom format) and the data folder's files.

archive.py writes and reads the tar, manifest.py says what it must hold, sqlite.py and postgres.py dump and load
the database, files.py chooses the data folder's files and swaps them back in, and operations.py joins them in
the order that makes a backup consistent and a restore all or nothing, for the two management commands
(core/management/commands/backup.py, restore.py).
"""


class BackupError(Exception):
    """A backup or restore could not be done; the message says what was expected (shown to IT as it is)."""
