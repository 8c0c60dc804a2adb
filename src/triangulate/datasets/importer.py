"""The import job: read an Annex A extract, check it is plausible, store its tables, issues and KPIs.

    claim the upload (RUNNING, a lease: worker pid and heartbeat)
    parse in a child process (isolation.py): read, write Parquet to upload-N.partial, compute KPIs, profile
    assess plausibility against the previous published extract and the council's size (plausibility.py)
    save in one transaction: issues, KPI values, the folder renamed into place, status SUCCEEDED
        (published: what the pages read) or HELD (waits for the QA lead to publish or discard)

Besides the tables and KPI values, the upload keeps the reader's heading report (how each heading was
matched, which columns are absent or ignored) and the extract's team names with their row counts.

Every way a job can end leaves a state the upload page explains, and nothing half-written: a file that
cannot be used ends FAILED with the reason (in the user's own file name, never a server path); a cancel
ends CANCELLED; Ctrl-C, SIGTERM or a dying worker end INTERRUPTED (the file is kept so the job can be
retried; a worker that died is found by its stale heartbeat, leases.py). The uploaded file's copy is
deleted when the job ends unless storage.py's retention rules keep it (an interrupted job's, for a retry;
a published one's, for TRIANGULATE_KEEP_UPLOADS_DAYS).
"""

import logging
import os
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from triangulate.datasets.parsers.annex_a.reader import AnnexAError

from . import derived, isolation, leases, plausibility, storage
from .models import DataIssue, Upload

log = logging.getLogger(__name__)
MAX_STORED_ISSUES = 5000
UNEXPECTED = "The import stopped because of an unexpected error."
INTERRUPTED = "The import was stopped before it finished (its process was interrupted); it can be retried."
CANCELLED = "The import was cancelled."


def _stage(upload, stage, **fields):
    # Progress is saved outside the main transaction so the upload page can show it while the job runs.
    Upload.objects.filter(pk=upload.pk).update(stage=stage, **fields)


def run_import(upload_id, source_path):
    upload = _claim(upload_id)
    if upload is None:  # cancelled while queued, or already taken by another worker
        return Upload.objects.get(pk=upload_id)
    ended = None
    lost = False
    try:
        with leases.heartbeat(upload):
            parsed = isolation.parse_extract(upload, source_path, storage.partial_folder(upload.pk))
            _stage(upload, "Checking the extract is plausible")
            verdict = plausibility.assess(upload, parsed.profile)
            _save(upload, parsed, verdict)
    except leases.LeaseLost:
        # the job was judged dead and retried: the row and the files belong to the new attempt now
        lost = True
    except (AnnexAError, isolation.ExtractFailed) as error:
        ended = _end(upload, Upload.Status.FAILED, user_facing(str(error), upload, source_path))
    except leases.Cancelled:
        ended = _end(upload, Upload.Status.CANCELLED, CANCELLED)
    except Exception:  # the job must always end in a state the page can show
        log.exception("import of upload %s failed", upload.pk)  # ids only: no child data in logs
        ended = _end(upload, Upload.Status.FAILED, UNEXPECTED)
    except BaseException:  # Ctrl-C, SIGTERM (SystemExit): leave a state the page explains, then stop
        ended = _end(upload, Upload.Status.INTERRUPTED, INTERRUPTED)
        raise
    finally:
        if not lost:
            storage.discard(upload.pk, keep_complete=ended is None)
            storage.retire_incoming(upload.pk, source_path)  # deleted now, or kept for a retry or some days
    upload.refresh_from_db()
    return upload


def _claim(upload_id):
    """Take a queued upload for this process, or None (a cancelled one is marked so)."""
    with transaction.atomic():
        upload = Upload.objects.select_for_update().select_related("council").get(pk=upload_id)
        if upload.status != Upload.Status.QUEUED:
            return None
        if upload.cancel_requested:
            upload.status, upload.stage, upload.error = Upload.Status.CANCELLED, "Cancelled", CANCELLED
            upload.finished_at = timezone.now()
            upload.save(update_fields=["status", "stage", "error", "finished_at"])
            return None
        upload.status, upload.stage, upload.error = Upload.Status.RUNNING, "Reading the extract", ""
        upload.attempts += 1
        upload.worker_pid, upload.heartbeat_at = os.getpid(), timezone.now()
        upload.save(update_fields=["status", "stage", "error", "attempts", "worker_pid", "heartbeat_at"])
        return upload


def _save(upload, parsed, verdict):
    # the engine's few issues (a needed column missing) first, so the cap never drops them
    derivers = [d for d in derived.derivers() if d.name in parsed.derived]
    issues = [_engine_issue(upload, i) for d in derivers for i in d.issues(parsed.derived[d.name])] + \
        [_reader_issue(upload, i) for i in parsed.issues]
    status = Upload.Status.HELD if verdict.hold else Upload.Status.SUCCEEDED
    with transaction.atomic():
        if not _ours(upload).select_for_update().exists():
            raise leases.LeaseLost(upload.pk)
        DataIssue.objects.bulk_create(issues[:MAX_STORED_ISSUES], batch_size=2000)
        for deriver in derivers:
            deriver.store(upload, parsed.derived[deriver.name])
        _ours(upload).update(
            status=status, stage="Done", rows_read=sum(parsed.row_counts.values()),
            row_counts={str(k): v for k, v in parsed.row_counts.items()},
            headings={str(number): report for number, report in parsed.headings.items()}, teams=parsed.teams,
            profile=parsed.profile, plausibility=verdict.findings, finished_at=timezone.now())
        # last: if the commit fails after this, recovery removes the folder of an upload not imported
        storage.promote(upload.pk)


def _ours(upload):
    """The upload's row while this attempt still holds it (running, and not retried since)."""
    return Upload.objects.filter(pk=upload.pk, status=Upload.Status.RUNNING, attempts=upload.attempts)


def _end(upload, status, message):
    with transaction.atomic():
        if _ours(upload).update(status=status, stage=Upload.Status(status).label, error=message,
                                finished_at=timezone.now()):
            DataIssue.objects.filter(upload=upload).delete()
    return status


def user_facing(message, upload, source_path):
    """A message as its reader knows the file: the upload's own name, never the server's copy or path."""
    shown = Path(upload.original_name).name or "the uploaded file"
    source = Path(source_path)
    for internal in (str(source), str(source.resolve()), source.name):
        message = message.replace(internal, shown)
    return message


def _reader_issue(upload, i):
    file = Path(upload.original_name).name if i.file and i.file.startswith(f"upload-{upload.pk}") else i.file
    return DataIssue(upload=upload, file=file or "", sheet=i.sheet or "", list_number=i.list, row=i.row,
                     column=i.column or "", value=str(i.value if i.value is not None else "")[:255],
                     problem=i.problem[:500])


def _engine_issue(upload, issue):
    """An engine issue ({"list", "row", "column", "problem"}: e.g. a column a KPI needs is missing)."""
    return DataIssue(upload=upload, list_number=issue.get("list"), row=issue.get("row"),
                     column=str(issue.get("column") or "")[:255], problem=str(issue.get("problem") or "")[:500])
