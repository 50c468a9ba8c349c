#!/usr/bin/env bash
# Node >= 22.12 and the pinned pnpm on PATH, for the client (Astro 7).
# Source it after scripts/lib.sh. When the system's Node is older, a Node 24
# from the npm registry (package `node`) goes into $TOOLS/node; pnpm always
# comes from the npm registry into $TOOLS/pnpm, at the version that
# client/package.json pins in `packageManager`.

NODE_PACKAGE_VERSION="24.21.0"
CLIENT="$ROOT/client"
# No usage-data prompt or upload from scripted runs.
ASTRO_TELEMETRY_DISABLED=1
export CLIENT ASTRO_TELEMETRY_DISABLED

# Succeeds when `node` on PATH is at least 22.12.
_node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'
}

_pinned_pnpm_version() {
  sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$CLIENT/package.json"
}

ensure_node() {
  local node_bin="$TOOLS/node/node_modules/.bin"
  [ -x "$node_bin/node" ] && export PATH="$node_bin:$PATH"
  _node_is_recent && return 0
  log "installing Node $NODE_PACKAGE_VERSION into .tools/node"
  mkdir -p "$TOOLS/node"
  npm install --prefix "$TOOLS/node" --no-save --no-audit --no-fund --loglevel=error \
    "node@$NODE_PACKAGE_VERSION" >&2
  export PATH="$node_bin:$PATH"
  _node_is_recent || { echo "Node >= 22.12 is still missing after the install" >&2; return 1; }
}

ensure_pnpm() {
  local version pnpm_bin="$TOOLS/pnpm/node_modules/.bin"
  version="$(_pinned_pnpm_version)"
  if [ "$("$pnpm_bin/pnpm" --version 2>/dev/null)" != "$version" ]; then
    log "installing pnpm $version into .tools/pnpm"
    mkdir -p "$TOOLS/pnpm"
    npm install --prefix "$TOOLS/pnpm" --no-save --no-audit --no-fund --loglevel=error \
      "pnpm@$version" >&2
  fi
  export PATH="$pnpm_bin:$PATH"
}

# Client packages from the lockfile; skipped while the lockfile is unchanged
# since the last install.
ensure_client_deps() {
  local stamp="$CLIENT/node_modules/.lockfile.sha256" sum
  sum="$(sha256sum "$CLIENT/pnpm-lock.yaml" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "installing client packages"
    (cd "$CLIENT" && pnpm install --frozen-lockfile --reporter=append-only >&2)
    echo "$sum" >"$stamp"
  fi
}

# The browser the end-to-end journey drives (no browser downloads: Debian's).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Chromium"
    apt_install chromium
  fi
}

ensure_node
ensure_pnpm
