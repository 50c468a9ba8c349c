#!/usr/bin/env bash
# Client checks: the API types are those the backend's OpenAPI document
# generates, lint, typecheck, unit tests, production build, and the gzipped
# JavaScript each page ships (fails when a page is over its budget).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$ROOT/scripts/node-env.sh"

ensure_python
ensure_client_deps
cd "$CLIENT"
log "client: API types up to date with the backend's OpenAPI document"
pnpm -s api-types:check
log "client: lint (eslint)"
pnpm lint
log "client: typecheck (astro check)"
pnpm check
log "client: unit tests (vitest)"
pnpm test
log "client: build"
pnpm build
log "client: gzipped JavaScript per page"
pnpm size
