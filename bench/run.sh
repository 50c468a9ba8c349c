#!/usr/bin/env bash
# `make bench`: the product against its floor, same machine, same database, same run.
#
# Throw-away PostgreSQL + Redis, 1,000 users x 10 habits x 365 days of logs,
# the backend and the floor app each under gunicorn (2 uvicorn workers), each
# endpoint driven by wrk for BENCH_DURATION at 32 connections, product and
# floor endpoints interleaved; then a 20-habit, 5-year Loop backup imported
# and exported (bench/transfer.py). Prints the table and writes it into
# docs/PERFORMANCE.md.
#
#   BENCH_DURATION   seconds per endpoint (default 15)
#   BENCH_DOC        where to write the results (default docs/PERFORMANCE.md; "" = don't)
. "$(dirname "$0")/../scripts/lib.sh"

DURATION="${BENCH_DURATION:-15}"
CONNECTIONS=32
WARMUP=3
HISTORY_SECONDS=5
export BENCH_DOC="${BENCH_DOC-$ROOT/docs/PERFORMANCE.md}"
OUT="$(mktemp -d /tmp/fht-bench.XXXXXX)"
SERVER_PIDS=()
STARTED=$SECONDS

stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
}
cleanup() {
  stop_servers
  stop_postgres
  # Redis may still be writing its log as it exits: a failed rm is not a failed run.
  stop_redis 2>/dev/null || { sleep 1; rm -rf "${REDIS_DIR:-}"; }
  rm -rf "$OUT"
}
trap cleanup EXIT

ensure_python
command -v wrk >/dev/null || { log "installing wrk"; apt_install wrk; }
start_postgres
start_redis

# Production settings, except the per-user limit on log writes: the write
# benchmark logs thousands of times per user and hour (the contract's default
# is 60/hour), so it is raised here and only here.
export ENV=prod
export JWT_SECRET="bench-$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
export RATE_LIMIT_LOGS="100000000/hour"
export FORWARDED_ALLOW_IPS=""

log "bench: migrating and seeding"
(cd "$BACKEND" && alembic -q upgrade head)
python "$ROOT/bench/seed_bulk.py" "$OUT"

# Start gunicorn (the production command) in $2 serving $3, named $1;
# sets PID_$1 and PORT_$1.
start_server() {
  local name="$1" port pid i
  port="$(free_port)"
  (cd "$2" && exec gunicorn -k uvicorn.workers.UvicornWorker -w 2 -b "127.0.0.1:$port" \
    --forwarded-allow-ips "" "$3") >"$OUT/$name.log" 2>&1 &
  pid=$!
  SERVER_PIDS+=("$pid")
  printf -v "PID_$name" %s "$pid"
  printf -v "PORT_$name" %s "$port"
  # The master listens at once; the workers take seconds to import the app.
  for ((i = 0; i < 600; i++)); do
    [ "$(grep -c 'Application startup complete' "$OUT/$name.log")" -ge 2 ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$OUT/$name.log" >&2
  echo "gunicorn ($name) did not start its 2 workers" >&2
  return 1
}

# CPU seconds used so far by the given processes (user + system).
cpu_seconds() {
  local ticks=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$ticks $(getconf CLK_TCK)" | awk '{printf "%.3f", $1 / $2}'
}

# wrk with the Lua script: drive NAME on SERVER (product|floor) in MODE for
# SECONDS at CONNECTIONS, users from FILE.
drive() {
  local name="$1" server="$2" mode="$3" seconds="$4" connections="$5" file="$6"
  local pid_var="PID_$server" port_var="PORT_$server" workers before after
  workers="$(pgrep -P "${!pid_var}" | tr '\n' ' ')"
  before="$(cpu_seconds $workers)"
  wrk -t"$connections" -c"$connections" -d"${seconds}s" --latency -s "$ROOT/bench/requests.lua" \
    "http://127.0.0.1:${!port_var}" -- "$mode" "$file" "$connections" >"$OUT/wrk.txt" 2>"$OUT/wrk.err"
  after="$(cpu_seconds $workers)"
  grep -h '^non-2xx' "$OUT/wrk.err" | sed "s|^|  $name: |" >&2 || true
  sed -n 's/^BENCH_RESULT //p' "$OUT/wrk.txt" |
    python3 -c 'import json, sys; r = json.load(sys.stdin); r.update(name=sys.argv[1], cpu_s=float(sys.argv[2])); print(json.dumps(r))' \
      "$name" "$(echo "$after $before" | awk '{print $1 - $2}')" >>"$OUT/results.jsonl"
  log "  $name: $(tail -n 1 "$OUT/results.jsonl")"
}

warm_up() {
  wrk -t4 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/bench/requests.lua" \
    "http://127.0.0.1:$1" -- "$2" "$OUT/tokens.tsv" 4 >/dev/null 2>&1
}

log "bench: product (gunicorn app.main:app) and floor (gunicorn floor_app:app), 2 workers each"
start_server product "$BACKEND" app.main:app
start_server floor "$ROOT/bench" floor_app:app
warm_up "$PORT_product" habits
warm_up "$PORT_floor" row
uptime >"$OUT/load-before.txt"

# Interleaved, each product endpoint next to the floor endpoint it is held
# against, so that both see the same background load (the machine is shared);
# an idle server costs nothing meanwhile.
log "bench: ${DURATION}s per endpoint at $CONNECTIONS connections"
drive "floor GET /plain" floor plain "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
drive "GET /habits" product habits "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
drive "floor GET /list" floor list "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
drive "GET /stats/overview?range=month" product stats "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
drive "GET /habits/{id}/logs?range=month" product logs "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
drive "floor GET /row" floor row "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
drive "POST /habits/{id}/log + DELETE" product write "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
drive "GET /habits/{id}/scores, a year" product scores "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
# Last: the breaks leave skipped days ahead in the users' recent logs.
drive "POST /habits/skip, 2 weeks of 10 habits" product skip "$DURATION" "$CONNECTIONS" "$OUT/tokens.tsv"
# One connection, one user: latency against the length of the user's history.
# Twice, interleaved (report.py keeps the lower p50 of each): a single 5 s
# run moves with the machine's background load.
for _round in 1 2; do
  while IFS=$'\t' read -r label token; do
    printf '%s\t%s\n' "$label" "$token" >"$OUT/one-user.tsv"
    drive "stats month, $label of history" product history "$HISTORY_SECONDS" 1 "$OUT/one-user.tsv"
    drive "habits, $label of history" product history_habits "$HISTORY_SECONDS" 1 "$OUT/one-user.tsv"
  done <"$OUT/history.tsv"
done
for pid in $(pgrep -P "$PID_product"); do
  awk '/^VmHWM/ {print $2}' "/proc/$pid/status"
done >"$OUT/rss-kb.txt"
# After the wrk runs (their peak RSS is read above): the transfer bench resets
# the workers' peaks for each of its requests.
log "bench: export and import of a 20-habit, 5-year Loop backup, and the floor's bulk insert"
python "$ROOT/bench/transfer.py" "$OUT" "$PORT_product" "$PORT_floor" $(pgrep -P "$PID_product")
uptime >"$OUT/load-after.txt"
stop_servers
# Why any answer was not 2xx: the errors the servers logged, counted.
for name in product floor; do
  grep -h -E '^[A-Za-z_.]+(Error|Exception|Timeout)[A-Za-z_]*:' "$OUT/$name.log" | cut -c1-160 |
    sort | uniq -c | sort -rn | head -n 5 | sed "s|^|  $name logged: |" >&2 || true
done

log "bench: SQL statements per request"
python "$ROOT/bench/count_sql.py" "$OUT/tokens.tsv" "$OUT/sql.json"

python "$ROOT/bench/report.py" "$OUT" --duration "$DURATION" --connections "$CONNECTIONS" \
  --elapsed "$((SECONDS - STARTED))"
