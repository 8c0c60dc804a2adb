"""Where imported child-level tables live: Parquet files in the data folder, one folder per upload.

A folder is written under a temporary name and renamed into place only when complete, so a
failed or interrupted import never leaves a half-written upload, and earlier uploads are never
touched.

Everything here is child-level data, so every folder is 0700 and every file 0600 (core/private_files.py),
and nothing is kept longer than it is needed (README: "Where child-level data lives, and for how long"):
- the copy of an uploaded file (incoming/) goes when its import ends (retire_incoming): at once if the
  import failed or was cancelled; after TRIANGULATE_KEEP_UPLOADS_DAYS (default 0) if it was imported;
  after KEEP_INTERRUPTED_DAYS if it was interrupted (kept meanwhile so the import can be retried).
  sweep_incoming, run by the job worker, deletes what has come due since, and stray files;
- an imported extract's Parquet folder (annex_a/) is kept while its extract date is within
  TRIANGULATE_KEEP_EXTRACT_MONTHS (default 13), and always for the latest published extract
  (sweep_extracts). Its KPI values, issues and profile stay in the database.
"""

import calendar
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
from django.conf import settings
from django.utils import timezone

from triangulate.core.private_files import make_private, private_folder

INCOMING_NAME = re.compile(r"upload-(\d+)(\.xlsx)?")
# An interrupted import's file is kept so the QA lead can retry it, but not for ever.
KEEP_INTERRUPTED_DAYS = 7
# A file in incoming/ with no upload row may be mid-copy (the row commits after the copy): left this long.
STRAY_FILE_GRACE = timedelta(hours=1)


def data_root():
    return Path(settings.DATA_DIR)


def root():
    private_folder(settings.DATA_DIR)
    return private_folder(Path(settings.DATA_DIR) / "annex_a")


def upload_folder(upload_id):
    return root() / f"upload-{upload_id}"


def incoming_root():
    private_folder(settings.DATA_DIR)
    return private_folder(Path(settings.DATA_DIR) / "incoming")


def incoming_path(upload_id, suffix):
    return incoming_root() / f"upload-{upload_id}{suffix}"


def discard_incoming(path):
    """Remove the copy of an uploaded file (or CSV folder) once its import has ended: the Parquet tables
    are what is kept, and child-level data is not kept twice. Only paths in the incoming folder are
    touched, never a file the import was pointed at elsewhere."""
    path = Path(path).resolve()
    if path.parent != incoming_root().resolve():
        return
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def write_tables(upload_id, tables):
    final = upload_folder(upload_id)
    temporary = final.with_name(final.name + ".partial")
    shutil.rmtree(temporary, ignore_errors=True)
    private_folder(temporary)
    try:
        for number, table in tables.items():
            pq.write_table(table, temporary / f"list_{number}.parquet")
        make_private(temporary)
        temporary.rename(final)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return final


def read_tables(upload_id):
    folder = upload_folder(upload_id)
    return {int(p.stem.split("_")[1]): pq.read_table(p) for p in sorted(folder.glob("list_*.parquet"))}


def partial_folder(upload_id):
    """Where a running import writes its tables (the job's child process), before they are complete."""
    return upload_folder(upload_id).with_name(f"upload-{upload_id}.partial")


def promote(upload_id):
    """Rename a complete partial folder into place (the last step of a successful import)."""
    final = upload_folder(upload_id)
    shutil.rmtree(final, ignore_errors=True)
    make_private(partial_folder(upload_id))  # whatever wrote it (the job's child process), 0700/0600
    partial_folder(upload_id).rename(final)
    return final


def discard(upload_id, keep_complete=False):
    """Remove an upload's partial folder, and its complete one unless keep_complete."""
    if not keep_complete:
        shutil.rmtree(upload_folder(upload_id), ignore_errors=True)
    shutil.rmtree(partial_folder(upload_id), ignore_errors=True)


def incoming_due(upload, now):
    """Whether the copy of this upload's file should be gone by now (the rules in this module's docstring)."""
    status = upload.Status
    if upload.status in (status.QUEUED, status.RUNNING):
        return False
    if upload.status == status.INTERRUPTED:
        keep = timedelta(days=KEEP_INTERRUPTED_DAYS)
    elif upload.status in (status.SUCCEEDED, status.HELD):
        keep = timedelta(days=settings.TRIANGULATE_KEEP_UPLOADS_DAYS)
    else:  # failed, cancelled or discarded: nothing will read it again
        return True
    ended = upload.finished_at or upload.heartbeat_at or upload.uploaded_at
    return ended + keep <= now


def retire_incoming(upload_id, source_path=None):
    """When an import ends (whatever the outcome): delete the copy of its file unless the retention rules
    keep it for now, and then clear upload.source_path. Returns True if the copy was deleted."""
    from .models import Upload  # here, not at the top: a job's child process imports storage early

    upload = Upload.objects.get(pk=upload_id)
    paths = [path for path in (source_path, upload.source_path and data_root() / upload.source_path) if path]
    if not incoming_due(upload, timezone.now()):
        for path in paths:  # kept for days: private whatever wrote it
            if Path(path).resolve().parent == incoming_root().resolve():
                make_private(path)
        return False
    for path in paths:
        discard_incoming(path)
    Upload.objects.filter(pk=upload_id).update(source_path="")
    return True


def sweep_incoming(now=None):
    """Delete the copies of uploaded files that have come due (see incoming_due), and stray files in
    incoming/ that belong to no upload (after STRAY_FILE_GRACE). The job worker calls this at start and
    every minute. Returns the names deleted (upload-N.xlsx: ids only, safe to log)."""
    from .models import Upload

    now = now or timezone.now()
    entries = sorted(incoming_root().iterdir())
    matches = {entry: INCOMING_NAME.fullmatch(entry.name) for entry in entries}
    uploads = Upload.objects.in_bulk({int(match.group(1)) for match in matches.values() if match})
    deleted = []
    for entry, match in matches.items():
        upload = uploads.get(int(match.group(1))) if match else None
        if upload is None:
            modified = datetime.fromtimestamp(entry.lstat().st_mtime, tz=UTC)
            if now - modified < STRAY_FILE_GRACE:
                continue
        elif not incoming_due(upload, now):
            continue
        _remove(entry)
        if upload is not None:
            Upload.objects.filter(pk=upload.pk).update(source_path="")
        deleted.append(entry.name)
    return deleted


def sweep_extracts(now=None):
    """Delete the Parquet folders of published extracts whose extract date is more than
    TRIANGULATE_KEEP_EXTRACT_MONTHS before today, except each council's latest published extract (the one
    every page reads). Held extracts (waiting for review) are not touched. The job worker calls this at
    start and every minute. Returns the ids of the uploads whose tables were deleted."""
    from .models import Upload

    cutoff = months_before(timezone.localdate(now), settings.TRIANGULATE_KEEP_EXTRACT_MONTHS)
    published = Upload.objects.filter(status=Upload.Status.SUCCEEDED).order_by("council_id", "-extract_date", "-id")
    latest = {}
    for upload_id, council_id in published.values_list("pk", "council_id"):
        latest.setdefault(council_id, upload_id)  # the same order as performance/history.latest_upload
    deleted = []
    for upload_id in published.filter(extract_date__lt=cutoff).exclude(pk__in=latest.values()).values_list(
            "pk", flat=True):
        folder = upload_folder(upload_id)
        if folder.exists():
            _remove(folder)
            deleted.append(upload_id)
    return deleted


def months_before(day, months):
    """The same day of the month, months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def _remove(path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
