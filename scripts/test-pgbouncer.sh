#!/usr/bin/env bash
# The API suite through PgBouncer in transaction pooling mode (the Debian
# package), with the setting docs/OPERATIONS.md gives for it:
# DB_TRANSACTION_POOLING=true. Every route of the API is covered by the suite
# (tests/api/test_every_route.py walks them all).
#
# Called by scripts/test.sh with PostgreSQL and Redis started; standalone it
# starts them itself.
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

if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
  log "installing PgBouncer"
  apt_install pgbouncer
fi
PGBOUNCER="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"

work="$(mktemp -d /tmp/fht-pgbouncer.XXXXXX)"
bouncer_pid=""
cleanup() {
  if [ -n "$bouncer_pid" ]; then
    kill "$bouncer_pid" 2>/dev/null || true
    wait "$bouncer_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  if [ -n "$_started_services" ]; then
    stop_postgres
    stop_redis
  fi
}
trap cleanup EXIT

create_database pooled_tests >/dev/null
port="$(free_port)"
printf '"postgres" ""\n' >"$work/userlist.txt"
cat >"$work/pgbouncer.ini" <<INI
[databases]
pooled_tests = host=127.0.0.1 port=$PG_PORT dbname=pooled_tests user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $work/userlist.txt
pool_mode = transaction
; Fewer server connections than the app's pool: clients share them per transaction.
default_pool_size = 4
max_client_conn = 200
server_reset_query = DISCARD ALL
INI
run_as=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$work"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$PGBOUNCER" -q "$work/pgbouncer.ini" >>"$work/pgbouncer.log" 2>&1 &
bouncer_pid=$!
wait_for_port "$port" 15
log "pgbouncer: transaction pooling on port $port, in front of PostgreSQL on $PG_PORT"

cd "$BACKEND"
status=0
DATABASE_URL="postgresql+psycopg2://postgres@127.0.0.1:$port/pooled_tests" \
  DB_TRANSACTION_POOLING=true REDIS_URL="$REDIS_URL" ENV=test \
  python -m pytest -q -p no:randomly tests/api tests/security "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- pgbouncer log ---" >&2
  tail -n 40 "$work/pgbouncer.log" >&2 || true
fi
kill "$bouncer_pid" 2>/dev/null || true
wait "$bouncer_pid" 2>/dev/null || true
bouncer_pid=""
exit "$status"
