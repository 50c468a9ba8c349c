#!/usr/bin/env bash
# Concurrency and faults, over real HTTP against real uvicorn processes
# (backend/tests_live): 50 simultaneous log writes and creations, PostgreSQL
# stopped and started under a running backend, two backends sharing PostgreSQL
# and Redis, Redis stopped and started.
#
# The tests stop the servers, so this script always starts a PostgreSQL and a
# Redis of its own (never the ones scripts/test.sh shares with other steps) and
# removes them at the end.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A Redis the tests restarted is not the one lib.sh's pid file names: shut it down by port.
trap 'stop_postgres; redis-cli -p "${REDIS_PORT:-0}" shutdown nosave >/dev/null 2>&1 || true; stop_redis' EXIT
ensure_python
# PostgreSQL's default, which two backends of two workers must stay within.
export PG_MAX_CONNECTIONS=100
start_postgres
start_redis

cd "$BACKEND"
export DATABASE_URL REDIS_URL PG_MAX_CONNECTIONS PG_BIN PG_DIR PG_PORT REDIS_DIR REDIS_PORT _RUN_AS_PG
DATABASE_URL="$(create_database resilience)"
DATABASE_URL="$DATABASE_URL" alembic -q upgrade head

log "resilience: concurrency and fault tests (backend/tests_live)"
timeout --kill-after=10 300 python -m pytest -q -p no:randomly tests_live "$@"
