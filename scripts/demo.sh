#!/bin/sh
# Install everything, then run Triangulate on the synthetic demo council at http://127.0.0.1:8000
# Usage: scripts/demo.sh [--seed N] [--children N]   (options pass to the demo council generator)
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=triangulate.config.settings.local
PY=.venv/bin/python
$PY manage.py migrate --noinput --verbosity 0
$PY manage.py collectstatic --noinput --verbosity 0
$PY manage.py demo_council "$@"
echo
# The job worker runs uploads' imports in the background while the site is up.
$PY manage.py db_worker >"${TRIANGULATE_DATA_DIR:-data}/worker.log" 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null' EXIT INT TERM
PORT=${TRIANGULATE_PORT:-8000}
echo "Triangulate is running on http://127.0.0.1:$PORT (press Ctrl+C to stop)"
$PY manage.py runserver --noreload --skip-checks 127.0.0.1:$PORT
