"""Child-level data at rest: private folders and files, and nothing kept longer than the retention settings
allow (issue 7, item 4). Real files, real processes; times are passed in, never waited for."""

import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest
from django.utils import timezone

from triangulate.core.authority import System
from triangulate.datasets import storage
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import

from ..factories import CouncilFactory
from ..workbooks import REFERRAL_HEADINGS, workbook

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)  # UTC: day arithmetic across a clock change stays 24-hour days
S = Upload.Status


def mode(path):
    return stat.S_IMODE(Path(path).lstat().st_mode)


def modes_under(folder):
    """{path relative to folder: mode} for the folder and everything in it."""
    found = {".": mode(folder)}
    for path in Path(folder).rglob("*"):
        found[str(path.relative_to(folder))] = mode(path)
    return found


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def loose_umask():
    """A process umask that lets others read (the usual 022): the chmods must not depend on the umask."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


# permissions

def test_storage_makes_every_folder_0700_and_every_file_0600(data_dir, loose_umask):
    storage.write_tables(1, {3: pa.table({"child_id": ["1", "2"]})})
    storage.incoming_root()
    assert modes_under(data_dir) == {".": 0o700, "annex_a": 0o700, "annex_a/upload-1": 0o700,
                                     "annex_a/upload-1/list_3.parquet": 0o600, "incoming": 0o700}


def test_a_folder_written_loosely_by_the_job_is_made_private_when_promoted(data_dir, loose_umask):
    partial = storage.partial_folder(2)
    (partial / "nested").mkdir(parents=True)  # 0755 under the loose umask, as a careless writer leaves it
    (partial / "list_1.parquet").write_bytes(b"x")
    (partial / "nested" / "more").write_bytes(b"y")
    assert mode(partial / "list_1.parquet") == 0o644
    storage.promote(2)
    assert modes_under(storage.upload_folder(2)) == {".": 0o700, "list_1.parquet": 0o600, "nested": 0o700,
                                                     "nested/more": 0o600}


def _run(code, data, settings_module="triangulate.config.settings.local"):
    """Python in a new process started as the service starts (umask 022 inherited from its shell)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"TRIANGULATE_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": settings_module})
    env.pop("DATABASE_URL", None)
    return subprocess.run(["sh", "-c", 'umask 022 && exec "$0" "$@"', sys.executable, *code], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_service_process_keeps_the_data_folder_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)  # an installation from before this rule: folder 0755, database 0644
    data.chmod(0o755)
    (data / "triangulate.sqlite3").touch(mode=0o644)
    (data / "triangulate.sqlite3").chmod(0o644)
    script = ("from django.db import connection; connection.cursor().execute('create table t (x)'); "
              "from triangulate.datasets import storage; storage.incoming_path(1, '.xlsx').write_bytes(b'x'); "
              "storage.partial_folder(1).mkdir(); import os; print(oct(os.umask(0)))")
    result = _run(["manage.py", "shell", "-c", script], data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0o77"
    found = modes_under(data)
    assert found["."] == 0o700 and found["triangulate.sqlite3"] == 0o600 and found["secret_key"] == 0o600
    assert found["incoming/upload-1.xlsx"] == 0o600  # written plainly: the umask made it private
    assert found["annex_a/upload-1.partial"] == 0o700
    assert {path: m for path, m in found.items() if m & 0o077} == {}  # nothing readable by others


def test_the_web_server_entry_point_sets_the_private_umask(tmp_path):
    script = "import os, triangulate.config.wsgi; print(oct(os.umask(0)))"
    result = _run(["-c", script], tmp_path / "data")
    assert (result.returncode, result.stdout.strip()) == (0, "0o77"), result.stderr


# retention of uploaded files

def _upload(council, status, finished=None, uploaded=None, name=".xlsx"):
    upload = Upload.objects.create(council=council, extract_date=date(2026, 3, 1), original_name="march.xlsx",
                                   status=status, finished_at=finished)
    path = storage.incoming_path(upload.pk, name)
    if name:
        path.write_bytes(b"child-level data")
    else:  # a folder of CSVs
        path.mkdir()
        (path / "list_1.csv").write_text("child-level data")
    Upload.objects.filter(pk=upload.pk).update(source_path=str(path.relative_to(storage.data_root())),
                                               uploaded_at=uploaded or NOW - timedelta(days=30))
    return upload.pk


def _stray(name, age):
    path = storage.incoming_root() / name
    path.write_bytes(b"?")
    stamp = (NOW - age).timestamp()
    os.utime(path, (stamp, stamp))


def _sources():
    return dict(Upload.objects.values_list("pk", "source_path"))


@pytest.fixture
def council(db):
    return CouncilFactory()


def test_the_sweep_keeps_only_what_the_rules_allow_with_the_default_of_no_days(council, data_dir, settings):
    assert settings.TRIANGULATE_KEEP_UPLOADS_DAYS == 0
    day = timedelta(days=1)
    ids = {
        "imported": _upload(council, S.SUCCEEDED, NOW - day),
        "held": _upload(council, S.HELD, NOW - day),
        "failed": _upload(council, S.FAILED, NOW),
        "cancelled csv": _upload(council, S.CANCELLED, NOW, name=""),
        "interrupted 2 days ago": _upload(council, S.INTERRUPTED, NOW - 2 * day),
        "interrupted 7 days ago": _upload(council, S.INTERRUPTED, NOW - 7 * day),
        "queued": _upload(council, S.QUEUED),
        "running": _upload(council, S.RUNNING),
    }
    _stray("upload-999.xlsx", timedelta(hours=2))  # no such upload: left over from a failed copy
    _stray("upload-998.xlsx", timedelta(minutes=5))  # may be mid-copy: its row is not committed yet
    deleted = storage.sweep_incoming(NOW)
    gone = ["imported", "held", "failed", "cancelled csv", "interrupted 7 days ago"]
    assert sorted(deleted) == sorted([f"upload-{ids[k]}{'' if k == 'cancelled csv' else '.xlsx'}" for k in gone]
                                     + ["upload-999.xlsx"])
    left = {path.name for path in storage.incoming_root().iterdir()}
    kept = ["interrupted 2 days ago", "queued", "running"]
    assert left == {f"upload-{ids[k]}.xlsx" for k in kept} | {"upload-998.xlsx"}
    sources = _sources()
    assert [k for k in ids if sources[ids[k]] == ""] == gone
    assert sources[ids["queued"]] == f"incoming/upload-{ids['queued']}.xlsx"


def test_imported_files_are_kept_for_the_set_number_of_days(council, data_dir, settings):
    settings.TRIANGULATE_KEEP_UPLOADS_DAYS = 7
    day = timedelta(days=1)
    recent, due, held, failed = (_upload(council, S.SUCCEEDED, NOW - 6 * day), _upload(council, S.SUCCEEDED, NOW - 7 * day),
                                 _upload(council, S.HELD, NOW - 3 * day), _upload(council, S.FAILED, NOW))
    assert storage.sweep_incoming(NOW) == sorted([f"upload-{due}.xlsx", f"upload-{failed}.xlsx"])
    assert {p.name for p in storage.incoming_root().iterdir()} == {f"upload-{recent}.xlsx", f"upload-{held}.xlsx"}
    assert storage.sweep_incoming(NOW + day) == [f"upload-{recent}.xlsx"]  # its 7 days are up


def test_when_an_import_ends_its_file_goes_unless_the_rules_keep_it(council, data_dir, settings):
    now = timezone.now()
    failed, imported, interrupted = (_upload(council, S.FAILED, now), _upload(council, S.SUCCEEDED, now),
                                     _upload(council, S.INTERRUPTED, now))
    assert storage.retire_incoming(failed) is True
    assert storage.retire_incoming(interrupted) is False  # kept so the QA lead can retry it
    settings.TRIANGULATE_KEEP_UPLOADS_DAYS = 3
    assert storage.retire_incoming(imported) is False
    settings.TRIANGULATE_KEEP_UPLOADS_DAYS = 0
    assert storage.retire_incoming(imported) is True
    assert {p.name for p in storage.incoming_root().iterdir()} == {f"upload-{interrupted}.xlsx"}
    assert _sources() == {failed: "", imported: "", interrupted: f"incoming/upload-{interrupted}.xlsx"}


def _import(council, path, extract_date=date(2025, 3, 31)):
    return start_annex_a_import(actor=System.COMMAND_LINE, council=council, source=path, original_name=path.name,
                                extract_date=extract_date, run_now=True)


def test_a_real_import_deletes_its_copy_at_once_or_after_the_set_days(council, data_dir, settings, tmp_path,
                                                                        django_capture_on_commit_callbacks):
    good = workbook(tmp_path / "march.xlsx", {"List 3 - Referrals": [
        REFERRAL_HEADINGS, ["1", "North", "Ann", date(2025, 1, 7), "Yes"]]})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with django_capture_on_commit_callbacks(execute=True):
        first, failed = _import(council, good), _import(council, broken)
    assert [Upload.objects.get(pk=u.pk).status for u in (first, failed)] == [S.SUCCEEDED, S.FAILED]
    assert list(storage.incoming_root().iterdir()) == []  # the default: no copy kept, failed or not
    settings.TRIANGULATE_KEEP_UPLOADS_DAYS = 2
    with django_capture_on_commit_callbacks(execute=True):
        second = _import(council, good, date(2025, 4, 30))
    second.refresh_from_db()
    assert (second.status, second.source_path) == (S.SUCCEEDED, f"incoming/upload-{second.pk}.xlsx")
    assert mode(data_dir / second.source_path) == 0o600
    assert storage.sweep_incoming(second.finished_at + timedelta(days=2)) == [f"upload-{second.pk}.xlsx"]


# retention of imported extracts' tables

def _published(council, extract_date, status=S.SUCCEEDED):
    upload = Upload.objects.create(council=council, extract_date=extract_date, original_name="x.xlsx",
                                   status=status, finished_at=NOW)
    storage.write_tables(upload.pk, {1: pa.table({"child_id": ["1"]})})
    return upload.pk


def test_old_extracts_tables_go_after_the_set_months_but_never_the_latest_published(council, data_dir, settings):
    assert settings.TRIANGULATE_KEEP_EXTRACT_MONTHS == 13
    # today is 31 March 2026: 13 months back is 28 February 2025 (February's last day)
    older = _published(council, date(2025, 2, 27))
    edge = _published(council, date(2025, 2, 28))
    recent = _published(council, date(2025, 12, 31))
    held = _published(council, date(2024, 1, 31), status=S.HELD)  # waiting for review: not touched
    assert storage.sweep_extracts(NOW) == [older]
    assert [storage.upload_folder(pk).exists() for pk in (older, edge, recent, held)] == [False, True, True, True]
    settings.TRIANGULATE_KEEP_EXTRACT_MONTHS = 0
    assert storage.sweep_extracts(NOW) == [edge]  # the latest published keeps its tables, however old
    assert storage.read_tables(recent)[1].num_rows == 1
    other_council = CouncilFactory(la_code="998", name="Otherton")
    theirs = _published(other_council, date(2020, 1, 31))
    assert storage.sweep_extracts(NOW) == [] and storage.upload_folder(theirs).exists()  # each council's latest
    assert Upload.objects.filter(pk__in=[older, edge], status=S.SUCCEEDED).count() == 2  # figures stay


def test_months_before_counts_calendar_months():
    assert storage.months_before(date(2026, 3, 31), 13) == date(2025, 2, 28)
    assert storage.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert storage.months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert storage.months_before(date(2026, 1, 15), 0) == date(2026, 1, 15)
    assert storage.months_before(date(2026, 1, 15), 25) == date(2023, 12, 15)
