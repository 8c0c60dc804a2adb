"""The laptop demo: embedded SQLite in the data folder, served on 127.0.0.1 only."""

import os

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = os.environ.get("TRIANGULATE_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]


def _local_secret_key():
    # A key made once per data folder, so sessions survive restarts of the demo.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        import secrets

        DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # child-level data: private (core/private_files.py)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("TRIANGULATE_SECRET_KEY") or _local_secret_key()
