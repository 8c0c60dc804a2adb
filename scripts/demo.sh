#!/bin/sh
# Install everything, then run Triangulate on the synthetic demo council at http://127.0.0.1:8000
# Usage: scripts/demo.sh [--seed N] [--children N]   (options pass to the demo council generator)
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
umask 077  # the data folder holds child-level data: readable by this account only (the worker's log too)
export DJANGO_SETTINGS_MODULE=triangulate.config.settings.local
PY=.venv/bin/python
$PY manage.py migrate --noinput --verbosity 0
$PY manage.py collectstatic --noinput --verbosity 0
$PY manage.py demo_council "$@"
echo
# The job worker runs uploads' imports in the background while the site is up (jobs_worker: db_worker with
# recovery of imports interrupted by a crash, and a clean stop on SIGTERM).
$PY manage.py jobs_worker >"${TRIANGULATE_DATA_DIR:-data}/worker.log" 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null' EXIT INT TERM
export TRIANGULATE_PORT=${TRIANGULATE_PORT:-8000}
echo "Triangulate is running on http://127.0.0.1:$TRIANGULATE_PORT (press Ctrl+C to stop)"
# The production web server (gunicorn), as a council runs it behind its reverse proxy; static files are
# served by WhiteNoise from the collected folder. Not exec'd: the trap above stops the worker with it.
.venv/bin/gunicorn -c src/triangulate/config/gunicorn.py triangulate.config.wsgi
