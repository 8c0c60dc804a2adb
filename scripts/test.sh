#!/bin/sh
# Run the whole test suite on SQLite, then on a real PostgreSQL server.
# With TEST_DATABASE_URL=postgres://... the PostgreSQL run uses that server; otherwise
# Debian's postgresql is installed if missing and a throwaway cluster is started and stopped.
# Extra arguments go to pytest (e.g. scripts/test.sh -k permissions).
set -eu
cd "$(dirname "$0")/.."

need_apt=""
[ -x /usr/bin/chromium ] || need_apt="$need_apt chromium fonts-liberation"
# the export tests open every download in LibreOffice and read the board pack's PDF text with poppler
[ -x /usr/bin/soffice ] || need_apt="$need_apt libreoffice-calc-nogui"
# Word reports (reports/docx.py) are opened in Writer, which Calc alone does not bring
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 \
  || need_apt="$need_apt libreoffice-writer-nogui"
[ -x /usr/bin/pdftotext ] || need_apt="$need_apt poppler-utils"
# tests/deploy runs `nginx -t` on the example site (deploy/nginx/triangulate.conf)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt="$need_apt nginx-light"
if [ -z "${TEST_DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt="$need_apt postgresql"
fi
if [ -n "$need_apt" ]; then
  echo "Installing Debian packages:$need_apt"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need_apt >/dev/null
fi

sh scripts/bootstrap.sh --test
PY=.venv/bin/python

echo "== Lint (ruff)"
.venv/bin/ruff check src tests bench

# One worker per core (TEST_WORKERS=1 for one process), a test file to a worker so a module's fixtures
# are built once; each worker has its own test database and its own browser.
PARALLEL="-n ${TEST_WORKERS:-auto} --dist loadfile --durations=25"  # the slowest tests, in the log, to keep CI short

echo "== Tests on SQLite"
env -u DATABASE_URL $PY -m pytest -m "not spark" $PARALLEL "$@"

# Every test that touches the database runs again on PostgreSQL (tests/conftest.py deselects the others: a parser or
# a KPI definition gives the same answer whichever database the settings name). Of the browser tests only the whole
# journeys do: the pages' accessibility and script do not depend on the database, and the journeys cross every write
# the pages make.
echo "== Tests on PostgreSQL"
ON_PG="not spark and (not browser or journey)"
export TRIANGULATE_DB_TESTS_ONLY=1
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  DATABASE_URL=$TEST_DATABASE_URL $PY -m pytest -m "$ON_PG" $PARALLEL "$@"
else
  eval "$(sh scripts/pg-throwaway.sh start)"
  trap 'sh scripts/pg-throwaway.sh stop "$PGTMP"' EXIT INT TERM
  $PY -m pytest -m "$ON_PG" $PARALLEL "$@"
fi
unset TRIANGULATE_DB_TESTS_ONLY

# The KPI engine on Spark must give the same figures as on DuckDB: run it wherever Java is.
if command -v java >/dev/null 2>&1 && [ "${TRIANGULATE_SKIP_SPARK:-}" != "1" ]; then
  echo "== KPI engine conformance: DuckDB and Spark"
  $PY -c 'import pyspark' 2>/dev/null || $PY -m pip install --quiet --disable-pip-version-check -e ".[test,spark]" 2>&1 | grep -v "is ignored: it is neither" || true
  env -u DATABASE_URL $PY -m pytest -m spark "$@"
else
  echo "== Skipping the Spark conformance test: no Java here"
fi
