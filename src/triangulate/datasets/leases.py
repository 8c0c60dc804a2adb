"""A running import's lease: its heartbeat, cancelling and retrying it, and finding jobs whose worker died.

A job holds its upload by a lease: the importer's claim records the worker's pid and a first heartbeat, and
heartbeat() keeps a thread beating every HEARTBEAT_SECONDS while the job runs. A job whose worker died
(SIGKILL, a crash, the machine going down) leaves a lease nobody renews, and recovery finds it:
- at once, when the worker's pid on this machine has gone: the job worker names itself "jobs:<host>:<pid>:…"
  (management/commands/jobs_worker.py) and django-tasks-db records that name on the task it runs;
- otherwise (the job ran on another machine, or in `manage.py import_annex_a`), once its heartbeat is older
  than TRIANGULATE_JOB_STALE_SECONDS (default 60, twelve missed beats).
The job becomes INTERRUPTED with the reason, its half-written folders go, and its uploaded file is kept so the
QA lead can retry it. The job worker recovers at start and every minute; the upload pages check too (one
cheap query), so a dead worker shows within a minute even if nothing restarts it.
"""

import logging
import os
import re
import shutil
import signal
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import Error, connections, transaction
from django.db.models import Q
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.authority import System, service

from . import storage
from .models import Upload
from .rules import Perm
from .verbs import Verb

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
CHECK_SECONDS = 1  # how often a running job looks for a cancel
IMPORT_TASK = "triangulate.datasets.tasks.import_upload"
WORKER_PREFIX = "jobs"
FOLDER_NAME = re.compile(r"upload-(\d+)(\.partial)?")

WORKER_GONE = ("The import was interrupted: the job worker running it stopped (it was stopped or crashed, or the "
               "server restarted). Nothing from this file was saved; it can be retried.")
NO_HEARTBEAT = ("The import was interrupted: the process running it stopped responding for more than {seconds} "
                "seconds. Nothing from this file was saved; it can be retried.")


class Cancelled(Exception):
    """The QA lead cancelled the import while it ran."""


class LeaseLost(Exception):
    """Recovery gave this job up for dead (or it was retried) while it still ran: it must stop and leave the
    upload's row and files to whoever holds them now."""


class WorkerDied(Exception):
    """Recorded on a django-tasks-db task whose worker process has gone."""


def stale_after():
    return timedelta(seconds=int(getattr(settings, "TRIANGULATE_JOB_STALE_SECONDS", 60)))


# ---- the heartbeat ------------------------------------------------------------------------------------------

_active = {}  # upload id -> Lease, for the jobs running in this process


class Lease:
    def __init__(self, upload):
        self.upload_id, self.attempt, self.pid = upload.pk, upload.attempts, os.getpid()
        self.stopped = threading.Event()  # set with a reason: a cancel, or the lease lost
        self.reason = None
        self._done = threading.Event()

    def raise_if_stopped(self):
        if self.reason == "lost":
            raise LeaseLost(f"upload {self.upload_id}")
        if self.reason == "cancelled":
            raise Cancelled()

    def _stop(self, reason):
        self.reason = reason
        self.stopped.set()

    def run(self):
        beats, failing = 0, False
        try:
            while not self._done.wait(CHECK_SECONDS):
                beats += 1
                try:
                    self.check(beat=beats % (HEARTBEAT_SECONDS // CHECK_SECONDS) == 0)
                    failing = False
                except Error as error:  # a busy database or a dropped connection: the next check reconnects
                    if not failing:  # once per spell of failures, not every second
                        log.warning("heartbeat of upload %s failed (%s); retrying", self.upload_id,
                                    type(error).__name__)
                    failing = True
                    connections.close_all()
        finally:
            connections.close_all()  # this thread's own connections

    def check(self, beat):
        mine = Upload.objects.filter(pk=self.upload_id, status=Upload.Status.RUNNING, worker_pid=self.pid,
                                     attempts=self.attempt)
        if beat:
            mine.update(heartbeat_at=timezone.now())
        row = Upload.objects.filter(pk=self.upload_id).values_list(
            "status", "worker_pid", "attempts", "cancel_requested").first()
        if row is None:  # not visible to this thread's connection (a test's open transaction): nothing to judge
            return
        if row[:3] != (Upload.Status.RUNNING, self.pid, self.attempt):
            self._stop("lost")
        elif row[3]:
            self._stop("cancelled")


@contextmanager
def heartbeat(upload):
    """Keep the claimed upload's lease alive while the block runs, and watch for a cancel (isolation.py stops
    the child process when one comes). When nobody handles SIGTERM here (e.g. `manage.py import_annex_a`),
    it becomes SystemExit while the job runs, so the importer marks the upload INTERRUPTED before the
    process ends; the job worker has its own handler."""
    lease = Lease(upload)
    _active[upload.pk] = lease
    thread = threading.Thread(target=lease.run, name=f"lease-{upload.pk}", daemon=True)
    thread.start()
    previous = _exit_on_sigterm()
    try:
        yield lease
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        lease._done.set()
        thread.join(timeout=2 * HEARTBEAT_SECONDS)
        _active.pop(upload.pk, None)


def current(upload_id):
    """The lease of a job running in this process, or None."""
    return _active.get(upload_id)


def job_running():
    """Whether an import runs in this process now."""
    return bool(_active)


def _exit_on_sigterm():
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return None

    def interrupt(signum, frame):
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, interrupt)


# ---- recovery -----------------------------------------------------------------------------------------------

def worker_id():
    """The job worker's name on the tasks it runs: this machine and pid, so recovery can tell when it has gone
    (django-tasks-db allows 64 characters; the random part keeps names unique if a pid is reused)."""
    from django.utils.crypto import get_random_string

    return f"{WORKER_PREFIX}:{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _gone_from_here(name):
    """The pid of a job worker named `name` if it ran on this machine and has ended, else None."""
    parts = name.split(":")
    if len(parts) != 4 or parts[0] != WORKER_PREFIX or parts[1] != socket.gethostname()[:40] or \
            not parts[2].isdigit():
        return None
    pid = int(parts[2])
    return None if pid_alive(pid) else pid


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another account's process
        return True
    try:  # a zombie (ended, not yet reaped by its parent) is gone for our purposes
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return True


def interrupt_dead_jobs():
    """Mark INTERRUPTED every running import whose worker has gone; their ids. Cheap enough for a page."""
    from django_tasks_db.models import DBTaskResult

    ended = []
    for task in DBTaskResult.objects.running():
        pid = _gone_from_here(task.worker_ids[-1]) if task.worker_ids else None
        if pid is None:
            continue
        task.set_failed(WorkerDied(f"worker process {pid} has gone"))
        args = task.args_kwargs.get("args") or []
        if task.task_path == IMPORT_TASK and args and _interrupt(args[0], WORKER_GONE, Q(worker_pid=pid)):
            ended.append(args[0])
    cutoff = timezone.now() - stale_after()
    stale = Upload.objects.filter(status=Upload.Status.RUNNING).exclude(heartbeat_at__gte=cutoff)  # or no beat
    message = NO_HEARTBEAT.format(seconds=int(stale_after().total_seconds()))
    still_stale = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True)  # no heartbeat since recovery looked
    ended += [pk for pk in stale.values_list("pk", flat=True) if _interrupt(pk, message, still_stale)]
    return ended


def _interrupt(upload_id, reason, still):
    """Interrupt a running upload if it is still as recovery saw it (`still`: the same worker, no new beat)."""
    with transaction.atomic():
        changed = Upload.objects.filter(still, pk=upload_id, status=Upload.Status.RUNNING).update(
            status=Upload.Status.INTERRUPTED, stage=Upload.Status.INTERRUPTED.label, error=reason,
            finished_at=timezone.now())
        if changed:
            audit.record(System.JOB_RECOVERY, Verb.UPLOAD_INTERRUPTED, Upload.objects.get(pk=upload_id), reason=reason)
    if changed:
        log.warning("upload %s interrupted: its worker stopped", upload_id)
        storage.discard(upload_id)  # half-written tables; the uploaded file is kept for a retry
    return bool(changed)


def remove_leftovers():
    """Remove from the data folder what no import will finish or read: partial folders of uploads that are not
    running, complete folders of uploads that were not imported (failed, cancelled, interrupted, or no longer
    in the database). Returns the folder names removed (upload ids only: safe to log)."""
    folders = {entry: FOLDER_NAME.fullmatch(entry.name) for entry in storage.root().iterdir() if entry.is_dir()}
    folders = {entry: match for entry, match in folders.items() if match}
    status = dict(Upload.objects.filter(pk__in={int(m.group(1)) for m in folders.values()}).values_list("pk",
                                                                                                      "status"))
    working = (Upload.Status.QUEUED, Upload.Status.RUNNING)  # a running job (here or elsewhere) owns its folders
    kept = (Upload.Status.SUCCEEDED, Upload.Status.HELD)
    removed = []
    for entry, match in sorted(folders.items()):
        state = status.get(int(match.group(1)))
        if state in working or (not match.group(2) and state in kept):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    return removed


def recover():
    """At the job worker's start and every minute: interrupt dead jobs, remove leftovers, and delete uploaded
    files that have come due (storage.sweep_incoming). Returns (interrupted ids, folders removed, files
    deleted)."""
    interrupted = interrupt_dead_jobs()
    return interrupted, remove_leftovers(), storage.sweep_incoming()


# ---- cancel and retry ---------------------------------------------------------------------------------------

@service(Perm.UPLOAD)
def cancel(*, actor, upload):
    """Cancel an import that has not ended (or one interrupted, whose kept file is then deleted). A queued or
    interrupted one ends CANCELLED at once; a running one is asked to stop and ends CANCELLED within a few
    seconds (leases' thread sees the request, isolation.py kills the child). Returns the upload."""
    from .importer import CANCELLED

    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    if upload.status == Upload.Status.RUNNING:
        if upload.cancel_requested:
            raise ValidationError("This import is already being cancelled.")
        upload.cancel_requested = True
        upload.save(update_fields=["cancel_requested"])
        audit.record(actor, Verb.UPLOAD_CANCEL_REQUESTED, upload)
        return upload
    if upload.status not in (Upload.Status.QUEUED, Upload.Status.INTERRUPTED):
        raise ValidationError(f"This import has already ended ({upload.get_status_display().lower()}), so "
                              "there is nothing to cancel.")
    before = upload.status
    upload.status, upload.stage, upload.error = Upload.Status.CANCELLED, Upload.Status.CANCELLED.label, CANCELLED
    upload.cancel_requested, upload.finished_at = True, timezone.now()
    upload.save(update_fields=["status", "stage", "error", "cancel_requested", "finished_at"])
    audit.record(actor, Verb.UPLOAD_CANCELLED, upload, status=[before, upload.status])
    transaction.on_commit(lambda: storage.retire_incoming(upload.pk))
    return upload


def why_not_retry(upload):
    """None if the import can be started again, else why not (for the page and the refusal)."""
    if upload.status not in (Upload.Status.INTERRUPTED, Upload.Status.CANCELLED):
        return (f"Only an interrupted or cancelled import can be retried; this one is "
                f"{upload.get_status_display().lower()}.")
    if not upload.source_path or not (storage.data_root() / upload.source_path).exists():
        return ("The uploaded file is no longer kept (copies of uploaded files are deleted once they are not "
                "needed), so this import cannot be retried: upload the file again.")
    return None


@service(Perm.UPLOAD)
def retry(*, actor, upload):
    """Queue an interrupted (or cancelled, while its file is kept) import again, for the same upload."""
    from .tasks import import_upload

    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    reason = why_not_retry(upload)
    if reason:
        raise ValidationError(reason)
    before = upload.status
    upload.status, upload.stage, upload.error = Upload.Status.QUEUED, "Waiting to start", ""
    upload.cancel_requested, upload.worker_pid, upload.heartbeat_at, upload.finished_at = False, None, None, None
    upload.save(update_fields=["status", "stage", "error", "cancel_requested", "worker_pid", "heartbeat_at",
                               "finished_at"])
    audit.record(actor, Verb.UPLOAD_RETRIED, upload, status=[before, upload.status], attempt=upload.attempts + 1)
    source = str(storage.data_root() / upload.source_path)
    transaction.on_commit(lambda: import_upload.enqueue(upload.pk, source))
    return upload
