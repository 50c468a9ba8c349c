#!/usr/bin/env bash
# `make lighthouse` (not part of `make test`): Lighthouse on /login,
# /dashboard, /habit/<id> and /settings, mobile and desktop, signed in as the
# demo user, against the production build served the way nginx serves it and
# the API on a throw-away PostgreSQL + Redis. Writes docs/LIGHTHOUSE.md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$ROOT/scripts/node-env.sh"

LIGHTHOUSE_VERSION="13.5.0"
LH_TMP="$(mktemp -d /tmp/fht-lighthouse.XXXXXX)"
STARTED_PIDS=()

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_postgres || true
  stop_redis || true
  rm -rf "$LH_TMP"
}
trap cleanup EXIT

# Lighthouse is big and needed only here: it lives in .tools/, not in the client's packages.
ensure_lighthouse() {
  local dir="$TOOLS/lighthouse"
  if [ "$(node -p "require('$dir/node_modules/lighthouse/package.json').version" 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
    log "installing Lighthouse $LIGHTHOUSE_VERSION into .tools/lighthouse"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION" >&2
  fi
  LIGHTHOUSE_DIR="$dir/node_modules"
  export LIGHTHOUSE_DIR
}

ensure_python
ensure_client_deps
ensure_chromium
ensure_lighthouse
start_postgres
start_redis

API_PORT="$(free_port)"
WEB_PORT="$(free_port)"
DB_URL="$(create_database lighthouse)"
log "lighthouse: migrating and seeding"
(cd "$BACKEND" && DATABASE_URL="$DB_URL" "$VENV/bin/alembic" upgrade head >"$LH_TMP/migrate.log" 2>&1 &&
  DATABASE_URL="$DB_URL" "$VENV/bin/python" seed.py >"$LH_TMP/seed.log" 2>&1)

(
  cd "$BACKEND"
  export DATABASE_URL="$DB_URL" REDIS_URL CLIENT_URL="http://127.0.0.1:$WEB_PORT" \
    JWT_SECRET="lighthouse-secret-that-is-long-enough-0123456789"
  exec "$VENV/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$API_PORT"
) >"$LH_TMP/api.log" 2>&1 &
STARTED_PIDS+=("$!")
wait_for_port "$API_PORT" 60

log "lighthouse: building the client"
(cd "$CLIENT" && VITE_API_URL="http://127.0.0.1:$API_PORT" pnpm build >"$LH_TMP/build.log" 2>&1)
(cd "$CLIENT" && exec node scripts/serve-static.mjs "$WEB_PORT") >"$LH_TMP/web.log" 2>&1 &
STARTED_PIDS+=("$!")
wait_for_port "$WEB_PORT" 30

log "lighthouse: 4 pages × mobile and desktop"
cd "$CLIENT"
WEB_URL="http://127.0.0.1:$WEB_PORT" API_URL="http://127.0.0.1:$API_PORT" CHROMIUM_PATH=/usr/bin/chromium \
  REPORT="$ROOT/docs/LIGHTHOUSE.md" node scripts/lighthouse.mjs
