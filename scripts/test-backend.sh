#!/usr/bin/env bash
# Backend checks: lint, lock drift, the suite on PostgreSQL + Redis with
# coverage, the API suite again on SQLite without Redis (what `make dev` runs
# on by default), migrations up/down on both databases, and a SQLite smoke.
# Expects PostgreSQL and Redis started (scripts/test.sh or scripts/backend-suite.sh).
. "$(dirname "$0")/lib.sh"
cd "$BACKEND"

log "backend: ruff + black"
ruff check .
black --check -q .

log "backend: poetry.lock and requirements files match pyproject.toml"
bash "$ROOT/scripts/check-requirements.sh"

log "backend: test suite on PostgreSQL + Redis (coverage >= 90 %)"
TEST_DB="$(create_database backend_tests)"
DATABASE_URL="$TEST_DB" REDIS_URL="$REDIS_URL" ENV=test \
  coverage run -m pytest -q -p no:randomly "$@"

log "backend: the API suite on SQLite without Redis (make dev's default)"
SQLITE_DIR="$(mktemp -d)"
DATABASE_URL="sqlite:///$SQLITE_DIR/api.db" REDIS_URL="" ENV=test \
  coverage run -a -m pytest -q -p no:randomly tests/api tests/security
coverage report

log "backend: migrations up, down and up again (PostgreSQL, SQLite)"
MIGRATE_DB="$(create_database migrations)"
for url in "$MIGRATE_DB" "sqlite:///$SQLITE_DIR/migrations.db"; do
  DATABASE_URL="$url" alembic -q upgrade head
  DATABASE_URL="$url" alembic -q check
  DATABASE_URL="$url" alembic -q downgrade base
  DATABASE_URL="$url" alembic -q upgrade head
done

log "backend: SQLite smoke (migrate, seed twice, sign in, list habits)"
DATABASE_URL="sqlite:///$SQLITE_DIR/smoke.db" REDIS_URL="" python "$ROOT/scripts/sqlite_smoke.py"
rm -rf "$SQLITE_DIR"
