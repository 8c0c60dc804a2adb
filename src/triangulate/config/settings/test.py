"""Tests: the same stack, with fast password hashing and a throwaway database.

DATABASE_URL picks PostgreSQL (scripts/test.sh sets it for the second run);
otherwise an SQLite file in a temporary folder.
"""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Argon2 stays first so tests exercise it; its cost is low enough in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_AUTOREFRESH = True
