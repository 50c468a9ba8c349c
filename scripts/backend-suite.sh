#!/usr/bin/env bash
# `make -C backend test`: the backend checks alone, on throw-away PostgreSQL + Redis.
. "$(dirname "$0")/lib.sh"
trap 'stop_postgres; stop_redis' EXIT
ensure_python
start_postgres
start_redis
bash "$ROOT/scripts/test-backend.sh" "$@"
