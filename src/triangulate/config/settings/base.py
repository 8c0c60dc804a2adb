"""Settings shared by every environment.

Environment-specific modules (local, production, test) import from here and
override only what differs. Secrets and paths come from environment variables.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from .oidc import oidc_settings, provider_origin


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more (it is {value!r}).")
    return number


def _trusted_proxies(value):
    """TRIANGULATE_TRUSTED_PROXIES: comma-separated addresses or networks (CIDR) of the reverse proxies."""
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"TRIANGULATE_TRUSTED_PROXIES: {entry!r} is not an IP address or network (like 10.0.0.5 or "
                "10.0.0.0/24); separate several with commas.") from None
    return entries


PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/triangulate
REPO_DIR = PACKAGE_DIR.parents[1]
# Child-level data, the embedded database and uploads live in one data folder.
DATA_DIR = Path(os.environ.get("TRIANGULATE_DATA_DIR", REPO_DIR / "data")).resolve()
BUILD_DIR = Path(os.environ.get("TRIANGULATE_BUILD_DIR", REPO_DIR / "build")).resolve()
NODE_MODULES = Path(os.environ.get("TRIANGULATE_NODE_MODULES", REPO_DIR / "node_modules")).resolve()

DEBUG = False
SECRET_KEY = os.environ.get("TRIANGULATE_SECRET_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("TRIANGULATE_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "triangulate.core",
    "triangulate.people",
    "triangulate.sso",
    "triangulate.improvement",
    "triangulate.datasets",
    "triangulate.benchmarks",
    "triangulate.performance",
    "triangulate.audits",
    "triangulate.practice",
    "triangulate.workforce",
    "triangulate.feed",
    "triangulate.synth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "triangulate.core.middleware.no_cookies.NoCookiesMiddleware",  # before sessions: sees their cookie last
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "triangulate.core.middleware.account_expiry.AccountExpiryMiddleware",
    "triangulate.core.middleware.login_required.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "triangulate.core.middleware.no_store.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "triangulate.config.urls"
WSGI_APPLICATION = "triangulate.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "triangulate.config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "triangulate.core.context_processors.layout",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'triangulate.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import job writes.
    DATABASES["default"]["OPTIONS"] = {
        # busy_timeout first: switching to WAL needs a lock, and without the timeout a connection opened while
        # another process writes fails at once with "database is locked"
        "init_command": "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # the similarity check above lets "Olivia20242024" through for Olivia: this one does not
    {"NAME": "triangulate.core.password_validation.NameAndDigitsValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # the council's identity provider (docs/design/estate.md §1); answers nothing while SSO is off
    "triangulate.sso.backend.CouncilSignIn",
]
# Sign-in with the council's OpenID Connect provider (Entra ID): TRIANGULATE_OIDC_* (settings/oidc.py)
globals().update(oidc_settings(os.environ))
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Login lockout (django-axes): five failures for one username from one address
# locks that pair for 30 minutes. Keyed on the pair so an attacker cannot lock
# every user out from one address, nor one user out from every address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
# The "address" above is the client's, not the reverse proxy's (else one person could lock anyone out):
# X-Forwarded-For is read only from the proxies named here, off by default (core/client_ip.py).
TRIANGULATE_TRUSTED_PROXIES = _trusted_proxies(os.environ.get("TRIANGULATE_TRUSTED_PROXIES", ""))
AXES_CLIENT_IP_CALLABLE = "triangulate.core.client_ip.client_ip"
# Only password sign-ins count towards a lockout: a refused sign-in with the council's provider has no username,
# and five of them from the council's one outgoing address would lock everyone behind it out.
AXES_WHITELIST_CALLABLE = "triangulate.core.client_ip.not_a_password_sign_in"

# Idle timeout: the session cookie expires 30 minutes after the last request.
SESSION_COOKIE_AGE = int(os.environ.get("TRIANGULATE_IDLE_TIMEOUT_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Strict CSP: no inline script or style without this request's nonce, nothing
# from other origins, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if TRIANGULATE_SSO["END_SESSION_ENDPOINT"]:  # noqa: F821 (set by oidc_settings above)
    # signing out is a form whose answer sends the browser on to the provider's sign-out (§1.5): Chromium applies
    # form-action to that redirect too
    SECURE_CSP["form-action"].append(provider_origin(TRIANGULATE_SSO["END_SESSION_ENDPOINT"]))  # noqa: F821
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/assets/"  # GOV.UK Frontend's CSS refers to /assets/images/...
STATIC_ROOT = BUILD_DIR / "staticfiles"
STATICFILES_DIRS = [
    # fonts are not used (Arial stack) but images, favicons and manifest are
    NODE_MODULES / "govuk-frontend" / "dist" / "govuk" / "assets",
    # compiled by scripts/build-assets.sh: triangulate/triangulate.css, govuk/govuk-frontend.min.js
    BUILD_DIR / "assets",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Imports and KPI refreshes run as jobs: `manage.py jobs_worker` takes them from the database (django-tasks-db's
# worker, after finding jobs whose worker died and sweeping leftovers; datasets/leases.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# An import parses the file in a child process with these limits (datasets/isolation.py), so no file can stop
# the worker: memory (RLIMIT_DATA; a 60,000-children extract needs about 360 MB), CPU seconds, and wall-clock
# seconds. A running job's heartbeat older than TRIANGULATE_JOB_STALE_SECONDS means its worker died.
TRIANGULATE_IMPORT_MEMORY_MB = _env_int("TRIANGULATE_IMPORT_MEMORY_MB", 4096)
TRIANGULATE_IMPORT_CPU_SECONDS = _env_int("TRIANGULATE_IMPORT_CPU_SECONDS", 1800)
TRIANGULATE_IMPORT_WALL_SECONDS = _env_int("TRIANGULATE_IMPORT_WALL_SECONDS", 2 * TRIANGULATE_IMPORT_CPU_SECONDS)
TRIANGULATE_JOB_STALE_SECONDS = _env_int("TRIANGULATE_JOB_STALE_SECONDS", 60)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# How long child-level files are kept (README: "Where child-level data lives, and for how long").
# The copy of an uploaded file: deleted when its import ends (failed ones at once), or kept this many
# days after a successful import, then deleted by the job worker's sweep (datasets/storage.py).
TRIANGULATE_KEEP_UPLOADS_DAYS = _env_int("TRIANGULATE_KEEP_UPLOADS_DAYS", 0)
# Imported extracts' Parquet tables: kept while the extract date is within this many months; the latest
# published extract's are always kept (the children behind its KPIs). 13 months covers the monthly
# history the KPI pages show, should it ever need recomputing from the tables.
TRIANGULATE_KEEP_EXTRACT_MONTHS = _env_int("TRIANGULATE_KEEP_EXTRACT_MONTHS", 13)

# Logs carry ids and event names only: never names, dates of birth or case notes.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # a refused request (403) is one line, not a traceback (a log-flooding lever otherwise)
    "filters": {"one_line_forbidden": {"()": "triangulate.core.log_filters.OneLineForbidden"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"triangulate": {"level": "INFO"},
                "django.request": {"filters": ["one_line_forbidden"]}},
}

TRIANGULATE = {
    "SERVICE_NAME": "Triangulate",
    # Aggregates shown to wide audiences hide counts below this.
    "SUPPRESSION_THRESHOLD": 6,
    "INSPECTOR_MAX_DAYS": 28,
    # Practice weeks and days (docs/design/practice.md §1.7)
    "PRACTICE": {"MAX_VISITS_PER_DAY": 3, "GUEST_DAYS_AFTER": 14, "GUEST_MAX_DAYS": 60, "OUTBOX_DAYS": 7},
}

# Email (core/notifications.py): safeguarding flags and overdue reminders. Printed to the console unless a
# council configures its mail server; production.py sends by SMTP with TLS.
# MAILERS, not EMAIL_BACKEND: Django 6.1 deprecates the EMAIL_* server settings.
MAILERS = {"default": {"BACKEND": os.environ.get("TRIANGULATE_EMAIL_BACKEND",
                                                 "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("TRIANGULATE_EMAIL_FROM", "triangulate@localhost")
# The address emails link to: the site as the council's staff reach it.
TRIANGULATE_SITE_URL = os.environ.get("TRIANGULATE_SITE_URL", "http://127.0.0.1:8000")
