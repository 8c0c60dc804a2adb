"""PostgreSQL: `pg_dump --format=custom` (one snapshot while the app runs) and `pg_restore --no-owner --clean
--if-exists --single-transaction` (all or nothing). Connection settings come from Django's DATABASES; the password
goes to the child in PGPASSWORD, never on its command line (which any local user can read in ps)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

from . import BackupError

MEMBER = "database/triangulate.pgdump"
# libpq's environment variables for the OPTIONS a council may set in DATABASE_URL (?sslmode=require ...)
OPTION_VARIABLES = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                    "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT", "options": "PGOPTIONS"}
TIMEOUT_SECONDS = 6 * 60 * 60


def tool(name):
    """The newest installed pg_dump or pg_restore: TRIANGULATE_PG_BIN's, else Debian's /usr/lib/postgresql/<N>/bin
    (newest N: a newer pg_dump reads older servers, not the reverse), else the PATH's."""
    folders = [os.environ["TRIANGULATE_PG_BIN"]] if os.environ.get("TRIANGULATE_PG_BIN") else []
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda folder: [int(part) for part in re.findall(r"\d+", folder.parent.name)] or [0])
    folders += [str(folder) for folder in reversed(versions)]
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(f"{name} was not found (looked in TRIANGULATE_PG_BIN, /usr/lib/postgresql/*/bin and the PATH). "
                      "Install PostgreSQL's client programs (Debian and Ubuntu: apt-get install postgresql-client) "
                      "of the server's version or newer.")


def environment(settings_dict):
    """The child's environment: libpq variables from the Django database settings (the password among them)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    values = {"PGHOST": settings_dict.get("HOST"), "PGPORT": settings_dict.get("PORT"),
              "PGUSER": settings_dict.get("USER"), "PGPASSWORD": settings_dict.get("PASSWORD"),
              "PGDATABASE": settings_dict.get("NAME")}
    for option, variable in OPTION_VARIABLES.items():
        values[variable] = (settings_dict.get("OPTIONS") or {}).get(option)
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def _run(arguments, settings_dict, what):
    try:
        result = subprocess.run(arguments, env=environment(settings_dict), capture_output=True, text=True,
                                timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise BackupError(f"{what} took longer than {TIMEOUT_SECONDS // 3600} hours and was stopped.") from None
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def dump(connection, target):
    settings_dict = connection.settings_dict
    _run([tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"], settings_dict, "pg_dump")


def tables_in_dump(path, settings_dict):
    """The tables a custom-format dump creates, from pg_restore --list ("1234; 1259 16390 TABLE public name owner")."""
    listing = _run([tool("pg_restore"), "--list", str(path)], settings_dict, "pg_restore --list")
    return {match.group(1) for match in re.finditer(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", listing, re.M)}


def restore(connection, path):
    """Load the dump into the configured database in one transaction: on any error nothing is changed."""
    connection.close()
    _run([tool("pg_restore"), "--no-owner", "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
          "--no-password", f"--dbname={connection.settings_dict['NAME']}", str(path)],
         connection.settings_dict, "pg_restore")
