#!/usr/bin/env bash
# `make dev`: install what is missing, migrate and seed (as `make seed` does),
# then serve the API on :8000 and the client on :4321 until Ctrl-C, and say
# where to sign in once both answer.
. "$(dirname "$0")/lib.sh"

ensure_python
export FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS:-}"
API_PORT="${PORT:-8000}"
CLIENT_PORT=4321
cd "$BACKEND"
# Migrates when behind, seeds the demo account; an unusable database: one line, exit 1.
python make_seed.py

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "API on http://localhost:$API_PORT (docs at /docs)"
uvicorn app.main:app --reload --reload-dir app --host 0.0.0.0 --port "$API_PORT" \
  --forwarded-allow-ips "$FORWARDED_ALLOW_IPS" &
pids+=($!)
ports=("$API_PORT")

if [ -f "$ROOT/scripts/dev-client.sh" ] && [ -f "$ROOT/client/package.json" ]; then
  wait_for_port "$API_PORT" 60
  log "client on http://localhost:$CLIENT_PORT"
  bash "$ROOT/scripts/dev-client.sh" &
  pids+=($!)
  ports+=("$CLIENT_PORT")
fi

# The first run installs the client's packages before it answers: wait as long
# as that takes, but not for a server that has already given up.
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "${ports[@]}"; do
  until answers "$port"; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a server stopped before answering" >&2; exit 1; }
    done
    sleep 0.5
  done
done
if [ "${#ports[@]}" -eq 2 ]; then
  log "ready: open http://localhost:$CLIENT_PORT and sign in as demo@example.com / Demo123! (Ctrl-C stops both servers)"
else
  log "ready: the API answers on http://localhost:$API_PORT; demo account demo@example.com / Demo123! (Ctrl-C stops it)"
fi
# Stop everything as soon as either server exits.
wait -n "${pids[@]}"
