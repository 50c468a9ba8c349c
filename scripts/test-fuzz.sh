#!/usr/bin/env bash
# API fuzzing with schemathesis (4.x) against a live backend: uvicorn on a
# fresh, migrated PostgreSQL database and the shared Redis, a Bearer token of a
# registered user, a bounded example budget and a hard 180 s cap. Fails on any
# 5xx, on a status code, content type or body that the OpenAPI document does not
# declare, and on the other checks listed in CHECKS.
#
# Called by scripts/test.sh with scripts/lib.sh sourced and PostgreSQL + Redis
# started. Standalone (`bash scripts/test-fuzz.sh`) it starts and stops them.
# Environment: FUZZ_MAX_EXAMPLES (default 40 per operation), FUZZ_SEED.
set -euo pipefail

_started_services=""
if ! declare -F create_database >/dev/null || [ -z "${PG_PORT:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  # shellcheck source=scripts/lib.sh
  . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
  ensure_python
  start_postgres
  start_redis
  _started_services=1
fi

# Every check schemathesis has, except:
#  - positive_data_acceptance: it expects 2xx for any schema-valid input, but a
#    valid random habit id is a missing habit (404), a valid log date may be a
#    duplicate (409) or in the future (422): rules the schema cannot express.
CHECKS="not_a_server_error,status_code_conformance,content_type_conformance"
CHECKS+=",response_headers_conformance,response_schema_conformance"
CHECKS+=",negative_data_rejection,missing_required_header,unsupported_method"
CHECKS+=",allow_header_conformance,use_after_free,ensure_resource_availability,ignored_auth"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-40}"
SEED="${FUZZ_SEED:-20260506}"

work="$(mktemp -d /tmp/fht-fuzz.XXXXXX)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  if [ -n "$_started_services" ]; then
    stop_postgres
    stop_redis
  fi
}
trap cleanup EXIT

cd "$BACKEND"
FUZZ_DB="$(create_database fuzz)"
export DATABASE_URL="$FUZZ_DB" REDIS_URL ENV=test FORWARDED_ALLOW_IPS=""
export JWT_SECRET="fuzz-secret-that-is-long-enough-0123456789"
# Generous limits: the fuzzer should reach the handlers, not the 429 (which is
# documented and would pass the checks anyway).
export RATE_LIMIT_LOGIN="100000/minute" RATE_LIMIT_REGISTER="100000/hour"
export RATE_LIMIT_LOGS="100000/hour"
alembic -q upgrade head

port="$(free_port)"
log "fuzz: uvicorn on 127.0.0.1:$port, database fuzz"
uvicorn app.main:app --host 127.0.0.1 --port "$port" --log-level warning \
  --forwarded-allow-ips "" >"$work/server.log" 2>&1 &
server_pid=$!
wait_for_port "$port" 30
base="http://127.0.0.1:$port"

token="$(python - "$base" <<'PY'
import sys

import httpx

response = httpx.post(
    f"{sys.argv[1]}/auth/register",
    json={"email": "fuzzer@example.com", "password": "fuzzing-password-1", "name": "Fuzzer"},
    timeout=10,
)
response.raise_for_status()
print(response.json()["accessToken"])
PY
)"

log "fuzz: schemathesis, at most $MAX_EXAMPLES examples per operation, seed $SEED"
started=$SECONDS
status=0
timeout --signal=INT --kill-after=10 180 \
  schemathesis --config-file "$BACKEND/tests_live/schemathesis.toml" --no-color \
  run "$base/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks "$CHECKS" \
  --max-examples "$MAX_EXAMPLES" \
  --seed "$SEED" \
  --workers 2 \
  --request-timeout 10 \
  --max-response-time 5 \
  --suppress-health-check too_slow \
  --generation-database none || status=$?
log "fuzz: schemathesis finished in $((SECONDS - started))s with status $status"
if [ "$status" -ne 0 ] || grep -q "Traceback" "$work/server.log"; then
  echo "--- server log ---" >&2
  tail -n 80 "$work/server.log" >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
