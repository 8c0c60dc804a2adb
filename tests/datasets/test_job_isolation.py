"""An import's child process (isolation.py), its lease (leases.py), recovery, and the cancel and retry buttons.

Jobs run here in the test process (the ImmediateBackend), each parse in a real child process; the misbehaving
jobs of faulty_jobs.py stand in for hostile files. A real worker killed mid-import: test_worker_recovery.py.
"""

import os
import subprocess
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.datasets import isolation, leases, storage
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.people.models import CouncilPopulation

from ..workbooks import REFERRAL_HEADINGS, workbook
from .hostile import make_far_corner

JOBS = "tests.datasets.faulty_jobs."
# the job went through: whether these small extracts are then published or held is plausibility.py's business
IMPORTED = {"succeeded", "held"}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def extract(tmp_path):
    return workbook(tmp_path / "march.xlsx", {"List 3 - Referrals": [
        REFERRAL_HEADINGS, ["1", "North", "Ann", date(2025, 1, 7), "Yes"], ["2", "South", "Bo", date(2025, 3, 3), "No"]]})


def start(world, path, extract_date=date(2025, 3, 31)):
    CouncilPopulation.objects.get_or_create(council=world.own.council, year=2024, defaults={"children_0_17": 20_000})
    upload = start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=path,
                                  original_name=Path(path).name, extract_date=extract_date, run_now=True)
    return upload


def run(world, path, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        upload = start(world, path, **kwargs)
    upload.refresh_from_db()
    return upload


def nothing_left(upload):
    return not storage.partial_folder(upload.pk).exists() and not storage.upload_folder(upload.pk).exists()


def test_a_child_that_aborts_fails_the_import_and_the_worker_goes_on(world, extract, settings,
                                                                    django_capture_on_commit_callbacks):
    published = run(world, extract, django_capture_on_commit_callbacks)
    settings.TRIANGULATE_EXTRACT_JOB = JOBS + "abort"
    upload = run(world, extract, django_capture_on_commit_callbacks, extract_date=date(2025, 4, 30))
    assert upload.status == Upload.Status.FAILED
    assert upload.error == isolation.CRASHED.format(signal="SIGABRT")
    assert nothing_left(upload) and not list(storage.incoming_root().iterdir())
    # this process (the worker here) is alive and imports the next file; the earlier extract is untouched
    settings.TRIANGULATE_EXTRACT_JOB = isolation.DEFAULT_JOB
    assert run(world, extract, django_capture_on_commit_callbacks, extract_date=date(2025, 5, 31)).status in IMPORTED
    assert storage.read_tables(published.pk)[3].num_rows == 2


def test_a_child_over_its_memory_limit_fails_the_import_with_the_limit(world, extract, settings,
                                                                      django_capture_on_commit_callbacks):
    settings.TRIANGULATE_EXTRACT_JOB = JOBS + "allocate"
    settings.TRIANGULATE_IMPORT_MEMORY_MB = 600
    upload = run(world, extract, django_capture_on_commit_callbacks)
    assert (upload.status, upload.error) == ("failed", isolation.MEMORY.format(limit=600))
    assert "600 MB" in upload.error and nothing_left(upload)


def test_a_native_allocation_that_fails_is_reported_as_memory_not_as_a_crash(world, tmp_path, settings,
                                                                            django_capture_on_commit_callbacks):
    settings.TRIANGULATE_EXTRACT_JOB = JOBS + "dense_read"  # the 1.7 KB workbook, read the old way
    upload = run(world, make_far_corner(tmp_path / "far.xlsx"), django_capture_on_commit_callbacks)
    assert (upload.status, upload.error) == ("failed", isolation.MEMORY.format(limit=4096))
    assert nothing_left(upload)


def test_a_child_over_its_processor_time_fails_the_import(world, extract, settings,
                                                         django_capture_on_commit_callbacks):
    settings.TRIANGULATE_EXTRACT_JOB = JOBS + "spin"
    settings.TRIANGULATE_IMPORT_CPU_SECONDS = 3
    upload = run(world, extract, django_capture_on_commit_callbacks)
    assert (upload.status, upload.error) == ("failed", isolation.CPU.format(minutes=0.1))


def test_a_child_over_the_time_limit_is_killed(world, extract, settings, data_dir,
                                               django_capture_on_commit_callbacks):
    settings.TRIANGULATE_EXTRACT_JOB = JOBS + "hang"
    settings.TRIANGULATE_IMPORT_WALL_SECONDS = 8  # the child takes a second or two to start on a busy machine
    upload = run(world, extract, django_capture_on_commit_callbacks)
    assert (upload.status, upload.error) == ("failed", isolation.TOO_LONG.format(minutes=0.1))  # 8 s: 0.1 minutes
    assert not leases.pid_alive(int((data_dir / "hang.pid").read_text()))
    assert nothing_left(upload)


def test_the_reader_s_error_comes_back_from_the_child_in_the_user_s_file_name(world, tmp_path,
                                                                            django_capture_on_commit_callbacks):
    broken = workbook(tmp_path / "my extract.xlsx", {"List 3": [["Child Unique ID", "Allocated Team"], ["1", "N"]]})
    upload = run(world, broken, django_capture_on_commit_callbacks)
    assert upload.status == "failed" and "Date of referral" in upload.error
    assert "upload-" not in upload.error and str(storage.data_root()) not in upload.error


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_running_import_beats_and_stops_within_seconds_when_cancelled(transactional_db, world, extract, settings,
                                                                        data_dir):
    settings.TRIANGULATE_EXTRACT_JOB = JOBS + "hang"
    pid_file = data_dir / "hang.pid"
    qa_lead = world.users[Role.QA_LEAD]
    seen = {}

    def cancel_once_running():
        wait_for(pid_file.exists)
        upload = Upload.objects.get()
        seen["claimed"] = upload.heartbeat_at
        wait_for(lambda: Upload.objects.get().heartbeat_at > seen["claimed"])  # the lease's thread beats
        seen["cancelled"] = leases.cancel(actor=qa_lead, upload=upload).status

    helper = threading.Thread(target=cancel_once_running)
    helper.start()
    # committed at once here, so it runs now, in this thread; it returns only because the cancel stopped the
    # child (the job sleeps for ten minutes)
    upload = start(world, extract)
    helper.join()
    upload.refresh_from_db()
    assert seen["cancelled"] == "running"  # asked to stop ...
    assert (upload.status, upload.stage) == ("cancelled", "Cancelled")  # ... and stopped
    assert not leases.pid_alive(int(pid_file.read_text()))
    assert nothing_left(upload) and not list(storage.incoming_root().iterdir())
    assert AuditEvent.objects.filter(verb="upload.cancel_requested", object_id=str(upload.pk)).exists()
    assert not leases.job_running()


def running_upload(world, heartbeat, pid=None, **fields):
    return Upload.objects.create(council=world.own.council, extract_date=date(2025, 3, 31), original_name="a.xlsx",
                                 status=Upload.Status.RUNNING, heartbeat_at=heartbeat, worker_pid=pid or os.getpid(),
                                 attempts=1, **fields)


def a_dead_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def task_for(upload, worker):
    return DBTaskResult.objects.create(
        status="RUNNING", args_kwargs={"args": [upload.pk, "x"], "kwargs": {}}, task_path=leases.IMPORT_TASK,
        backend_name="default", run_after=timezone.now(), worker_ids=[worker])


def test_recovery_interrupts_jobs_whose_worker_died_and_leaves_live_ones(world):
    now = timezone.now()
    silent = running_upload(world, now - timedelta(minutes=2))
    live = running_upload(world, now)
    dead_pid = a_dead_pid()
    killed = running_upload(world, now, pid=dead_pid)  # its heartbeat is fresh: the worker died a moment ago
    killed_task = task_for(killed, f"jobs:{leases.socket.gethostname()[:40]}:{dead_pid}:abcdefgh")
    elsewhere = running_upload(world, now, pid=dead_pid)  # the same pid on another machine tells us nothing
    task_for(elsewhere, f"jobs:another-host:{dead_pid}:abcdefgh")
    storage.partial_folder(silent.pk).mkdir(parents=True)

    assert sorted(leases.interrupt_dead_jobs()) == sorted([killed.pk, silent.pk])
    states = dict(Upload.objects.values_list("pk", "status"))
    assert (states[silent.pk], states[killed.pk]) == ("interrupted", "interrupted")
    assert (states[live.pk], states[elsewhere.pk]) == ("running", "running")
    assert Upload.objects.get(pk=silent.pk).error == leases.NO_HEARTBEAT.format(seconds=60)
    assert Upload.objects.get(pk=killed.pk).error == leases.WORKER_GONE
    killed_task.refresh_from_db()
    assert killed_task.status == "FAILED" and killed_task.exception_class_path.endswith("WorkerDied")
    assert not storage.partial_folder(silent.pk).exists()
    assert AuditEvent.objects.filter(verb="upload.interrupted").count() == 2


def test_recovery_removes_leftover_folders_and_keeps_what_is_used(world):
    def upload(status):
        return Upload.objects.create(council=world.own.council, extract_date=date(2025, 3, 31), original_name="a",
                                     status=status, heartbeat_at=timezone.now())

    failed, published, held, running = (upload(s) for s in ("failed", "succeeded", "held", "running"))
    folders = [storage.partial_folder(failed.pk), storage.upload_folder(failed.pk), storage.upload_folder(published.pk),
               storage.partial_folder(published.pk), storage.upload_folder(held.pk), storage.partial_folder(running.pk),
               storage.upload_folder(9999), storage.root() / "notes"]
    for folder in folders:
        folder.mkdir(parents=True)
    removed = leases.remove_leftovers()
    assert sorted(removed) == sorted([f"upload-{failed.pk}.partial", f"upload-{failed.pk}",
                                      f"upload-{published.pk}.partial", "upload-9999"])
    assert [f.exists() for f in folders] == [False, False, True, False, True, True, False, True]


def interrupted_upload(world, extract, keep_file=True):
    upload = Upload.objects.create(council=world.own.council, extract_date=date(2025, 3, 31),
                                   original_name="march.xlsx", status=Upload.Status.INTERRUPTED, attempts=1,
                                   error="interrupted", finished_at=timezone.now())
    if keep_file:
        target = storage.incoming_path(upload.pk, ".xlsx")
        target.write_bytes(Path(extract).read_bytes())
        upload.source_path = str(target.relative_to(storage.data_root()))
        upload.save()
    return upload


def test_the_qa_lead_retries_an_interrupted_import(world, client_for, extract, django_capture_on_commit_callbacks):
    CouncilPopulation.objects.create(council=world.own.council, year=2024, children_0_17=20_000)
    upload = interrupted_upload(world, extract)
    client = client_for(world.users[Role.QA_LEAD])
    page = client.get(reverse("datasets:upload_detail", args=[upload.pk])).content.decode()
    assert "Retry the import" in page and 'name="csrfmiddlewaretoken"' in page
    assert "kept for 7 days" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("datasets:upload_retry", args=[upload.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("datasets:upload_detail",
                                                                           args=[upload.pk])
    upload.refresh_from_db()
    assert upload.status in IMPORTED and (upload.attempts, upload.rows_read, upload.error) == (2, 2, "")
    assert AuditEvent.objects.filter(verb="upload.retried", object_id=str(upload.pk)).get().changes == {
        "status": ["interrupted", "queued"], "attempt": 2}


def test_retry_is_refused_when_the_file_is_gone_or_the_import_has_not_stopped(world, client_for, extract):
    client = client_for(world.users[Role.QA_LEAD])
    gone = interrupted_upload(world, extract, keep_file=False)
    page = client.get(reverse("datasets:upload_detail", args=[gone.pk])).content.decode()
    assert "Retry the import" not in page and "no longer kept" in page
    response = client.post(reverse("datasets:upload_retry", args=[gone.pk]), follow=True)
    assert "cannot be retried: upload the file again" in response.content.decode()
    assert Upload.objects.get(pk=gone.pk).status == "interrupted"
    published = Upload.objects.create(council=world.own.council, extract_date=date(2025, 3, 31), original_name="a",
                                      status=Upload.Status.SUCCEEDED)
    response = client.post(reverse("datasets:upload_retry", args=[published.pk]), follow=True)
    assert "Only an interrupted or cancelled import can be retried; this one is imported." in \
        response.content.decode()
    assert not AuditEvent.objects.filter(verb="upload.retried").exists()


def test_cancelling_a_queued_or_interrupted_import_ends_it_and_deletes_the_file(world, client_for, extract,
                                                                              django_capture_on_commit_callbacks):
    client = client_for(world.users[Role.QA_LEAD])
    interrupted = interrupted_upload(world, extract)
    queued = interrupted_upload(world, extract)
    Upload.objects.filter(pk=queued.pk).update(status=Upload.Status.QUEUED, finished_at=None)
    for upload in (queued, interrupted):
        with django_capture_on_commit_callbacks(execute=True):  # the file goes once the cancel is committed
            response = client.post(reverse("datasets:upload_cancel", args=[upload.pk]), follow=True)
        assert "The import was cancelled" in response.content.decode()
        upload.refresh_from_db()
        assert (upload.status, upload.source_path) == ("cancelled", "")
    assert not list(storage.incoming_root().iterdir())
    assert [e.changes for e in AuditEvent.objects.filter(verb="upload.cancelled").order_by("pk")] == [
        {"status": ["queued", "cancelled"]}, {"status": ["interrupted", "cancelled"]}]
    # a job that later picks up the queued one finds it cancelled and does nothing
    from triangulate.datasets.importer import run_import

    assert run_import(queued.pk, str(extract)).status == "cancelled"
    response = client.post(reverse("datasets:upload_cancel", args=[queued.pk]), follow=True)
    assert "This import has already ended (cancelled), so there is nothing to cancel." in response.content.decode()


def test_the_upload_page_shows_a_dead_job_as_interrupted_and_only_the_qa_lead_gets_buttons(world, client_for):
    stuck = running_upload(world, timezone.now() - timedelta(minutes=5))
    auditor_page = client_for(world.users[Role.AUDITOR]).get(reverse("datasets:upload_detail", args=[stuck.pk]))
    page = auditor_page.content.decode()
    assert "Interrupted" in page and "stopped responding for more than 60 seconds" in page
    assert 'http-equiv="refresh"' not in page and "Cancel the import" not in page
    running = running_upload(world, timezone.now())
    qa_page = client_for(world.users[Role.QA_LEAD]).get(reverse("datasets:upload_detail", args=[running.pk]))
    assert "Cancel the import" in qa_page.content.decode()
    assert client_for(world.users[Role.QA_LEAD]).get(reverse("datasets:upload_cancel", args=[running.pk])) \
        .status_code == 405
