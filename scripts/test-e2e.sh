#!/usr/bin/env bash
# The browser journeys in headless Chromium against the real backend on
# PostgreSQL with the seeded demo data, and the production client build
# served the way nginx serves it. Tokens live one minute here, so every
# journey longer than that runs on renewed tokens (CONTRACT §3).
#
# Called by scripts/test.sh with PostgreSQL and Redis already running
# (PG_URL_BASE, PG_PORT, REDIS_URL exported). Run on its own, it starts
# throw-away ones itself. Arguments pick test files (paths from client/,
# e.g. `scripts/test-e2e.sh e2e/account.test.mjs`); none runs them all.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$ROOT/scripts/node-env.sh"

E2E_TMP="$(mktemp -d /tmp/fht-e2e.XXXXXX)"
STARTED_PIDS=()
OWN_SERVICES=""

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$OWN_SERVICES" ]; then
    # Each on its own: a hiccup stopping one must not leave the other running.
    stop_postgres || true
    stop_redis || true
  fi
  rm -rf "$E2E_TMP"
}
trap cleanup EXIT

show_log_and_fail() {
  echo "---- $1 log ----" >&2
  tail -n 50 "$2" >&2 || true
  exit 1
}

if [ -z "${PG_URL_BASE:-}" ]; then
  ensure_python
  start_postgres
  start_redis
  OWN_SERVICES=1
fi
ensure_client_deps
ensure_chromium

API_PORT="$(free_port)"
WEB_PORT="$(free_port)"
E2E_DATABASE_URL="$(create_database e2e)"

log "e2e: migrating and seeding the e2e database"
(
  cd "$BACKEND"
  DATABASE_URL="$E2E_DATABASE_URL" "$VENV/bin/alembic" upgrade head >"$E2E_TMP/migrate.log" 2>&1 ||
    show_log_and_fail alembic "$E2E_TMP/migrate.log"
  DATABASE_URL="$E2E_DATABASE_URL" "$VENV/bin/python" seed.py >"$E2E_TMP/seed.log" 2>&1 ||
    show_log_and_fail seed "$E2E_TMP/seed.log"
)

log "e2e: API on port $API_PORT"
(
  cd "$BACKEND"
  export DATABASE_URL="$E2E_DATABASE_URL" REDIS_URL \
    JWT_SECRET="e2e-secret-that-is-long-enough-for-hs256-0123456789" \
    CLIENT_URL="http://127.0.0.1:$WEB_PORT" \
    RATE_LIMIT_LOGIN="1000/minute" RATE_LIMIT_REGISTER="1000/hour" RATE_LIMIT_LOGS="1000/hour" \
    ACCESS_TOKEN_EXPIRE_MINUTES=1
  exec "$VENV/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$API_PORT"
) >"$E2E_TMP/api.log" 2>&1 &
STARTED_PIDS+=("$!")
wait_for_port "$API_PORT" 60 || show_log_and_fail uvicorn "$E2E_TMP/api.log"

log "e2e: building the client against http://127.0.0.1:$API_PORT"
(cd "$CLIENT" && VITE_API_URL="http://127.0.0.1:$API_PORT" pnpm build >"$E2E_TMP/build.log" 2>&1) ||
  show_log_and_fail "client build" "$E2E_TMP/build.log"

log "e2e: client on port $WEB_PORT"
(cd "$CLIENT" && exec node scripts/serve-static.mjs "$WEB_PORT") >"$E2E_TMP/web.log" 2>&1 &
STARTED_PIDS+=("$!")
wait_for_port "$WEB_PORT" 30 || show_log_and_fail "static server" "$E2E_TMP/web.log"

log "e2e: the journeys in headless Chromium"
cd "$CLIENT"
rm -rf e2e-artifacts
export WEB_URL="http://127.0.0.1:$WEB_PORT" API_URL="http://127.0.0.1:$API_PORT" CHROMIUM_PATH=/usr/bin/chromium \
  SCREENSHOT_DIR="$CLIENT/e2e-artifacts"
if [ "$#" -gt 0 ]; then E2E=(node --test --test-concurrency=1 "$@"); else E2E=(pnpm -s e2e); fi
"${E2E[@]}" 2>&1 | tee "$E2E_TMP/e2e.log" || {
  echo "---- API log (tail) ----" >&2
  tail -n 40 "$E2E_TMP/api.log" >&2
  # Last, where a summary's excerpt finds them: which journeys failed and why, without stack frames.
  echo "---- failing journeys ----" >&2
  sed -n '/failing tests:/,$p' "$E2E_TMP/e2e.log" | grep -Ev '^ +at |^ +(generatedMessage|code|actual|expected|operator|diff):|^ *}? *$' >&2 || true
  exit 1
}
log "e2e: screenshots in client/e2e-artifacts/"
