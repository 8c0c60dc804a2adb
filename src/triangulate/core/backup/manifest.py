"""manifest.json: what an archive holds, and the checks made on it before a restore touches anything."""

import hashlib
import json
from datetime import UTC, datetime
from importlib import metadata

from . import BackupError

FORMAT = 1
NAME = "manifest.json"
# A manifest lists one entry per file: even a very large data folder's is a few megabytes.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024


def app_version():
    try:
        return metadata.version("triangulate")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def applied_migrations(connection):
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def build(vendor, database_member, migrations, members):
    """members: {archive name: (sha256 hex, size)}."""
    return {
        "format": FORMAT,
        "app": "triangulate",
        "app_version": app_version(),
        "vendor": vendor,
        "database": database_member,
        "migrations": migrations,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "members": {name: {"sha256": sha, "size": size} for name, (sha, size) in sorted(members.items())},
    }


def parse(raw):
    """The manifest as a dict, after checking its shape (not yet its members' checksums)."""
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupError("manifest.json is not valid JSON: this is not a Triangulate backup, or it is damaged.") from None
    if not isinstance(manifest, dict) or manifest.get("app") != "triangulate":
        raise BackupError("manifest.json does not describe a Triangulate backup.")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The backup's format is {manifest.get('format')!r}; this release reads format {FORMAT}. "
                          "Restore it with the release that made it.")
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(
            isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("size"), int) and entry["size"] >= 0 for entry in members.values()):
        raise BackupError("manifest.json's list of members is damaged (each needs a sha256 and a size).")
    if manifest.get("database") not in members:
        raise BackupError("manifest.json names no database member: the backup is incomplete.")
    if not isinstance(manifest.get("migrations"), list):
        raise BackupError("manifest.json has no list of migrations.")
    return manifest


def check_compatible(manifest, vendor, known_migrations):
    """Refuse a backup of the other database engine, or one made by a newer release (its migrations unknown here)."""
    if manifest.get("vendor") != vendor:
        raise BackupError(f"The backup is of a {manifest.get('vendor')} database but this installation uses "
                          f"{vendor}. Restore it into an installation configured for {manifest.get('vendor')}.")
    unknown = sorted(set(manifest["migrations"]) - set(known_migrations))
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise BackupError(f"The backup was made by a newer release of Triangulate (version "
                          f"{manifest.get('app_version')}); this one does not know its migrations {shown}. "
                          "Install that release or a later one, then restore.")


def sha256_of(path):
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
