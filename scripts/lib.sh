#!/usr/bin/env bash
# Shared shell helpers for make dev / make test. Source it: `. scripts/lib.sh`.
# Everything installs itself on first use, so a fresh machine needs only
# python3 >= 3.11, node, npm and make.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BACKEND="$ROOT/backend"
TOOLS="$ROOT/.tools"
VENV="$BACKEND/.venv"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
export ROOT BACKEND TOOLS VENV

log() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }

# Print a TCP port nobody listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Wait until something answers on 127.0.0.1:$1 (at most $2 seconds, default 30).
wait_for_port() {
  local port="$1" limit="${2:-30}" i
  for ((i = 0; i < limit * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $port after ${limit}s" >&2
  return 1
}

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "missing $*: install it (apt-get install $*) or run as root" >&2
    return 1
  fi
  if [ -z "${_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    _APT_UPDATED=1
  fi
  # Keep the packages' system services (nginx on :80, a PostgreSQL on :5432)
  # from starting: the scripts start their own throw-away servers.
  local policy=/usr/sbin/policy-rc.d own_policy="" status=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || status=$?
  if [ -n "$own_policy" ]; then rm -f "$policy"; fi
  return "$status"
}

# Backend virtualenv with the pinned dev requirements; reinstalls when they change.
ensure_python() {
  local req="$BACKEND/requirements-dev.txt" stamp="$VENV/.requirements.sha256" sum
  sum="$(sha256sum "$req" | cut -d' ' -f1)"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating backend virtualenv"
    python3 -m venv "$VENV"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "installing backend packages"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$req"
    echo "$sum" >"$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

# Throw-away PostgreSQL from the local binaries, on a free port, in a temp dir.
# Exports PG_PORT, PG_URL_BASE (no database name) and DATABASE_URL (database "fitness").
start_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    log "installing PostgreSQL"
    apt_install postgresql
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  PG_DIR="$(mktemp -d /tmp/fht-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  local run_as=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: hand the cluster to the postgres user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    run_as=(runuser -u postgres --)
  fi
  "${run_as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run_as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=${PG_MAX_CONNECTIONS:-300}" start >/dev/null
  PG_URL_BASE="postgresql+psycopg2://postgres@127.0.0.1:$PG_PORT"
  create_database fitness >/dev/null
  DATABASE_URL="$PG_URL_BASE/fitness"
  export PG_DIR PG_PORT PG_URL_BASE DATABASE_URL PG_BIN
  _RUN_AS_PG="${run_as[*]}"
  export _RUN_AS_PG
  log "PostgreSQL on port $PG_PORT"
}

# Create an empty database on the throw-away server; prints its SQLAlchemy URL.
create_database() {
  PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\"" >/dev/null
  echo "$PG_URL_BASE/$1"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  ${_RUN_AS_PG:-} "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR" || true
  PG_DIR=""
}

# Throw-away Redis on a free port. Exports REDIS_PORT and REDIS_URL.
start_redis() {
  if ! command -v redis-server >/dev/null; then
    log "installing Redis"
    apt_install redis-server
  fi
  REDIS_DIR="$(mktemp -d /tmp/fht-redis.XXXXXX)"
  REDIS_PORT="$(free_port)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/log" >/dev/null
  wait_for_port "$REDIS_PORT" 10
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  export REDIS_DIR REDIS_PORT REDIS_URL
  log "Redis on port $REDIS_PORT"
}

stop_redis() {
  [ -n "${REDIS_DIR:-}" ] || return 0
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  # Wait until it is gone: it writes its log until the very end.
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null || break
    sleep 0.1
  done
  rm -rf "$REDIS_DIR" || true
  REDIS_DIR=""
}

# Step scripts run as child processes: hand them the helpers too.
export -f log free_port wait_for_port apt_install ensure_python create_database
