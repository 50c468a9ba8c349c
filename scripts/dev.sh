#!/usr/bin/env bash
# `make dev`: install what is missing, migrate, seed, then serve the API on
# :8000 and the client on :4321 until Ctrl-C.
. "$(dirname "$0")/lib.sh"

ensure_python
export FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS:-}"
cd "$BACKEND"
log "migrating the database (${DATABASE_URL:-SQLite file backend/fitness.db})"
alembic upgrade head
python seed.py

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

log "API on http://localhost:8000 (docs at /docs)"
uvicorn app.main:app --reload --reload-dir app --host 0.0.0.0 --port "${PORT:-8000}" \
  --forwarded-allow-ips "$FORWARDED_ALLOW_IPS" &
pids+=($!)

if [ -f "$ROOT/scripts/dev-client.sh" ] && [ -f "$ROOT/client/package.json" ]; then
  wait_for_port "${PORT:-8000}" 60
  log "client on http://localhost:4321"
  bash "$ROOT/scripts/dev-client.sh" &
  pids+=($!)
fi
# Stop everything as soon as either server exits.
wait -n
