#!/bin/sh
# Run the whole test suite on SQLite, then on a real PostgreSQL server.
# With TEST_DATABASE_URL=postgres://... the PostgreSQL run uses that server; otherwise
# Debian's postgresql is installed if missing and a throwaway cluster is started and stopped.
# Extra arguments go to pytest (e.g. scripts/test.sh -k permissions).
set -eu
cd "$(dirname "$0")/.."

need_apt=""
[ -x /usr/bin/chromium ] || need_apt="$need_apt chromium fonts-liberation"
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

echo "== Tests on SQLite"
env -u DATABASE_URL $PY -m pytest "$@"

echo "== Tests on PostgreSQL"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  DATABASE_URL=$TEST_DATABASE_URL $PY -m pytest "$@"
else
  eval "$(sh scripts/pg-throwaway.sh start)"
  trap 'sh scripts/pg-throwaway.sh stop "$PGTMP"' EXIT INT TERM
  $PY -m pytest "$@"
fi
