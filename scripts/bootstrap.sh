#!/bin/sh
# Install everything Triangulate needs into this checkout: .venv, the Python package
# (with test extras when asked), npm assets, and the compiled, council-branded stylesheet.
# Usage: scripts/bootstrap.sh [--test]
set -eu
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  PY=$(sh scripts/find-python.sh)
  echo "Creating .venv with $PY"
  rm -rf .venv
  "$PY" -m venv .venv
fi
stamp=".venv/.installed$extras"
# an install with the test tools also satisfies a plain install
[ -z "$extras" ] && [ -f ".venv/.installed[test]" ] && [ ! pyproject.toml -nt ".venv/.installed[test]" ] && stamp=".venv/.installed[test]"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing Python packages${extras:+ (with test tools)}"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>/dev/null || true
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras" 2>&1 | grep -v "is ignored: it is neither" || true
  .venv/bin/python -c 'import triangulate, django' # fail here, clearly, if the install failed
  touch "$stamp"
fi

if [ ! -d node_modules/govuk-frontend ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -f build/assets/triangulate/triangulate.css ] || \
   [ -n "$(find src/triangulate/core/assets -newer build/assets/triangulate/triangulate.css 2>/dev/null)" ]; then
  echo "Compiling the stylesheet"
  npm run --silent build:css
fi
mkdir -p build/assets/govuk
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js.map build/assets/govuk/

# Build the KPI engine's SQL once per code version (cached on disk; about 17 s after a change to kpis/,
# 0.3 s otherwise), so the first CLI run, import or test does not pay for it.
.venv/bin/triangulate kpis --warm-cache
