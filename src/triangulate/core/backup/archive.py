"""The tar itself: written under a temporary name beside the target (mode 0600) and renamed when complete; read
only after every member has been checked against the manifest, so a hostile or damaged archive is refused before
anything is written outside a scratch folder."""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from pathlib import Path, PurePosixPath

from . import BackupError
from .manifest import CHUNK, MAX_MANIFEST_BYTES, NAME, parse, sha256_of


class _Hashing(io.RawIOBase):
    """Reads exactly `size` bytes of a file, hashing them, so the checksum is of the bytes the tar holds."""

    def __init__(self, source, size):
        self.source, self.left, self.digest = source, size, hashlib.sha256()

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self.source.read(min(len(buffer), self.left))
        if self.left and not chunk:
            raise BackupError(f"{self.source.name} got shorter while it was being backed up: run the backup again.")
        buffer[:len(chunk)] = chunk
        self.left -= len(chunk)
        self.digest.update(chunk)
        return len(chunk)


def _info(name, size):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime, info.type = size, 0o600, int(time.time()), tarfile.REGTYPE
    return info


class Writer:
    """with Writer(target) as archive: archive.add(name, path) ...; archive.finish(manifest_builder)."""

    def __init__(self, target):
        self.target = Path(target)
        if not self.target.parent.is_dir():
            raise BackupError(f"The folder {self.target.parent} does not exist: create it, or name another file.")
        handle, self.temporary = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".partial",
                                                  dir=self.target.parent)  # mkstemp makes it 0600
        self.file = os.fdopen(handle, "wb")
        self.tar = tarfile.open(fileobj=self.file, mode="w", format=tarfile.PAX_FORMAT)
        self.members = {}

    def add(self, name, path):
        """Add a file; returns False if it vanished first (a sweep deleted an upload's copy: harmless)."""
        try:
            source = open(path, "rb")
        except FileNotFoundError:
            return False
        with source:
            size = os.fstat(source.fileno()).st_size
            hashing = _Hashing(source, size)
            self.tar.addfile(_info(name, size), io.BufferedReader(hashing, CHUNK))
            self.members[name] = (hashing.digest.hexdigest(), size)
        return True

    def finish(self, manifest):
        """Write manifest.json last (the checksums are known only now), sync, and rename into place."""
        raw = json.dumps(manifest, indent=1, sort_keys=True).encode()
        self.tar.addfile(_info(NAME, len(raw)), io.BytesIO(raw))
        self.tar.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.chmod(self.temporary, 0o600)
        os.replace(self.temporary, self.target)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            self.tar.close()
            self.file.close()
            Path(self.temporary).unlink(missing_ok=True)


def _safe_name(name):
    path = PurePosixPath(name)
    return (name == path.as_posix() and not path.is_absolute() and ".." not in path.parts and "\\" not in name
            and path.parts and path.parts[0] in ("database", "files") and len(path.parts) >= 2)


def open_checked(path):
    """Open the archive and check its shape against its manifest: (tar, manifest). Every member must be a regular
    file named in the manifest with the manifest's size, under database/ or files/, with no absolute path and no
    '..'; no links, devices or folders; none twice; none missing. Checksums are checked after extraction."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file: name the backup's .tar file.")
    try:
        tar = tarfile.open(path, mode="r:")
        members = tar.getmembers()
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} is not a readable tar archive ({error}): it is damaged or not a backup.") from None
    manifests = [member for member in members if member.name == NAME]
    if len(manifests) != 1 or not manifests[0].isreg() or manifests[0].size > MAX_MANIFEST_BYTES:
        tar.close()
        raise BackupError(f"{path} has no manifest.json (or more than one): it is not a Triangulate backup.")
    manifest = parse(tar.extractfile(manifests[0]).read())
    expected = manifest["members"]
    seen = set()
    for member in members:
        if member is manifests[0]:
            continue
        problem = None
        if not _safe_name(member.name):
            problem = "its name is outside database/ and files/ (an absolute path, '..' or an unexpected folder)"
        elif not member.isreg():
            problem = "it is not a regular file (a link, device or folder)"
        elif member.name in seen:
            problem = "it appears twice"
        elif member.name not in expected:
            problem = "the manifest does not list it"
        elif member.size != expected[member.name]["size"]:
            problem = f"its size is {member.size} bytes, the manifest says {expected[member.name]['size']}"
        if problem:
            tar.close()
            raise BackupError(f"The backup is refused: member {member.name!r}: {problem}.")
        seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        tar.close()
        raise BackupError(f"The backup is incomplete: the manifest lists {len(missing)} member(s) the archive does "
                          f"not hold, such as {missing[0]!r}.")
    return tar, manifest


def extract_verified(tar, manifest, folder):
    """Extract every member into folder (tarfile's "data" filter as a second guard) and check each checksum."""
    members = [member for member in tar.getmembers() if member.name != NAME]
    try:
        tar.extractall(folder, members=members, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"The backup could not be unpacked ({error}).") from None
    for name, entry in manifest["members"].items():
        sha, size = sha256_of(Path(folder) / name)
        if (sha, size) != (entry["sha256"], entry["size"]):
            raise BackupError(f"The backup is damaged: {name} does not match its checksum in manifest.json. "
                              "Nothing was restored; use another copy of the backup.")
