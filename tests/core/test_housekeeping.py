"""Housekeeping (core/housekeeping.py): each job when due, one failing never stops the next, and a restarted
worker keeps the timetable because the last run is in the database."""

from datetime import datetime, timedelta, timezone

import pytest

from triangulate.core import housekeeping
from triangulate.core.models import HousekeepingRun

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def jobs(db, monkeypatch):
    """Only this test's jobs (the apps' real ones are registered at start)."""
    monkeypatch.setattr(housekeeping, "_jobs", {})
    calls = []

    def broken():
        calls.append("broken")
        raise OSError("disk full")

    housekeeping.register("a_broken", broken, every_seconds=60)
    housekeeping.register("b_every_5_minutes", lambda: calls.append("five"), every_seconds=300)
    return calls


def test_a_failing_job_never_stops_the_next(jobs):
    assert housekeeping.run_due(now=T0) == (["b_every_5_minutes"], ["a_broken"])
    assert jobs == ["broken", "five"]
    assert HousekeepingRun.objects.get(name="a_broken").last_error == "OSError"


def test_each_job_runs_when_due_and_not_before(jobs):
    housekeeping.run_due(now=T0)
    assert housekeeping.run_due(now=T0 + timedelta(seconds=59)) == ([], [])
    assert housekeeping.run_due(now=T0 + timedelta(seconds=60)) == ([], ["a_broken"])
    assert housekeeping.run_due(now=T0 + timedelta(seconds=299)) == ([], ["a_broken"])
    # the broken job last ran at 299 s: not due again until 359 s
    assert housekeeping.run_due(now=T0 + timedelta(seconds=300)) == (["b_every_5_minutes"], [])
    assert jobs.count("five") == 2


def test_the_apps_register_their_reminders(db):
    names = {job.name for job in housekeeping.jobs()}
    assert {"retry_failed_emails", "flag_escalation", "audit_overdue", "moderation_overdue",
            "action_overdue"} <= names
