#!/usr/bin/env bash
# Fail when poetry.lock or the exported requirements drift from pyproject.toml.
set -euo pipefail
cd "$BACKEND"
POETRY="$TOOLS/poetry/bin/poetry"
if [ ! -x "$POETRY" ]; then
  python3 -m venv "$TOOLS/poetry"
  "$TOOLS/poetry/bin/pip" install -q --disable-pip-version-check poetry==2.5.1 poetry-plugin-export==1.10.1
fi
"$POETRY" check --lock --quiet
tmp="$(mktemp -d)"
"$POETRY" export --without-hashes -f requirements.txt -o "$tmp/requirements.txt"
"$POETRY" export --without-hashes --with dev -f requirements.txt -o "$tmp/requirements-dev.txt"
for file in requirements.txt requirements-dev.txt; do
  if ! diff -q "$tmp/$file" "$file" >/dev/null; then
    echo "$file is out of date: run 'make -C backend requirements'" >&2
    diff -u "$file" "$tmp/$file" >&2 || true
    rm -rf "$tmp"
    exit 1
  fi
done
rm -rf "$tmp"
