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
PORT=${TRIANGULATE_PORT:-8000}
echo "Triangulate is running on http://127.0.0.1:$PORT (press Ctrl+C to stop)"
exec $PY manage.py runserver --noreload --skip-checks 127.0.0.1:$PORT
