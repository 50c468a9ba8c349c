#!/usr/bin/env bash
# `make api-types`: regenerate the client's API types and zod validators from
# the backend's OpenAPI document (client/src/generated/openapi/), installing
# what is missing first. Same as `pnpm api-types` in client/.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$ROOT/scripts/node-env.sh"

ensure_python
ensure_client_deps
cd "$CLIENT"
pnpm -s api-types
