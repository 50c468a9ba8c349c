#!/usr/bin/env bash
# The Astro dev server on http://localhost:4321, against the API at
# $VITE_API_URL (default http://localhost:8000). Called by `make dev`.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$ROOT/scripts/node-env.sh"

ensure_client_deps
cd "$CLIENT"
# Unset, the client falls back to client/.env, then to http://localhost:8000 (src/lib/config.ts).
log "client: http://localhost:4321 (API ${VITE_API_URL:-from client/.env or http://localhost:8000})"
exec pnpm exec astro dev --host 0.0.0.0 --port 4321
