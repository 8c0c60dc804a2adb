"""deploy/ (systemd units, the settings file's example, the nginx site) kept in step with the code: every command
a unit runs exists, the example names every setting the code reads and nothing else, the units have what
systemd needs and the hardening docs/design/estate.md §2 asks for, nginx lets the largest upload through, and
production settings load, and pass `check --deploy`, with the example's values filled in."""

import configparser
import os
import re
import secrets
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.core.management import get_commands

from triangulate.audits.services import tracker_reading
from triangulate.benchmarks import reader as benchmarks_reader
from triangulate.config import gunicorn as gunicorn_config
from triangulate.datasets import services as datasets_services

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
UNITS = DEPLOY / "systemd"
ENV_EXAMPLE = DEPLOY / "triangulate.env.example"
NGINX = DEPLOY / "nginx" / "triangulate.conf"
CONFIG = REPO / "src" / "triangulate" / "config"
VENV_BIN = "/opt/triangulate/venv/bin"
ENV_FILE = "/etc/triangulate/triangulate.env"
SERVICES = ["triangulate-web.service", "triangulate-worker.service", "triangulate-backup.service"]
# read by something other than our settings: Django itself, and the caches' folder (kpis/diskcache.py, fontconfig)
NOT_OURS = {"DJANGO_SETTINGS_MODULE", "XDG_CACHE_HOME"}
# the settings only the demo and the tests read: never on a council's server
NOT_IN_PRODUCTION = {"local.py", "test.py"}
HARDENING = {"ProtectSystem": "strict", "NoNewPrivileges": "true", "PrivateTmp": "true", "ProtectHome": "true",
             "UMask": "0077", "User": "triangulate", "Group": "triangulate", "EnvironmentFile": ENV_FILE}


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def example_env():
    """The example's settings: {name: value} for the lines in force, and the names of commented-out ones."""
    active, commented = {}, set()
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"([A-Z_][A-Z0-9_]*)=(.*)", line):
            value = match.group(2)
            if value.startswith("'"):
                assert value.endswith("'") and len(value) > 1, f"unclosed quote: {line}"
                value = value[1:-1]
            active[match.group(1)] = value
        elif match := re.fullmatch(r"#\s*([A-Z_][A-Z0-9_]*)=.*", line):
            commented.add(match.group(1))
        else:
            assert not line.strip() or line.startswith("#"), f"not NAME=value nor a comment: {line!r}"
    return active, commented


ENV_READ = re.compile(r"""(?:os\.environ\.get|os\.getenv|_env_int)\(\s*["']([A-Z_][A-Z0-9_]*)["']"""
                      r"""|os\.environ\[\s*["']([A-Z_][A-Z0-9_]*)["']\s*\]""")


def variables_read():
    """Every environment variable production reads: its settings modules and gunicorn's configuration."""
    sources = [path for path in (CONFIG / "settings").glob("*.py") if path.name not in NOT_IN_PRODUCTION]
    names = set()
    for path in [*sources, CONFIG / "gunicorn.py"]:
        names |= {a or b for a, b in ENV_READ.findall(path.read_text(encoding="utf-8"))}
    # sign-in with the council's provider reads its variables by name built from parts: the module lists them
    from triangulate.config.settings.oidc import VARIABLES

    return names | set(VARIABLES)


def test_the_scan_finds_the_settings_we_know_are_read():
    """A guard on the regular expression: these are read in three different ways."""
    assert {"TRIANGULATE_SECRET_KEY", "DATABASE_URL", "TRIANGULATE_IMPORT_MEMORY_MB", "TRIANGULATE_PORT",
            "TRIANGULATE_EMAIL_HOST"} <= variables_read()


def test_the_example_names_every_setting_production_reads_and_nothing_else():
    active, commented = example_env()
    named, read = set(active) | commented, variables_read()
    assert not (active.keys() & commented), "a name both set and commented out"
    assert read - named == set(), "add these to deploy/triangulate.env.example and docs/deployment.md"
    unknown = named - read - NOT_OURS
    assert unknown == set(), "the example names settings nothing reads"
    assert active["DJANGO_SETTINGS_MODULE"] == "triangulate.config.settings.production"


def test_the_deployment_guide_lists_every_setting():
    guide = (REPO / "docs" / "deployment.md").read_text(encoding="utf-8")
    active, commented = example_env()
    assert {name for name in {*active, *commented} if f"`{name}`" not in guide} == set()


def exec_commands(parser):
    return [value for key, value in parser["Service"].items() if key.startswith("ExecStart")]


@pytest.mark.parametrize("name", SERVICES)
def test_every_command_a_unit_runs_exists(name):
    commands = exec_commands(unit(name))
    assert commands
    for line in commands:
        for program, argument in re.findall(rf"{re.escape(VENV_BIN)}/(\w+) (\S+)", line):
            if program == "triangulate":
                if argument == "backup" and "backup" not in get_commands():
                    pytest.skip("manage.py backup (design §3) is built beside this slice; not here yet")
                assert argument in get_commands(), f"{name}: no management command {argument!r}"
            else:
                assert program == "gunicorn", line
        for path in re.findall(r"(?<![\w/])(/(?:usr/)?bin/\w+)", line):
            assert Path(path).exists(), f"{name}: {path}"
    if name == "triangulate-web.service":
        (line,) = commands
        assert re.search(r"--config python:triangulate\.config\.gunicorn triangulate\.config\.wsgi$", line)
        assert find_spec("triangulate.config.gunicorn") and find_spec("triangulate.config.wsgi")


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_has_what_systemd_needs_and_the_hardening(name):
    parser = unit(name)
    assert parser["Unit"]["Description"]
    service = parser["Service"]
    for key, value in HARDENING.items():
        assert service.get(key) == value, f"{name}: {key}"
    data_dir = example_env()[0]["TRIANGULATE_DATA_DIR"]
    assert data_dir in service["ReadWritePaths"].split()
    assert service["CapabilityBoundingSet"] == ""
    assert service["WorkingDirectory"] == example_env()[0]["XDG_CACHE_HOME"]


def test_web_and_worker_start_at_boot_and_the_worker_always_comes_back():
    for name in ("triangulate-web.service", "triangulate-worker.service"):
        assert unit(name)["Install"]["WantedBy"] == "multi-user.target"
    assert unit("triangulate-worker.service")["Service"]["Restart"] == "always"
    # SIGTERM is the worker's clean stop (an import is interrupted and can be retried)
    assert unit("triangulate-worker.service")["Service"]["KillSignal"] == "SIGTERM"


def test_the_backup_runs_nightly_and_can_write_its_folder():
    timer = unit("triangulate-backup.timer")
    assert timer["Timer"]["Unit"] == "triangulate-backup.service"
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    backup = unit("triangulate-backup.service")["Service"]
    assert backup["Type"] == "oneshot"
    command = backup["ExecStart"]
    folder = re.search(r'backup "(/[^"$]+)/', command).group(1)
    assert folder in backup["ReadWritePaths"].split()


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="no systemd-analyze here")
def test_systemd_analyze_verify_accepts_the_units(tmp_path):
    """systemd's own check, with the venv and the settings file pointed at this machine's (it wants the
    programs to exist)."""
    for path in UNITS.iterdir():
        text = path.read_text(encoding="utf-8").replace(VENV_BIN, str(Path(sys.executable).parent))
        (tmp_path / path.name).write_text(text.replace(ENV_FILE, str(ENV_EXAMPLE)), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def size_in_bytes(text):
    number, unit_letter = re.fullmatch(r"(\d+)([kmg]?)", text.lower()).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit_letter]


def nginx_directive(name):
    return re.search(rf"^\s*{name}\s+([^;]+);", NGINX.read_text(encoding="utf-8"), re.MULTILINE).group(1).strip()


def test_nginx_lets_the_largest_upload_through_with_room_for_the_form():
    largest = max(datasets_services.MAX_UPLOAD_BYTES, tracker_reading.MAX_BYTES, benchmarks_reader.MAX_BYTES)
    assert size_in_bytes(nginx_directive("client_max_body_size")) >= largest + 1024**2


def test_nginx_waits_longer_than_gunicorn_and_says_the_request_was_https():
    assert int(nginx_directive("proxy_read_timeout").rstrip("s")) > gunicorn_config.timeout
    text = NGINX.read_text(encoding="utf-8")
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text
    assert re.search(r"server 127\.0\.0\.1:8000;", text) and example_env()[0]["TRIANGULATE_BIND"] == "127.0.0.1:8000"


NGINX_MAIN = """pid {t}/nginx.pid;
error_log {t}/error.log;
events {{}}
http {{
    client_body_temp_path {t}/body; proxy_temp_path {t}/proxy; fastcgi_temp_path {t}/fastcgi;
    uwsgi_temp_path {t}/uwsgi; scgi_temp_path {t}/scgi;
    include {t}/site.conf;
}}
"""


@pytest.mark.skipif(not (shutil.which("nginx") and shutil.which("openssl")), reason="no nginx or openssl here")
def test_nginx_accepts_the_site(tmp_path):
    """`nginx -t` on the example, with a throwaway certificate and its logs in a temporary folder (the example
    must also work on Debian 12's nginx 1.22: no "http2 on;")."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp_path / "key.pem",
                    "-out", tmp_path / "cert.pem", "-days", "1", "-subj", "/CN=triangulate.example.gov.uk"],
                   check=True, capture_output=True, timeout=60)
    site = NGINX.read_text(encoding="utf-8")
    site = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {tmp_path}/cert.pem;", site)
    site = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {tmp_path}/key.pem;", site)
    (tmp_path / "site.conf").write_text(site.replace("/var/log/nginx/", f"{tmp_path}/"), encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(NGINX_MAIN.format(t=tmp_path), encoding="utf-8")
    result = subprocess.run(["nginx", "-t", "-c", tmp_path / "nginx.conf", "-p", tmp_path], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr.replace("the \"listen ... http2\" directive is deprecated", "")


def test_gunicorn_makes_no_control_socket():
    """gunicorn 25.1+ would make one in $HOME/.gunicorn, and the service account's home is the data folder."""
    assert gunicorn_config.control_socket_disable is True


SHOW = """
import django
django.setup()
from django.conf import settings
print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES["default"]["ENGINE"], settings.SECURE_SSL_REDIRECT,
      settings.TRIANGULATE_TRUSTED_PROXIES, settings.SESSION_COOKIE_NAME)
"""


def test_production_refuses_the_examples_placeholder_secret_key(tmp_path):
    active, _ = example_env()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "triangulate.config.settings.production",
           "TRIANGULATE_SECRET_KEY": active["TRIANGULATE_SECRET_KEY"], "DATABASE_URL": active["DATABASE_URL"],
           "TRIANGULATE_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0
    assert "TRIANGULATE_SECRET_KEY is the example's placeholder" in result.stderr


def test_production_settings_load_from_the_example_and_check_deploy_is_clean(tmp_path):
    """The example's values with its placeholders filled in (as a council would), and its paths moved to
    folders that exist here."""
    active, _ = example_env()
    active = {name: value.replace("REPLACE-", "filled-in-") for name, value in active.items()}
    active["TRIANGULATE_SECRET_KEY"] = secrets.token_urlsafe(50)  # as the example says to make it
    moved = {"TRIANGULATE_DATA_DIR": tmp_path / "data", "TRIANGULATE_BUILD_DIR": tmp_path / "build",
             "TRIANGULATE_NODE_MODULES": tmp_path / "node_modules", "XDG_CACHE_HOME": tmp_path / "cache"}
    for folder in (moved["TRIANGULATE_DATA_DIR"], moved["XDG_CACHE_HOME"], moved["TRIANGULATE_BUILD_DIR"] / "assets",
                   moved["TRIANGULATE_NODE_MODULES"] / "govuk-frontend" / "dist" / "govuk" / "assets"):
        folder.mkdir(parents=True)
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith(("TRIANGULATE_", "DJANGO_")) and k not in ("DATABASE_URL", "XDG_CACHE_HOME")}
    env = {**inherited, **active, **{name: str(path) for name, path in moved.items()},
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p)}
    shown = subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split("\n")[0] == ("False ['triangulate.example.gov.uk'] django.db.backends.postgresql True "
                                          "['127.0.0.1'] __Host-sessionid")
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
