#!/bin/sh
# A throwaway PostgreSQL cluster for the tests.
# Usage: eval "$(sh scripts/pg-throwaway.sh start)"  ...  sh scripts/pg-throwaway.sh stop "$PGTMP"
set -eu
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ "$(id -u)" = 0 ]; then AS="runuser -u postgres --"; else AS=""; fi   # initdb refuses to run as root
case "${1:-}" in
start)
  PGTMP=$(mktemp -d /tmp/triangulate-pg.XXXXXX)   # in /tmp: the postgres user must reach it
  [ -n "$AS" ] && chown postgres:postgres "$PGTMP"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  $AS "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGTMP/initdb.log" 2>&1
  $AS "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -o \
     "-h 127.0.0.1 -p $PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
     start >/dev/null
  echo "export PGTMP=$PGTMP DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/triangulate"
  ;;
stop)
  PGTMP=${2:?usage: pg-throwaway.sh stop PGTMP}
  $AS "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null || true
  rm -rf "$PGTMP"
  ;;
*)
  echo "usage: pg-throwaway.sh start | stop PGTMP" >&2; exit 2 ;;
esac
