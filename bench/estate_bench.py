"""Figures for a council's estate (docs/design/estate.md) on the demo council: the data feed as Power BI reads it,
and a backup and its restore.

    .venv/bin/python bench/estate_bench.py [--data-dir /tmp/triangulate-demo] [--children 60000] [--extracts 24]

Builds the demo council in `--data-dir` if it has none yet (as bench/load_pages.py does), then:
- issues an aggregates token and a publication token (as demo.admin) and reads every feed table, CSV and JSON,
  through Django's test client with `Authorization: Bearer`, as Power BI's Web connector does: seconds, rows and
  bytes of each (the first read of a table after start, then the median of three);
- `manage.py backup` of the whole council into a temporary folder: seconds and size; then `manage.py restore` of
  that file into an empty data folder (a new SQLite file), in a process of its own: seconds and peak memory.
Figures only: nothing is asserted. The two tokens are revoked at the end.
"""

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("kpis", "audits", "observations", "actions")


def read(client, secret, path):
    started = time.perf_counter()
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}")
    seconds = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code, response.content[:200])
    return seconds, response.content


def csv_rows(body):
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def feed_figures(client, secrets):
    print(f"{'feed read':<34} {'first s':>8} {'median s':>9} {'rows':>7} {'kB':>8}")
    for label, secret in secrets.items():
        for table in TABLES:
            for fmt in ("csv", "json"):
                path = f"/feed/v1/{table}.{fmt}"
                timings, body = [], b""
                for _ in range(4):
                    seconds, body = read(client, secret, path)
                    timings.append(seconds)
                rows = len(csv_rows(body)) if fmt == "csv" else json.loads(body)["meta"]["rows"]
                print(f"{label + ' ' + table + '.' + fmt:<34} {timings[0]:>8.2f} {statistics.median(timings[1:]):>9.2f} "
                      f"{rows:>7} {len(body) / 1024:>8.0f}")


def run(command, env):
    """Seconds and peak memory (MB) of one command, in a process of its own (os.wait4: its own rusage only)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[2]} failed ({process.returncode})")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def backup_figures(data_dir):
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "triangulate.tar"
        env = {"DJANGO_SETTINGS_MODULE": "triangulate.config.settings.local", "TRIANGULATE_DATA_DIR": data_dir,
               "TRIANGULATE_SECRET_KEY": "bench", "PATH": "/usr/bin:/bin"}
        seconds, peak = run([sys.executable, "manage.py", "backup", str(archive)], env)
        print(f"backup: {seconds:.1f} s, peak memory {peak:.0f} MB, {archive.stat().st_size / 1024**2:.1f} MB")
        empty = Path(scratch) / "restored"
        empty.mkdir(mode=0o700)
        seconds, peak = run([sys.executable, "manage.py", "restore", str(archive)],
                            {**env, "TRIANGULATE_DATA_DIR": str(empty)})
        print(f"restore into an empty data folder: {seconds:.1f} s, peak memory {peak:.0f} MB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/triangulate-demo")
    parser.add_argument("--children", type=int, default=60_000, help="the demo's default (synth/demo.py)")
    parser.add_argument("--extracts", type=int, default=24)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from load_pages import open_council, signed_in_client  # noqa: E402  (the council the load benchmark builds)

    open_council(args.data_dir, args.children, args.extracts)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from triangulate.feed import services
    from triangulate.feed.models import FeedToken

    client = signed_in_client()  # the test client, answering as the site does; the feed ignores its session
    client.logout()
    admin = get_user_model().objects.get(username="demo.admin")
    issued = {publication: services.issue_token(
        actor=admin, name=f"bench {'publication' if publication else 'aggregates'}", purpose="bench/estate_bench.py",
        scope=FeedToken.Scope.AGGREGATES, publication=publication, expires_at=timezone.now() + timedelta(days=1))
        for publication in (False, True)}
    try:
        feed_figures(client, {"aggregates": issued[False].secret, "publication": issued[True].secret})
    finally:
        for one in issued.values():
            services.revoke_token(actor=admin, token=one.token)
    backup_figures(args.data_dir)


if __name__ == "__main__":
    main()
