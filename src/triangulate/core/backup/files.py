"""The data folder's files in a backup: uploads, extracts' Parquet tables, trackers, whatever a release keeps there.

Left out: the SQLite database and its -wal/-shm/-journal (the database member holds it, copied consistently),
the caches (cache/: charts and PDFs, made again on demand), the demo's secret_key (it belongs to an installation,
not to its data), half-written files and folders (*.partial, *.part: an import or cache write in progress, whose
row is not yet committed) and our own staging folders (names starting with a dot).

On restore every top-level entry that is not left out is swapped for the archive's: the old ones are moved into a
staging folder inside the data folder (same file system, so each move is an atomic rename) and back again if
anything fails; the caches are moved away too, as they were made from the old data.
"""

import os
import shutil
import tempfile
from pathlib import Path

from triangulate.core.private_files import make_private, private_folder

PREFIX = "files/"
KEPT_IN_PLACE = {"secret_key"}  # neither backed up nor replaced
CACHES = {"cache"}  # not backed up; cleared on restore
TEMPORARY_SUFFIXES = (".partial", ".part")
STAGING_PREFIX = ".restore-"


def _left_out(name, database_names):
    return (name in KEPT_IN_PLACE or name in CACHES or name in database_names or name.startswith(".")
            or name.endswith(TEMPORARY_SUFFIXES))


def database_names(data_dir, database_file):
    """The names in the data folder's top level that are the SQLite database and its companion files."""
    if database_file is None or Path(database_file).resolve().parent != Path(data_dir).resolve():
        return set()
    name = Path(database_file).name
    return {name + suffix for suffix in ("", "-wal", "-shm", "-journal")}


def files_to_back_up(data_dir, database_file=None):
    """[(archive name, path)] of the data folder's files, sorted; symbolic links are not followed or kept."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    skip = database_names(data_dir, database_file)
    found = []
    for entry in sorted(data_dir.iterdir()):
        if _left_out(entry.name, skip) or entry.is_symlink():
            continue
        if entry.is_file():
            found.append(entry)
            continue
        for folder, subfolders, names in os.walk(entry):
            subfolders[:] = sorted(name for name in subfolders if not name.endswith(TEMPORARY_SUFFIXES)
                                   and not os.path.islink(os.path.join(folder, name)))
            for name in sorted(names):
                path = Path(folder) / name
                if not name.endswith(TEMPORARY_SUFFIXES) and path.is_file() and not path.is_symlink():
                    found.append(path)
    return [(PREFIX + path.relative_to(data_dir).as_posix(), path) for path in found]


def staging_folder(data_dir):
    """A private scratch folder inside the data folder (so its contents can be renamed into place)."""
    private_folder(data_dir)
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=data_dir))


class Swap:
    """Put the staged files in place of the data folder's current ones; undo() puts the old ones back; finish()
    deletes them. Used around the database restore, so a failure of either leaves both as they were."""

    def __init__(self, data_dir, staged, database_file=None):
        self.data_dir = Path(data_dir)
        self.staged = Path(staged)
        self.old = staging_folder(self.data_dir)
        self.moved_out, self.moved_in = [], []
        self.skip = database_names(self.data_dir, database_file)

    def apply(self):
        try:
            for entry in sorted(self.data_dir.iterdir()):
                replaced = entry.name in CACHES or not _left_out(entry.name, self.skip)
                if replaced and entry != self.old:
                    entry.rename(self.old / entry.name)
                    self.moved_out.append(entry.name)
            for entry in sorted(self.staged.iterdir()) if self.staged.is_dir() else []:
                entry.rename(self.data_dir / entry.name)
                self.moved_in.append(entry.name)
                make_private(self.data_dir / entry.name)
        except BaseException:
            self.undo()
            raise

    def undo(self):
        for name in reversed(self.moved_in):
            (self.data_dir / name).rename(self.staged / name)
        for name in reversed(self.moved_out):
            (self.old / name).rename(self.data_dir / name)
        self.moved_in, self.moved_out = [], []
        shutil.rmtree(self.old, ignore_errors=True)

    def finish(self):
        shutil.rmtree(self.old, ignore_errors=True)
