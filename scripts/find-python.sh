#!/bin/sh
# Print the path of a Python interpreter >= 3.12, or exit 1.
# pyenv shims exist for versions that are not selected, so each candidate is run, not just found.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for name in python3.14 python3.13 python3.12 python3 python; do
  p=$(command -v "$name" 2>/dev/null) || continue
  if ok "$p"; then
    "$p" -c 'import sys; print(sys.executable)'; exit 0
  fi
done
root=""
if command -v pyenv >/dev/null 2>&1; then root=$(pyenv root); elif [ -d "$HOME/.pyenv" ]; then root="$HOME/.pyenv"; fi
if [ -n "$root" ]; then
  # newest first: the r must be on each key, a global -r is ignored when keys have flags
  for v in $(ls "$root/versions" 2>/dev/null | grep -E '^3\.[0-9]+\.[0-9]+$' | sort -t. -k1,1nr -k2,2nr -k3,3nr); do
    p="$root/versions/$v/bin/python3"
    if [ -x "$p" ] && ok "$p"; then echo "$p"; exit 0; fi
  done
fi
echo "No Python 3.12 or newer found on PATH or under pyenv. Install one (for example: pyenv install 3.13) and try again." >&2
exit 1
