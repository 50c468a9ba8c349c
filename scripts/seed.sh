#!/usr/bin/env bash
# `make seed` (root or backend/): install what is missing, migrate the database
# when it is behind, seed the demo account (idempotent), then say what was
# created and how to sign in. The database is DATABASE_URL (environment, then
# backend/.env), else the SQLite file backend/fitness.db. One that cannot be
# reached: one line naming it, exit status 1.
. "$(dirname "$0")/lib.sh"

ensure_python
cd "$BACKEND"
exec python make_seed.py
