"""Tests: the same stack, with fast password hashing and a throwaway database.

DATABASE_URL picks PostgreSQL (scripts/test.sh sets it for the second run);
otherwise an SQLite file in a temporary folder.
"""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Still Argon2, at its lowest cost (see test_hashers.py).
PASSWORD_HASHERS = ["triangulate.config.test_hashers.CheapArgon2PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_AUTOREFRESH = True

# Jobs run at once (on commit) in tests, so an import can be followed end to end.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TRIANGULATE_SITE_URL = "https://triangulate.council.example"
