#!/usr/bin/env bash
# Client checks: lint, typecheck, unit tests, production build, and the
# gzipped JavaScript each page ships (fails when /dashboard is over budget).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$ROOT/scripts/node-env.sh"

ensure_client_deps
cd "$CLIENT"
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
