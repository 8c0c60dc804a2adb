"""Child-level data on disk is readable by the service's own account only: folders 0700, files 0600.

Two layers, because either alone leaves gaps:
- the process umask, set before anything is written (manage.py, config/wsgi.py, the `triangulate`
  command), makes every new file private whoever writes it: SQLite and its -wal/-shm files, pyarrow's
  Parquet, the copy of an upload, a job's child process (the umask is inherited);
- explicit chmod of the data folder (when Django starts), of the SQLite database (when a connection
  opens) and of each folder and file datasets/storage.py makes, so data written before this rule
  existed, or by a process started some other way (a test runner, a server that resets the umask), is
  tightened too.
"""

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def restrict_new_files():
    """Make every file and folder this process creates from now on private to its account."""
    os.umask(PRIVATE_UMASK)


def private_folder(path):
    """The folder at path, created if missing, with mode 0700. Returns it as a Path."""
    path = Path(path)
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    try:
        path.chmod(FOLDER_MODE)
    except PermissionError:  # a folder an administrator set up under another account: theirs to secure
        log.warning("a data folder's permissions cannot be changed by this account; make it 0700")
    return path


def make_private(path):
    """chmod a file to 0600, or a folder and everything in it to 0700 (folders) and 0600 (files).
    Symbolic links are left alone: their targets are not ours to change."""
    path = Path(path)
    if path.is_symlink() or not path.exists():
        return
    if not path.is_dir():
        path.chmod(FILE_MODE)
        return
    path.chmod(FOLDER_MODE)
    for folder, subfolders, files in os.walk(path):
        for name in subfolders:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), FOLDER_MODE)
        for name in files:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), FILE_MODE)


def tighten_data_folder(data_dir):
    """At start-up: the data folder of an existing installation (made 0755 before this rule) becomes 0700.
    A folder this account does not own cannot be changed: that is logged, not fatal, so the service
    still starts where an administrator has set the folder up another way."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return
    try:
        data_dir.chmod(FOLDER_MODE)
    except PermissionError:
        log.warning("the data folder's permissions cannot be changed by this account; make it 0700")


_tightened_databases = set()


def tighten_sqlite(sender, connection, **kwargs):
    """connection_created receiver: the SQLite database and its companion files become 0600, once per
    process (SQLite gives new -wal/-shm files the database file's own permissions)."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    name = str(connection.settings_dict["NAME"])
    if name in _tightened_databases:
        return
    for suffix in SQLITE_COMPANIONS:
        companion = Path(name + suffix)
        if companion.is_file():
            try:
                companion.chmod(FILE_MODE)
            except PermissionError:
                log.warning("the database file's permissions cannot be changed by this account; make it 0600")
    _tightened_databases.add(name)
