"""The generated DuckDB SQL of every KPI, kept on disk so a new process need not build it.

Building a KPI's SQL through SQLFrame/SQLGlot costs far more than DuckDB takes to run it (several
seconds for the whole catalogue), and the SQL depends only on the definitions, the settings, the
tables' columns and the library versions, never on the data or the periods. So it is built once and
kept in ${XDG_CACHE_HOME:-~/.cache}/triangulate/kpi-sql-<code>-<settings>.json, where <code> hashes
every source file of this package, the tables' layout and the versions of SQLFrame, SQLGlot and
DuckDB, and <settings> hashes the settings. A file that is missing, corrupt, for other code, or lacks
an entry is ignored and rebuilt; files left by older code are deleted when a new one is written.
"""

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import diskcache
from .context import DEFAULT_SETTINGS

FORMAT = 1  # bump when the file's layout changes
PREFIX = "kpi-sql-"
_MEMORY = {}  # file name -> entries, so later engines in the same process skip the disk


@lru_cache(maxsize=1)
def code_key():
    from .tables import signature

    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(signature().encode())
    for name in ("sqlframe", "sqlglot", "duckdb"):
        digest.update(f"{name} {metadata.version(name)}\n".encode())
    return digest.hexdigest()


def settings_text(settings):
    return json.dumps({**DEFAULT_SETTINGS, **(settings or {})}, sort_keys=True, default=str)


def file_name(settings):
    settings_hash = hashlib.sha256(settings_text(settings).encode()).hexdigest()
    return f"{PREFIX}{code_key()[:20]}-{settings_hash[:12]}.json"


def path(settings):
    return diskcache.cache_dir() / file_name(settings)


def load(settings, wanted):
    """The cached {entry: SQL} holding every key in `wanted`, or None."""
    name = file_name(settings)
    entries = _MEMORY.get(name)
    if entries is None:
        data = diskcache.read_json(name)
        if not isinstance(data, dict) or data.get("code") != code_key() or data.get("settings") != settings_text(
                settings):
            return None
        entries = data.get("entries")
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            return None
    if not wanted <= entries.keys():
        return None
    _MEMORY[name] = entries
    return entries


def save(settings, entries):
    """Keep `entries` in memory and on disk; returns the file's path (None if it could not be written)."""
    name = file_name(settings)
    _MEMORY[name] = entries
    written = diskcache.write_json(name, {"code": code_key(), "settings": settings_text(settings),
                                          "entries": entries})
    if written is not None:
        # files of older code are useless now; other settings' files of this code stay
        diskcache.prune(PREFIX, keep_prefix=f"{PREFIX}{code_key()[:20]}-")
    return written


def forget_memory():
    """Drop the in-process copies (tests use it to start as a new process would)."""
    _MEMORY.clear()
