#!/usr/bin/env bash
# API fuzzing with schemathesis (4.x) against a live backend: uvicorn on a
# fresh, migrated PostgreSQL database and the shared Redis, signed in as a
# registered user. Every check schemathesis has is on (its defaults, among
# them positive_data_acceptance: a request the OpenAPI document calls valid
# must be accepted, and negative_data_rejection: one it calls invalid must be
# refused), and every phase runs: examples, coverage, fuzzing and the stateful
# phase, which follows the document's links (a created habit's id into the
# habit's operations, a created log into its change and undo, a created
# token into its revocation) with real identifiers.
# Only the Google stubs may answer 501 (tests_live/schemathesis.toml). Rules
# no JSON Schema can state are kept by tests_live/schemathesis_hooks.py; one
# of them reads the account's habits just before a request goes out, so
# requests go one at a time (--workers 1).
#
# The fuzzer signs in as `owner` with a fixed token and never learns its
# password (only POST /auth/login's dictionary has it), so POST
# /auth/password and DELETE /auth/me, which need that password, answer 403
# to it and cannot end its session; the run checks at the end that the token
# still works, which a locked-out run (every answer 401, every check passed)
# would not.
#
# Two runs: every phase once (a bounded number of cases per operation), then
# the stateful phase alone, suite after suite, for FUZZ_STATEFUL_SECONDS
# (default 45): a suite ends early when the live API's state makes Hypothesis
# draw differently on a replay (tests_live/schemathesis.toml), and only a time
# budget makes schemathesis start new ones. Hard caps stop a hung run. Fails
# on any check failure, on any traceback in the server log, and when no
# stateful step reached a habit the run created; prints what was sent per
# phase (tests_live/fuzz_summary.py).
#
# Called by scripts/test.sh with scripts/lib.sh sourced and PostgreSQL + Redis
# started. Standalone (`bash scripts/test-fuzz.sh`) it starts and stops them.
# Environment: FUZZ_STATEFUL_SECONDS, FUZZ_MAX_EXAMPLES (default 40 per
# operation), FUZZ_SEED.
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

STATEFUL_SECONDS="${FUZZ_STATEFUL_SECONDS:-45}"
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
export RATE_LIMIT_LOGS="100000/hour" RATE_LIMIT_IMPORT="100000/hour"
alembic -q upgrade head

port="$(free_port)"
log "fuzz: uvicorn on 127.0.0.1:$port, database fuzz"
uvicorn app.main:app --host 127.0.0.1 --port "$port" --log-level warning \
  --forwarded-allow-ips "" >"$work/server.log" 2>&1 &
server_pid=$!
wait_for_port "$port" 30
base="http://127.0.0.1:$port"

# Two accounts: the fuzzer acts as `owner`; object_level_authorization replays
# the owner's reads as `other`, which must not see the owner's habits (404).
# The owner's credentials are also in tests_live/schemathesis.toml, for a
# share of the generated sign-ins.
export FUZZ_AUTH_FILE="$work/auth.json"
python - "$base" "$FUZZ_AUTH_FILE" <<'PY'
import json
import sys

import httpx

base, path = sys.argv[1:]
identities = []
for name, email in (("owner", "fuzzer@example.com"), ("other", "other@example.com")):
    response = httpx.post(
        f"{base}/auth/register",
        json={"email": email, "password": "fuzzing-password-1", "name": name},
        timeout=10,
    )
    response.raise_for_status()
    header = {"name": "Authorization", "value": f"Bearer {response.json()['accessToken']}"}
    identities.append({"name": name, "fixedHeaders": [header]})
# A Web Fuzzing Commons authentication document, as schemathesis reads it.
with open(path, "w", encoding="utf-8") as document:
    json.dump({"auth": identities}, document)
PY

run_schemathesis() {
  # $1: hard cap in seconds; the rest: options for this run.
  local cap="$1"
  shift
  # A module name: imported from backend/ (the cwd), the hooks read the app's limits.
  SCHEMATHESIS_HOOKS=tests_live.schemathesis_hooks \
    timeout --signal=INT --kill-after=10 "$cap" \
    schemathesis --config-file "$BACKEND/tests_live/schemathesis.toml" --no-color \
    run "$base/openapi.json" \
    --max-examples "$MAX_EXAMPLES" \
    --workers 1 \
    --request-timeout 10 \
    --max-response-time 5 \
    --suppress-health-check too_slow \
    --generation-database none \
    "$@"
}

started=$SECONDS
status=0
log "fuzz: schemathesis, every check, every phase, seed $SEED"
run_schemathesis 240 --seed "$SEED" \
  --report ndjson --report-ndjson-path "$work/all-phases.ndjson" || status=$?
log "fuzz: schemathesis, every check, the stateful phase for ${STATEFUL_SECONDS}s"
run_schemathesis "$((STATEFUL_SECONDS + 60))" --seed "$((SEED + 1))" \
  --phases stateful --max-time "$STATEFUL_SECONDS" \
  --report ndjson --report-ndjson-path "$work/stateful.ndjson" || status=$?
if ! python - "$base" "$FUZZ_AUTH_FILE" <<'PY'
import json
import sys

import httpx

base, path = sys.argv[1:]
(owner,) = [who for who in json.load(open(path, encoding="utf-8"))["auth"] if who["name"] == "owner"]
header = owner["fixedHeaders"][0]
response = httpx.get(f"{base}/auth/me", headers={header["name"]: header["value"]}, timeout=10)
sys.exit(response.status_code != 200)
PY
then
  log "fuzz: the owner's token no longer works: the run locked itself out"
  status=1
fi
# Also fails when no stateful step reached a habit the run created.
python -m tests_live.fuzz_summary "$work"/*.ndjson >"$work/summary" || status=1
while read -r line; do log "fuzz: $line"; done <"$work/summary"
log "fuzz: schemathesis finished in $((SECONDS - started))s with status $status"
if [ "$status" -ne 0 ] || grep -q "Traceback" "$work/server.log"; then
  echo "--- server log ---" >&2
  tail -n 80 "$work/server.log" >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
