#!/usr/bin/env bash
# `make test`: install what is missing, start a throw-away PostgreSQL and
# Redis, then run every check. Exit 0 only when all pass.
. "$(dirname "$0")/lib.sh"

# The transfer tests (backend and browser) import a real Loop Habit Tracker
# 2.3 CSV export that is not in the repository (GPL-3.0 test input, never
# shipped): it is read from ../shared beside the clone. Say so at once rather
# than after minutes of steps.
LOOP_FIXTURE="$ROOT/../shared/fixtures/loop-csv-2.3"
if [ ! -f "$LOOP_FIXTURE/Habits.csv" ]; then
  echo "make test needs the Loop 2.3 CSV export at $LOOP_FIXTURE (shared/fixtures/ beside the repository; see README, \"Start here\")" >&2
  exit 2
fi

# Each step's output is kept too: a failure's last lines are repeated under
# the summary, where a long run's reader (or CI's excerpt) sees them.
STEP_LOGS="$(mktemp -d /tmp/fht-steps.XXXXXX)"
cleanup() {
  stop_postgres
  stop_redis
  rm -rf "$STEP_LOGS"
}
trap cleanup EXIT

ensure_python
start_postgres
start_redis

results=()
failures=()
step() {
  local name="$1"
  shift
  log "$name"
  local started=$SECONDS output="$STEP_LOGS/${#results[@]}.log"
  if "$@" 2>&1 | tee "$output"; then # pipefail (lib.sh): the step's own status counts
    results+=("PASS  $name ($((SECONDS - started))s)")
  else
    results+=("FAIL  $name ($((SECONDS - started))s)")
    failures+=("$name|$output")
  fi
}

step "backend" bash "$ROOT/scripts/test-backend.sh"
step "API through PgBouncer (transaction pooling)" bash "$ROOT/scripts/test-pgbouncer.sh"
step "API fuzzing (schemathesis)" bash "$ROOT/scripts/test-fuzz.sh"
step "concurrency and faults" bash "$ROOT/scripts/test-resilience.sh"
if [ -f "$ROOT/scripts/node-env.sh" ] && [ -f "$ROOT/client/package.json" ]; then
  . "$ROOT/scripts/node-env.sh"
  step "client" bash "$ROOT/scripts/test-client.sh"
  step "end-to-end (Chromium)" bash "$ROOT/scripts/test-e2e.sh"
fi
if [ -f "$ROOT/scripts/test-delivery.sh" ]; then
  step "delivery (compose, Dockerfiles, workflows, .http, gunicorn)" bash "$ROOT/scripts/test-delivery.sh"
fi

printf '\n'
printf '%s\n' "${results[@]}"
failed=${#failures[@]}
printf '%d passed, %d failed\n' "$((${#results[@]} - failed))" "$failed"
for failure in "${failures[@]}"; do
  printf '\n---- why "%s" failed: the last lines of its output ----\n' "${failure%%|*}"
  tail -n 15 "${failure#*|}"
done
[ "$failed" -eq 0 ]
