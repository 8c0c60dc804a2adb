"""manage.py backup and restore (docs/design/estate.md §3): a round trip on the database the suite runs on (SQLite,
then PostgreSQL in scripts/test.sh) serves the same pages from a different, empty database and data folder, and a
damaged or hostile archive, or a database already in use, is refused before anything is changed."""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from triangulate.core.backup import manifest
from triangulate.core.roles import Role
from triangulate.datasets import storage
from triangulate.performance.history import latest_upload

from ..conftest import build_world
from ..kpis.helpers import table
from ..kpis.timescale_rows import LISTS
from ..performance.test_children_list import rows_of
from ..permissions.test_matrix import KpiRef, build_records, url_for
from .backup_pages import render

REPO = Path(__file__).resolve().parents[2]
VISITS = "cp_visits_in_timescale_pct"
# (url name, the matrix's record it is about): a home page, a team's pages, a KPI's page and the children behind a
# measure (read from the stored extract's Parquet files), audit pages, an action, the audit trail and an upload
PAGES = [("core:home", None), ("people:team_detail", "team"), ("performance:team", "team"),
         ("performance:dashboard", None), ("performance:kpi_detail", "kpi"), ("performance:kpi_children", "visits"),
         ("audits:audit_detail", "audit"), ("audits:round_report", "round"), ("audits:report", None),
         ("improvement:action_detail", "action"), ("core:audit_event_list", None),
         ("datasets:upload_detail", "upload"), ("workforce:caseload_team", "team")]


def child_env(database_url, data_dir):
    return dict(os.environ, DJANGO_SETTINGS_MODULE="triangulate.config.settings.test", DATABASE_URL=database_url,
                TRIANGULATE_DATA_DIR=str(data_dir), PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]))


def run(arguments, env):
    return subprocess.run([sys.executable, *arguments], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=300)


def pg_url(name):
    s = connection.settings_dict
    password = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    return f"postgres://{quote(s['USER'] or '', safe='')}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database of the suite's kind: an SQLite file, or a database made with CREATE DATABASE
    on the same PostgreSQL server (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg_url(name)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build_everything(data_dir, settings):
    """The permission matrix's records (every app's), a stored extract's Parquet tables and an upload's copy."""
    settings.DATA_DIR = data_dir
    world = build_world()
    records = build_records(world)
    world.own.case_system_name, world.other.case_system_name = "North", "South"
    world.own.save()
    world.other.save()
    upload = latest_upload()  # the one the pages read (the matrix's records hold more than one)
    records["own"]["stored_upload"] = upload
    storage.write_tables(upload.pk, {number: table(number, rows) for number, rows in LISTS.items()})
    storage.incoming_path(upload.pk, ".xlsx").write_bytes(b"PK\x03\x04 the upload's copy, kept for retrying")
    records["own"]["visits"] = KpiRef(VISITS)
    return world, records


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_serves_the_same_pages_from_an_empty_database(tmp_path, settings, empty_database):
    world, records = build_everything(tmp_path / "data", settings)
    archive = tmp_path / "backups" / "triangulate.tar"
    archive.parent.mkdir()
    call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in archive.parent.iterdir()] == ["triangulate.tar"]  # no temporary left beside it
    with tarfile.open(archive) as tar:
        contents = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert contents["vendor"] == connection.vendor and contents["format"] == manifest.FORMAT
    assert "core.0001_initial" in contents["migrations"]
    stored = {name for name in names if name.startswith("files/")}
    upload = records["own"]["stored_upload"].pk
    assert {f"files/annex_a/upload-{upload}/list_{n}.parquet" for n in LISTS} | {
        f"files/incoming/upload-{upload}.xlsx"} <= stored
    assert not any("cache/" in name or name.endswith(("sqlite3-wal", "secret_key")) for name in names)

    username = world.users[Role.QA_LEAD].username
    urls = [url_for(name, records["own"][kind] if kind else None) for name, kind in PAGES]
    original = render(username, urls)
    assert {url: page[0] for url, page in original.items()} == dict.fromkeys(urls, 200)
    children = original[url_for("performance:kpi_children", records["own"]["visits"])][1]
    assert '<tbody class="govuk-table__body">' in children, re.sub(r"<[^>]+>|\s+", " ", children)[-3000:]
    assert len(rows_of(children)) >= 3  # the page reads the stored Parquet files: the files matter to it

    restored_data = tmp_path / "restored-data"
    env = child_env(empty_database, restored_data)
    result = run(["-m", "django", "restore", str(archive)], env)
    assert result.returncode == 0, result.stderr
    assert "Restored the backup" in result.stdout
    result = run(["-m", "tests.core.backup_pages", username, *urls], env)
    assert result.returncode == 0, result.stderr
    restored = json.loads(result.stdout)
    for url in urls:
        assert restored[url] == original[url], url
    for name in stored:
        relative = name.removeprefix("files/")
        assert (restored_data / relative).read_bytes() == (tmp_path / "data" / relative).read_bytes()
        assert (restored_data / relative).stat().st_mode & 0o777 == 0o600


# ---- refusals: nothing is changed ------------------------------------------------------------------------------

@pytest.fixture
def small_backup(transactional_db, world, tmp_path, settings):
    """A backup of the world and a stored extract; the data folder is tmp_path/data. Transactional: a backup copies
    what is committed, and refuses to run inside a transaction (test_backup_refuses_to_run_in_a_transaction)."""
    settings.DATA_DIR = tmp_path / "data"
    storage.write_tables(1, {4: table(4, LISTS[4])})
    archive = tmp_path / "small.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    return archive


def rewritten(archive, target, manifest_change=None, member_change=None, extra=(), forge=False):
    """A copy of archive with its manifest or a member's bytes changed (with forge, its checksum and size in the
    manifest too), or extra members (TarInfo, bytes) added (listed in the manifest with their true checksum, as a
    forger would)."""
    with tarfile.open(archive) as source:
        members = {member.name: source.extractfile(member).read() for member in source.getmembers()}
    contents = json.loads(members.pop("manifest.json"))
    with tarfile.open(target, "w") as tar:
        for name, data in list(members.items()):
            data = member_change(name, data) if member_change else data
            if forge:
                contents["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info, data in extra:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
            contents["members"][info.name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        if manifest_change:
            manifest_change(contents)
        raw = json.dumps(contents).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(raw)
        tar.addfile(info, io.BytesIO(raw))
    return target


def snapshot(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(Path(folder).rglob("*"))
            if path.is_file()}


def refused(archive, *arguments):
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(archive), *arguments, stdout=io.StringIO())
    return str(refusal.value)


def flip_last_byte(name, data):
    return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("database/") else data


def test_a_damaged_archive_is_refused_by_its_checksum_and_nothing_is_changed(world, small_backup, tmp_path):
    before, users = snapshot(tmp_path / "data"), sorted(world.users[role].username for role in Role)
    damaged = rewritten(small_backup, tmp_path / "damaged.tar", member_change=flip_last_byte)
    message = refused(damaged, "--replace")
    assert "does not match its checksum" in message and "database/" in message
    assert snapshot(tmp_path / "data") == before  # the scratch folder is gone too
    assert sorted(u.username for u in type(world.users[Role.QA_LEAD]).objects.filter(
        username__in=users)) == users


def test_a_database_with_tables_is_refused_without_replace(world, small_backup, tmp_path):
    before = snapshot(tmp_path / "data")
    message = refused(small_backup)
    assert "already has" in message and "tables" in message and "--replace" in message
    assert snapshot(tmp_path / "data") == before


@pytest.mark.parametrize("member", ["files/../../escaped.txt", "/tmp/escaped-absolute.txt", "elsewhere/x.txt",
                                    "files/link", "files/device"])
def test_a_hostile_member_is_refused_before_anything_is_written(world, small_backup, tmp_path, member):
    info = tarfile.TarInfo(member)
    data = b"written where it should not be"
    if member == "files/link":
        info.type, info.linkname, data = tarfile.SYMTYPE, "/etc/passwd", b""
    elif member == "files/device":
        info.type, info.devmajor, info.devminor, data = tarfile.CHRTYPE, 1, 3, b""
    info.size = len(data)
    hostile = rewritten(small_backup, tmp_path / "hostile.tar", extra=[(info, data)])
    before = snapshot(tmp_path / "data")
    message = refused(hostile, "--replace")
    assert f"member {member!r}" in message
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped-absolute.txt").exists()
    assert snapshot(tmp_path / "data") == before


def test_a_member_larger_than_the_manifest_says_is_refused(world, small_backup, tmp_path):
    def shrink(contents):
        contents["members"][contents["database"]]["size"] -= 1

    message = refused(rewritten(small_backup, tmp_path / "bigger.tar", manifest_change=shrink), "--replace")
    assert "the manifest says" in message


def test_another_vendors_backup_or_a_newer_releases_is_refused(world, small_backup, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    message = refused(rewritten(small_backup, tmp_path / "other.tar",
                                manifest_change=lambda contents: contents.update(vendor=other)), "--replace")
    assert f"backup is of a {other} database but this installation uses {connection.vendor}" in message
    message = refused(rewritten(small_backup, tmp_path / "newer.tar", manifest_change=lambda contents: contents[
        "migrations"].append("core.9999_from_the_future")), "--replace")
    assert "newer release" in message and "core.9999_from_the_future" in message
    message = refused(rewritten(small_backup, tmp_path / "format.tar",
                                manifest_change=lambda contents: contents.update(format=2)), "--replace")
    assert "format is 2" in message


def test_not_a_backup_is_refused_clearly(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    (tmp_path / "notes.tar").write_bytes(b"not a tar at all" * 100)
    assert "not a readable tar archive" in refused(tmp_path / "notes.tar")
    assert "is not a file" in refused(tmp_path / "missing.tar")
    with pytest.raises(CommandError, match="outside the data folder"):
        call_command("backup", str(tmp_path / "data" / "inside.tar"), stdout=io.StringIO())


def test_backup_refuses_to_run_in_a_transaction(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    with pytest.raises(CommandError, match="outside a transaction"):
        call_command("backup", str(tmp_path / "in-a-transaction.tar"), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


# ---- consistent while the app writes ------------------------------------------------------------------------------

WRITER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)")
open(sys.argv[2], "w").close()
while True:  # each transaction adds +1 and -1: a consistent copy holds an even number of rows summing to 0
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO ledger (amount) VALUES (1)")
    db.execute("INSERT INTO ledger (amount) VALUES (-1)")
    db.execute("COMMIT")
    time.sleep(0.002)  # a busy app, not one that never lets go of the lock (which starves every other connection)
"""


def balanced(rows):
    return len(rows) % 2 == 0 and sum(rows) == 0


def test_an_sqlite_backup_taken_while_another_process_writes_is_consistent(tmp_path):
    database, ready = tmp_path / "live.sqlite3", tmp_path / "ready"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(database), str(ready)])
    try:
        while not ready.exists():
            assert writer.poll() is None, "the writer stopped"
            time.sleep(0.05)
        archive = tmp_path / "live.tar"
        result = run(["-m", "django", "backup", str(archive)], child_env(f"sqlite:///{database}", tmp_path / "data"))
        assert result.returncode == 0, result.stderr
        assert writer.poll() is None  # still writing when the backup ended
    finally:
        writer.terminate()
        writer.wait(timeout=30)
    with tarfile.open(archive) as tar:
        tar.extract("database/triangulate.sqlite3", tmp_path / "out", filter="data")
    copy = sqlite3.connect(tmp_path / "out" / "database" / "triangulate.sqlite3")
    assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
    rows = [amount for (amount,) in copy.execute("SELECT amount FROM ledger")]
    copy.close()
    assert rows and balanced(rows)


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_taken_while_another_connection_writes_is_consistent(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite case is the test above")
    import threading

    import psycopg

    from triangulate.core.backup import postgres

    settings.DATA_DIR = tmp_path / "data"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE backup_ledger (id serial PRIMARY KEY, amount integer NOT NULL)")
    stop, written = threading.Event(), []
    s = connection.settings_dict

    def write():
        with psycopg.connect(dbname=s["NAME"], user=s["USER"], password=s["PASSWORD"] or None, host=s["HOST"],
                             port=s["PORT"]) as other:
            while not stop.is_set():
                with other.transaction():
                    other.execute("INSERT INTO backup_ledger (amount) VALUES (1), (-1)")
                written.append(2)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 20:
            stop.wait(0.01)
        call_command("backup", str(tmp_path / "live.tar"), stdout=io.StringIO())
        assert writer.is_alive()
    finally:
        stop.set()
        writer.join(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS backup_ledger")
    with tarfile.open(tmp_path / "live.tar") as tar:
        tar.extract("database/triangulate.pgdump", tmp_path / "out", filter="data")
    dump = tmp_path / "out" / "database" / "triangulate.pgdump"
    sql = subprocess.run([postgres.tool("pg_restore"), "--data-only", "--table=backup_ledger", "--file=-", str(dump)],
                         capture_output=True, text=True, check=True).stdout
    copied = sql.split("FROM stdin;\n", 1)[1].split("\n\\.\n", 1)[0].splitlines()
    rows = [int(line.split("\t")[1]) for line in copied]
    assert rows and balanced(rows) and len(rows) < sum(written) + 2


def test_replace_overwrites_a_restored_database_and_its_files_and_is_refused_without_it(small_backup, tmp_path,
                                                                                       empty_database):
    restored = tmp_path / "restored-data"
    env = child_env(empty_database, restored)
    assert run(["-m", "django", "restore", str(small_backup)], env).returncode == 0
    (restored / "annex_a" / "upload-999").mkdir()
    (restored / "annex_a" / "upload-999" / "list_1.parquet").write_bytes(b"a later import's tables")
    (restored / "cache").mkdir()
    (restored / "cache" / "chart.svg").write_text("made from the data being replaced")
    again = run(["-m", "django", "restore", str(small_backup)], env)
    assert again.returncode != 0 and "already has" in again.stderr and "--replace" in again.stderr
    assert (restored / "annex_a" / "upload-999").exists()
    replaced = run(["-m", "django", "restore", str(small_backup), "--replace"], env)
    assert replaced.returncode == 0, replaced.stderr
    assert sorted(snapshot(restored)) == ["annex_a/upload-1/list_4.parquet"]
    assert snapshot(restored) == snapshot(tmp_path / "data")


USERS = "import django; django.setup(); from django.contrib.auth.models import User; print(User.objects.count())"


def test_a_restore_that_fails_leaves_the_database_and_the_files_as_they_were(small_backup, tmp_path, empty_database):
    restored = tmp_path / "restored-data"
    env = child_env(empty_database, restored)
    assert run(["-m", "django", "restore", str(small_backup)], env).returncode == 0
    users = run(["-c", USERS], env).stdout
    before = snapshot(restored)
    # checksums that match, but the database cut short. SQLite: refused by its own check after the files were
    # swapped, which are put back. PostgreSQL: pg_restore --list (before the swap) already fails on it; a pg_restore
    # that fails later is undone by its single transaction, and the files by the same swap as SQLite's
    garbage = rewritten(small_backup, tmp_path / "garbage.tar", forge=True, member_change=lambda name, data: (
        data[:len(data) * 2 // 3] if name.startswith("database/") else data))
    failed = run(["-m", "django", "restore", "--replace", str(garbage)], env)
    assert failed.returncode != 0
    assert ("The backup's SQLite database" if connection.vendor == "sqlite" else "pg_restore") in failed.stderr
    assert snapshot(restored) == before
    assert int(run(["-c", USERS], env).stdout) == int(users) > 0
    assert not [path for path in restored.iterdir() if path.name.startswith(".")]  # no scratch folder left
