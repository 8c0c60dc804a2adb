"""A real job worker (`manage.py jobs_worker`, django-tasks-db) killed mid-import, and `manage.py import_annex_a`
stopped by Ctrl-C and SIGTERM: the upload ends INTERRUPTED with a reason, nothing half-written is left, the
import can be retried, and the next job still runs.

Everything runs in separate processes against a database file made for this module (the test database lives
inside the test process, where another process cannot reach it). Small driver commands do the writes (start,
retry); the test reads the database file directly to watch a job's status.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from triangulate.datasets import isolation, leases
from triangulate.datasets.importer import INTERRUPTED

from .faulty_jobs import ABORT_DATE

REPO = Path(__file__).resolve().parents[2]
IMPORTED = {"succeeded", "held"}  # the job went through (published or held is plausibility.py's business)

SETTINGS = """
from triangulate.config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TRIANGULATE_EXTRACT_JOB = "tests.datasets.faulty_jobs.abort_on_date"
"""

DRIVER = """
import json, sys
from datetime import date
from pathlib import Path

import django

django.setup()
from django.contrib.auth import get_user_model
from triangulate.core.roles import Role
from triangulate.datasets import leases
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.people.models import Council, CouncilPopulation
from tests.factories import make_user

command, *args = sys.argv[1:]
if command == "setup":
    council = Council.objects.create(name="Testshire Council", la_code="999", region="north_east")
    CouncilPopulation.objects.create(council=council, year=2024, children_0_17=20_000)
    make_user(Role.QA_LEAD, username="qa")
    sys.exit(0)
qa = get_user_model().objects.get(username="qa")
if command == "start":
    upload = start_annex_a_import(actor=qa, council=Council.objects.get(), source=args[0],
                                  original_name=Path(args[0]).name, extract_date=date.fromisoformat(args[1]))
    print(upload.pk)
elif command == "retry":
    leases.retry(actor=qa, upload=Upload.objects.get(pk=int(args[0])))
"""


class Site:
    """The module's database file, data folder and extract, and the commands that act on them."""

    def __init__(self, folder):
        self.folder, self.data = folder, folder / "data"
        (folder / "worker_settings.py").write_text(SETTINGS)
        (folder / "driver.py").write_text(DRIVER)
        self.database = folder / "site.sqlite3"
        self.env = dict(os.environ, DJANGO_SETTINGS_MODULE="worker_settings", TRIANGULATE_DATA_DIR=str(self.data),
                        DATABASE_URL=f"sqlite:///{self.database}",
                        PYTHONPATH=os.pathsep.join([str(folder), str(REPO)]))
        self.processes = []

    def run(self, *args):
        done = subprocess.run([sys.executable, *args], cwd=REPO, env=self.env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def start(self, path, extract_date):
        return int(self.run(str(self.folder / "driver.py"), "start", str(path), extract_date.isoformat()))

    def spawn(self, *args):
        log = open(self.folder / f"process-{len(self.processes)}.log", "wb")  # noqa: SIM115 (closed at the end)
        process = subprocess.Popen([sys.executable, "manage.py", *args], cwd=REPO, env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT)
        self.processes.append((process, log))
        return process

    def worker(self):
        return self.spawn("jobs_worker", "--interval", "0.2", "--no-startup-delay")

    def query(self, sql, *params):
        with closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as connection:
            return connection.execute(sql, params).fetchone()

    def upload(self, pk):
        row = self.query("select status, error, source_path, attempts from datasets_upload where id = ?", pk)
        return dict(zip(["status", "error", "source_path", "attempts"], row, strict=True))

    def upload_dated(self, extract_date):
        row = self.query("select id from datasets_upload where extract_date = ?", extract_date)
        return row[0] if row else None

    def wait_for(self, pk, status, seconds=60):
        """Wait until the upload's status is `status` (or one of them); its row."""
        wanted = {status} if isinstance(status, str) else status
        deadline = time.monotonic() + seconds
        while (seen := self.upload(pk))["status"] not in wanted:
            assert time.monotonic() < deadline, f"upload {pk} is {seen}, not {status}"
            time.sleep(0.05)
        return seen

    def folders(self, pk):
        return sorted(p.name for p in (self.data / "annex_a").glob(f"upload-{pk}*"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("worker"))
    site.run("manage.py", "migrate", "--noinput", "--verbosity", "0")
    site.run(str(site.folder / "driver.py"), "setup")
    site.extract = site.folder / "extract.xlsx"
    # biggish (20,000 children, about 25,000 rows): its child process reads for a second or two
    subprocess.run([str(Path(sys.executable).parent / "triangulate"), "synth", "--out", str(site.extract),
                    "--children", "20000", "--seed", "7", "--extract-date", "2025-03-31"], check=True,
                   capture_output=True, env=site.env)
    yield site
    for process, log in site.processes:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


def children_of(pid):
    """The pids of a process's children (from /proc: each process's parent is the 4th field of its stat)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_until_parsing(site, pk, parent):
    """Wait for the import to run and its child process to be reading the file; the child's pid."""
    site.wait_for(pk, "running")
    deadline = time.monotonic() + 30
    while not (child := children_of(parent.pid)):
        assert time.monotonic() < deadline, "no child process"
        time.sleep(0.02)
    return child[0]


def wait_gone(pid, seconds=10):
    deadline = time.monotonic() + seconds
    while leases.pid_alive(pid):
        assert time.monotonic() < deadline, f"process {pid} is still alive"
        time.sleep(0.05)


def eventually(check, seconds=30):
    """True once `check()` is: a job commits its status first and tidies its files just after, so a test
    that sees the status may look at the files a moment too early."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_worker_killed_mid_import_is_found_by_the_next_one_and_the_import_can_be_retried(site):
    first = site.worker()
    killed = site.start(site.extract, date(2025, 3, 31))
    child = wait_until_parsing(site, killed, first)
    assert site.folders(killed) == [f"upload-{killed}.partial"]
    first.send_signal(signal.SIGKILL)
    first.wait()
    wait_gone(child)  # the child dies with its worker: no orphan goes on reading the file
    assert site.upload(killed)["status"] == "running"  # nothing has noticed yet
    (site.data / "annex_a" / "upload-9999").mkdir()  # a complete folder of no upload: a leftover

    second = site.worker()
    found = site.wait_for(killed, "interrupted", seconds=30)  # at the new worker's start: the pid has gone
    assert found["error"] == leases.WORKER_GONE
    # recovery removes leftovers just after committing the interruption: give it a moment to get there
    leftover = site.data / "annex_a" / "upload-9999"
    assert eventually(lambda: site.folders(killed) == [] and not leftover.exists())
    assert (site.data / found["source_path"]).is_file()  # kept for the retry
    assert site.query("select status, exception_class_path from django_tasks_database_dbtaskresult order by enqueued_at") \
        == ("FAILED", "triangulate.datasets.leases.WorkerDied")  # the dead worker's task, recorded as such

    site.run(str(site.folder / "driver.py"), "retry", str(killed))
    site.wait_for(killed, IMPORTED)
    # the job deletes its copy of the file just after committing the status: wait for the job to end
    assert eventually(lambda: site.upload(killed)["source_path"] == "")
    assert site.upload(killed)["attempts"] == 2
    assert site.folders(killed) == [f"upload-{killed}"]

    # a file that makes the reader abort fails its import; the same worker runs the next one
    aborted = site.start(site.extract, ABORT_DATE)
    assert site.wait_for(aborted, "failed")["error"] == isolation.CRASHED.format(signal="SIGABRT")
    assert eventually(lambda: site.folders(aborted) == [])  # removed just after the status is committed
    assert second.poll() is None
    following = site.start(site.extract, date(2025, 4, 30))
    site.wait_for(following, IMPORTED)

    # SIGTERM (a service stop) mid-import: the import is interrupted there and then, the worker exits
    stopped = site.start(site.extract, date(2025, 5, 31))
    child = wait_until_parsing(site, stopped, second)
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=30) == 0
    wait_gone(child)
    interrupted = site.upload(stopped)
    assert (interrupted["status"], interrupted["error"]) == ("interrupted", INTERRUPTED)
    assert site.folders(stopped) == [] and (site.data / interrupted["source_path"]).is_file()


@pytest.mark.parametrize(("stop", "extract_date"), [(signal.SIGINT, "2025-06-30"), (signal.SIGTERM, "2025-07-31")],
                         ids=["ctrl-c", "sigterm"])
def test_stopping_the_import_command_leaves_the_upload_interrupted_and_nothing_half_written(site, stop,
                                                                                           extract_date):
    command = site.spawn("import_annex_a", str(site.extract), "--extract-date", extract_date)
    deadline = time.monotonic() + 60
    while not (pk := site.upload_dated(extract_date)):
        assert time.monotonic() < deadline, "the command did not start an import"
        time.sleep(0.05)
    child = wait_until_parsing(site, pk, command)
    command.send_signal(stop)
    assert command.wait(timeout=30) != 0
    wait_gone(child)
    upload = site.upload(pk)
    assert (upload["status"], upload["error"]) == ("interrupted", INTERRUPTED)
    assert site.folders(pk) == [] and (site.data / upload["source_path"]).is_file()
