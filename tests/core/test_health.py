"""The health check (`core:health`, docs/deployment.md "Health check"): 200 "ok" with the database answering,
503 "unavailable" without it, and with `?worker=1` also a fresh job worker heartbeat. Public, cheap, and
silent about why: no detail an outsider could use, no session made.

The broken database is real: a subprocess with production settings pointed at a PostgreSQL port where nothing
listens. The live worker is real too: `manage.py jobs_worker` on a database file of its own."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from triangulate.core import housekeeping
from triangulate.core.models import HousekeepingRun

REPO = Path(__file__).resolve().parents[2]
HEALTH = "/health/"


def test_the_database_answering_gives_200_ok(db):
    response = Client().get(reverse("core:health"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_production_redirects_plain_http_except_the_health_check(tmp_path):
    env = _production_env(tmp_path, "postgres://u@127.0.0.1:1/none")
    show = ("import django; django.setup(); from django.test import Client; "
            "print(Client().get('/sign-in/', HTTP_HOST='triangulate.example.gov.uk').status_code)")
    result = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "301", result.stderr


def test_a_load_balancer_may_probe_with_head(db):
    assert Client().head(reverse("core:health")).status_code == 200
    assert Client().post(reverse("core:health")).status_code == 405


def test_an_anonymous_probe_makes_no_session_and_sets_no_cookie(db):
    client = Client()
    for _ in range(3):
        response = client.get(reverse("core:health"))
        assert response.status_code == 200
        assert not response.cookies
    assert Session.objects.count() == 0


def test_with_worker_1_no_heartbeat_is_503_unavailable(db):
    response = Client().get(reverse("core:health"), {"worker": "1"})
    assert response.status_code == 503
    assert response.content == b"unavailable"


def test_with_worker_1_a_fresh_heartbeat_is_200_and_a_stale_one_503(db):
    housekeeping.beat_worker()
    assert Client().get(reverse("core:health"), {"worker": "1"}).status_code == 200
    # the last beat just over two minutes ago: four beats missed
    HousekeepingRun.objects.filter(name=housekeeping.WORKER_HEARTBEAT).update(
        last_run_at=timezone.now() - timedelta(seconds=housekeeping.WORKER_FRESH_SECONDS + 1))
    response = Client().get(reverse("core:health"), {"worker": "1"})
    assert (response.status_code, response.content) == (503, b"unavailable")
    # without ?worker=1 a stopped worker does not take the pages out of the load balancer
    assert Client().get(reverse("core:health")).status_code == 200


def test_no_job_may_take_the_heartbeats_name():
    with pytest.raises(ValueError):
        housekeeping.register(housekeeping.WORKER_HEARTBEAT, lambda: None, every_seconds=60)


PROBE = """
import sys
import django
django.setup()
from django.test import Client
query, secure = sys.argv[1], sys.argv[2:] != ["plain"]
response = Client().get("/health/" + query, secure=secure, HTTP_HOST="triangulate.example.gov.uk")
print(response.status_code, response.content.decode(), sorted(response.cookies))
"""


def _production_env(tmp_path, database_url):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, "DJANGO_SETTINGS_MODULE": "triangulate.config.settings.production",
            "TRIANGULATE_SECRET_KEY": "k3y-" + "x7Qz9" * 12, "DATABASE_URL": database_url,
            "TRIANGULATE_ALLOWED_HOSTS": "triangulate.example.gov.uk", "TRIANGULATE_DATA_DIR": str(tmp_path),
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p)}


@pytest.mark.parametrize("query, scheme", [("", "https"), ("?worker=1", "https"), ("", "plain")])
def test_an_unreachable_database_gives_503_unavailable_and_no_detail(tmp_path, query, scheme):
    """With production settings; over plain HTTP too, as a load balancer probes the server itself (production
    redirects every other plain HTTP request to HTTPS)."""
    # port 1 on this machine: nothing listens, so the connection is refused at once
    env = _production_env(tmp_path, "postgres://triangulate:s3cret@127.0.0.1:1/triangulate")
    result = subprocess.run([sys.executable, "-c", PROBE, query, scheme], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "503 unavailable []"
    # the log says what failed, for IT, without the database's address or password
    assert "the database did not answer (OperationalError)" in result.stderr
    assert "s3cret" not in result.stderr and "127.0.0.1" not in result.stderr


def test_a_running_jobs_worker_makes_worker_1_healthy(tmp_path):
    """A real `manage.py jobs_worker` beats at start; the health check of the same database sees it."""
    # the test settings run jobs at once, in the request: a worker needs the database backend
    (tmp_path / "worker_settings.py").write_text(
        "from triangulate.config.settings.test import *  # noqa: F403\n"
        'TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}\n')
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_SETTINGS_MODULE="worker_settings", TRIANGULATE_DATA_DIR=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
               PYTHONPATH=os.pathsep.join(p for p in (str(tmp_path), str(REPO / "src"), env.get("PYTHONPATH")) if p))
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], cwd=REPO,
                             env=env, capture_output=True, text=True, timeout=300)
    assert migrate.returncode == 0, migrate.stderr
    probe = PROBE.replace(', HTTP_HOST="triangulate.example.gov.uk"', "")

    def health(query):
        return subprocess.run([sys.executable, "-c", probe, query], env=env, capture_output=True, text=True,
                              timeout=120).stdout.strip()

    assert health("?worker=1") == "503 unavailable []"
    with open(tmp_path / "worker.log", "wb") as log:
        worker = subprocess.Popen([sys.executable, "manage.py", "jobs_worker", "--no-startup-delay"], cwd=REPO,
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while (answer := health("?worker=1")) != "200 ok []":
                assert worker.poll() is None, (tmp_path / "worker.log").read_text()
                assert time.monotonic() < deadline, answer
                time.sleep(0.5)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert worker.returncode == 0
