"""Production: PostgreSQL, HTTPS only, secrets from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("Set TRIANGULATE_SECRET_KEY (50+ random characters) in production.")
if SECRET_KEY.startswith("REPLACE-"):  # deploy/triangulate.env.example's, copied and not changed
    raise ImproperlyConfigured("TRIANGULATE_SECRET_KEY is the example's placeholder: set 50+ random characters "
                               "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))').")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("Set DATABASE_URL (postgres://...) in production.")
if not any(postgres in DATABASES["default"]["ENGINE"] for postgres in ("postgresql", "postgis")):
    # only the URL's scheme is shown: the rest may hold the database password
    scheme = os.environ["DATABASE_URL"].split(":", 1)[0]
    raise ImproperlyConfigured(
        f"DATABASE_URL must point to PostgreSQL (postgres://...) in production, not {scheme}: the audit and "
        "access logs are kept append-only by database triggers that exist only on PostgreSQL.")

SECURE_SSL_REDIRECT = os.environ.get("TRIANGULATE_SSL_REDIRECT", "1") == "1"
# A load balancer probes the health check over plain HTTP to the server itself: answer it rather than redirect
# (its answer is "ok" or "unavailable", nothing else). Every other path is redirected.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Email through the council's mail server, with TLS.
MAILERS = {"default": {
    "BACKEND": os.environ.get("TRIANGULATE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
    "OPTIONS": {
        "host": os.environ.get("TRIANGULATE_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("TRIANGULATE_EMAIL_PORT", "587")),
        "username": os.environ.get("TRIANGULATE_EMAIL_USER", ""),
        "password": os.environ.get("TRIANGULATE_EMAIL_PASSWORD", ""),
        "use_tls": True,
        "timeout": 20,
    },
}}
