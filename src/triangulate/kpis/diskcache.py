"""A small on-disk cache of JSON files under ${XDG_CACHE_HOME:-~/.cache}/triangulate.

Everything here is derived data that can be rebuilt: a file that is missing, unreadable or not what
its reader expects is ignored (and rebuilt by the caller). Writes are atomic (a temporary file in the
same folder, then a rename), so concurrent processes never see half a file. A cache folder that cannot
be written only costs speed.
"""

import json
import os
import tempfile
from pathlib import Path


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "triangulate"


def read_json(name):
    """The JSON in cache file `name`, or None when it is missing or not valid JSON."""
    try:
        with open(cache_dir() / name, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def write_json(name, data):
    """Write `data` to cache file `name` atomically; returns the path, or None when it could not be written."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(data, file, separators=(",", ":"))
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return None
    return folder / name


def prune(prefix, keep_prefix):
    """Delete cache files named `prefix*` whose names do not start with `keep_prefix` (left over from
    older code or library versions)."""
    try:
        for path in cache_dir().glob(f"{prefix}*"):
            if not path.name.startswith(keep_prefix):
                path.unlink(missing_ok=True)
    except OSError:
        pass
