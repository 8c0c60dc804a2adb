"""Jobs the job worker runs on a timer (design/audits.md §9.3): escalating unacknowledged safeguarding flags,
reminding of overdue audits and actions, retrying failed emails.

Apps register in their AppConfig.ready: `housekeeping.register("flag_escalation", fn, every_seconds=300)`.
The worker calls `run_due()` every minute. Each job runs in its own try block, so one failing never stops the
next, and its last run is kept in the database (HousekeepingRun), so a restarted worker keeps the timetable
and two workers do not both run a job that is due: the run is claimed by a conditional update first.

The worker also beats (`beat_worker`, from its own thread every WORKER_HEARTBEAT_SECONDS) into a HousekeepingRun
row that no job registers, so `/health/?worker=1` can tell whether a worker is running with one indexed read and
no new table. The beat says the process is alive, not that it is idle: an import can take many minutes."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from django.db import close_old_connections
from django.utils import timezone

from .models import HousekeepingRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    fn: Callable
    every_seconds: int


_jobs = {}

WORKER_HEARTBEAT = "jobs worker"  # the worker's own row; a job of that name would move it (register refuses)
WORKER_HEARTBEAT_SECONDS = 30
WORKER_FRESH_SECONDS = 120  # four beats: a busy database can delay one or two, not four


def register(name, fn, every_seconds):
    if name == WORKER_HEARTBEAT:
        raise ValueError(f"{name!r} is the job worker's heartbeat, not a job's name")
    _jobs[name] = Job(name, fn, every_seconds)


def beat_worker(now=None):
    """Record that a job worker is alive now (jobs_worker's heartbeat thread)."""
    HousekeepingRun.objects.update_or_create(name=WORKER_HEARTBEAT, defaults={"last_run_at": now or timezone.now()})


def worker_alive(now=None):
    """Whether any job worker has beaten in the last WORKER_FRESH_SECONDS (with several, any one will do)."""
    cutoff = (now or timezone.now()) - timedelta(seconds=WORKER_FRESH_SECONDS)
    return HousekeepingRun.objects.filter(name=WORKER_HEARTBEAT, last_run_at__gte=cutoff).exists()


def jobs():
    return sorted(_jobs.values(), key=lambda job: job.name)


def _claim(job, now):
    """Whether this worker should run `job` now: claims it by moving its last run forward, only if it was due."""
    due_before = now - timedelta(seconds=job.every_seconds)
    run, created = HousekeepingRun.objects.get_or_create(name=job.name, defaults={"last_run_at": now})
    if created:
        return True
    return bool(HousekeepingRun.objects.filter(pk=run.pk, last_run_at__lte=due_before).update(last_run_at=now))


def run_due(now=None):
    """Run every registered job that is due. Returns the names of the jobs that ran and failed."""
    now = now or timezone.now()
    ran, failed = [], []
    for job in jobs():
        try:
            if not _claim(job, now):
                continue
            job.fn()
            ran.append(job.name)
            HousekeepingRun.objects.filter(name=job.name).update(last_error="")
        except Exception as error:  # the next job still runs; this one runs again when due
            log.warning("housekeeping job %s failed (%s)", job.name, type(error).__name__)
            failed.append(job.name)
            try:
                HousekeepingRun.objects.filter(name=job.name).update(last_error=type(error).__name__[:200])
            except Exception:  # a broken database connection: the next minute tries again
                close_old_connections()
    return ran, failed
