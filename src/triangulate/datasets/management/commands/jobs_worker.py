"""The job worker: django-tasks-db's db_worker, made safe to kill.

- At start, and every HOUSEKEEPING_SECONDS while it runs: recovery (datasets/leases.py: imports whose worker
  died become INTERRUPTED, half-written folders and unused complete ones are removed, uploaded files that
  have come due are deleted) and the retention sweep of old extracts' tables (storage.sweep_extracts).
- It names itself after this machine and its pid, so the next worker can tell at once that it has gone.
- A thread of its own records a heartbeat every 30 seconds (core/housekeeping.beat_worker), which
  `/health/?worker=1` reads: it beats while an import runs and while the housekeeping jobs are busy.
- SIGTERM or Ctrl-C during an import interrupts it there and then (its child process is killed, the upload
  becomes INTERRUPTED and can be retried) and the worker exits: an import can take many minutes, longer than
  a service manager waits before it kills. Between imports the worker exits at once. A second signal while
  it is stopping kills it outright (recovery will find what it left).
"""

import logging
import signal
import sys
import threading

from django.core.management.base import CommandError
from django.db import connections
from django_tasks_db.management.commands import db_worker

from triangulate.core import housekeeping as core_housekeeping
from triangulate.datasets import leases, storage

log = logging.getLogger(__name__)
HOUSEKEEPING_SECONDS = 60


def housekeeping():
    interrupted, folders, files = leases.recover()
    extracts = storage.sweep_extracts()
    if interrupted or folders or files or extracts:  # ids and internal names only: safe to log
        log.warning("recovery: interrupted uploads %s; removed folders %s, uploaded files %s, tables of "
                    "uploads %s", interrupted, folders, files, extracts)


def housekeeping_loop(stop):
    while not stop.wait(HOUSEKEEPING_SECONDS):
        try:
            housekeeping()
        except Exception:  # a busy database or a full disk must not stop the worker; next round tries again
            log.exception("recovery failed")
        try:
            # the apps' timed jobs (core/housekeeping.py): escalations, reminders, email retries; each in its
            # own try block there
            core_housekeeping.run_due()
        except Exception:  # the database is unreachable: the next minute tries again
            log.exception("housekeeping jobs failed")
        finally:
            connections.close_all()  # this thread's own connections


def heartbeat_loop(stop):
    while True:
        try:
            core_housekeeping.beat_worker()
        except Exception as error:  # the database is unreachable: the health check will say so; beat again soon
            log.warning("worker heartbeat failed (%s)", type(error).__name__)
        finally:
            connections.close_all()  # this thread's own connections
        if stop.wait(core_housekeeping.WORKER_HEARTBEAT_SECONDS):
            return


class Stopping(SystemExit):
    """SIGTERM or Ctrl-C reached the worker during an import: raised there, so the import ends INTERRUPTED."""


class JobsWorker(db_worker.Worker):
    def shutdown(self, signum, frame):
        log.warning("Received %s: stopping%s", signal.strsignal(signum),
                    " (the running import is interrupted and can be retried)" if leases.job_running() else "")
        self.running = False
        self.reset_signals()  # a second signal kills at once
        if leases.job_running():
            # in the import: isolation kills the child, the importer marks INTERRUPTED, db_worker records the
            # task as failed and its loop ends, as self.running is False
            raise Stopping(signal.Signals(signum).name)
        if not self.running_task:
            sys.exit(0)
        # else: between an import's end and the task's record: let the record be written, then the loop ends


class Command(db_worker.Command):
    help = ("Run the job worker: recover imports whose worker died and remove leftovers, then run queued jobs "
            "(django-tasks-db's db_worker, with recovery every minute and a clean stop on SIGTERM).")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None, reload=False)

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        if reload:
            raise CommandError("jobs_worker does not reload on code changes: restart it instead")
        self.configure_logging(verbosity)
        stop = threading.Event()
        # first, so the worker counts as running while its start-up recovery works
        threading.Thread(target=heartbeat_loop, args=(stop,), name="heartbeat", daemon=True).start()
        housekeeping()
        threading.Thread(target=housekeeping_loop, args=(stop,), name="housekeeping", daemon=True).start()
        worker = JobsWorker(
            queue_names=queue_name.split(","), interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id or leases.worker_id(),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [])
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
