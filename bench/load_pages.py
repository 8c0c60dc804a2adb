"""Load benchmark: the performance pages under concurrent users, against the production web server.

    .venv/bin/python bench/load_pages.py [--data-dir /tmp/triangulate-large] [--children 300000]
        [--extracts 13] [--users 20] [--rounds 5] [--workers 4] [--think 0] [--path /performance/ ...]
        [--build-only]

Builds the synthetic council in `--data-dir` if it has none yet (demo_council with `--children` and
`--extracts`; a large council takes several minutes, once), starts gunicorn with the project's settings
(src/triangulate/config/gunicorn.py) on a free port on 127.0.0.1, signs `--users` users in (each its own
session, as demo.qalead), and has each fetch every page `--rounds` times in a shuffled order. Prints the
p50, p95 and slowest time per page and overall, and the error count. Figures only: nothing is asserted
(the issue's goal is p95 under 300 ms).

Pages default to the overview, one KPI page, the heat map, one child list and the timescale report, as
far as the running version has them (a 404 is reported, not timed).
"""

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv/bin/python")
PASSWORD = "triangulate-demo"
DEFAULT_PAGES = ["/performance/", "/performance/kpis/cp_visits_in_timescale_pct/", "/performance/teams/",
                 "/performance/kpis/cp_visits_in_timescale_pct/children/?failing=1",
                 "/performance/timescales/"]


def environment(data_dir, workers):
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "triangulate.config.settings.local",
            "TRIANGULATE_DATA_DIR": str(data_dir), "TRIANGULATE_WEB_WORKERS": str(workers)}


def build(data_dir, children, extracts, env):
    if (Path(data_dir) / "triangulate.sqlite3").exists():
        return
    print(f"building a council of {children:,} children with {extracts} extracts in {data_dir} ...", flush=True)
    started = time.perf_counter()
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "demo_council", "--children", str(children), "--extracts", str(extracts)],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def open_council(data_dir, children, extracts):
    """For a benchmark that works in its own process: the council built in `data_dir` if it is not there
    yet, and Django set up on it."""
    env = environment(data_dir, 1)
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "TRIANGULATE_DATA_DIR")})
    build(data_dir, children, extracts, env)
    import django

    django.setup()


def signed_in_client(username="demo.qalead"):
    """Django's test client, signed in as `username`, answering as the site does (open_council first)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=username),
                       backend="django.contrib.auth.backends.ModelBackend")
    return client


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env, port):
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c", "src/triangulate/config/gunicorn.py",
                               "triangulate.config.wsgi"], cwd=ROOT, env={**env, "TRIANGULATE_PORT": str(port)},
                              stderr=open(Path(env["TRIANGULATE_DATA_DIR"]) / "gunicorn.log", "ab"))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("the web server did not start")


class User:
    def __init__(self, base, username):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(f"{base}/sign-in/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username,
                                       "password": PASSWORD}).encode()
        request = urllib.request.Request(f"{base}/sign-in/", data=data, headers={"Referer": f"{base}/sign-in/"})
        self.opener.open(request).read()

    def get(self, path):
        started = time.perf_counter()
        try:
            with self.opener.open(f"{self.base}{path}", timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, time.perf_counter() - started


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default="/tmp/triangulate-large")
    parser.add_argument("--children", type=int, default=300_000)
    parser.add_argument("--extracts", type=int, default=13)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds a user reads each page before the next, on average (exponential); 0: none, "
                             "every user asks again at once, the heaviest load 20 users can make")
    parser.add_argument("--path", action="append", dest="paths")
    parser.add_argument("--build-only", action="store_true", help="build the council and stop (time it later, "
                        "on a quiet machine)")
    args = parser.parse_args()
    env = environment(args.data_dir, args.workers)
    build(args.data_dir, args.children, args.extracts, env)
    if args.build_only:
        return
    port = free_port()
    server = serve(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        pages = args.paths or DEFAULT_PAGES
        probe = User(base, "demo.qalead")
        live = []
        for path in pages:
            status, seconds = probe.get(path)  # also warms each worker's caches a little
            print(f"  {path}: {status} ({seconds * 1000:.0f} ms cold)")
            if status == 200:
                live.append(path)
        users = [User(base, "demo.qalead") for _ in range(args.users)]
        timings, errors, statuses = defaultdict(list), defaultdict(int), defaultdict(int)

        def run(user):
            order = live * args.rounds
            random.shuffle(order)
            for path in order:
                if args.think:
                    time.sleep(random.expovariate(1 / args.think))
                status, seconds = user.get(path)
                if status == 200:
                    timings[path].append(seconds)
                else:
                    errors[path] += 1
                    statuses[status] += 1

        started = time.perf_counter()
        with ThreadPoolExecutor(args.users) as pool:
            list(pool.map(run, users))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)
    every = [t for values in timings.values() for t in values]
    print(f"\n{args.users} users x {args.rounds} rounds, think time {args.think:g} s, {args.workers} web workers, "
          f"{os.cpu_count()} cores; "
          f"{len(every)} requests in {elapsed:.1f} s ({len(every) / elapsed:.1f}/s)")
    print(f"{'page':70} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}")
    for path in live:
        values = timings[path]
        if values:
            print(f"{path:70} {statistics.median(values) * 1000:8.0f} {percentile(values, 95) * 1000:8.0f} "
                  f"{max(values) * 1000:8.0f} {errors[path]:7d}")
    if statuses:
        print("errors by status: " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())) +
              f" (the web server's log: {Path(args.data_dir) / 'gunicorn.log'})")
    if every:
        print(f"{'all':70} {statistics.median(every) * 1000:8.0f} {percentile(every, 95) * 1000:8.0f} "
              f"{max(every) * 1000:8.0f} {sum(errors.values()):7d}")


if __name__ == "__main__":
    main()
