"""SQLite smoke: migrate, seed (twice), then sign in and list habits over real HTTP.

Run from backend/ with DATABASE_URL pointing at an empty SQLite file.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

VENV_BIN = os.path.dirname(sys.executable)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(url: str, body: dict | None = None, token: str | None = None) -> object:
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return json.load(response)


def main() -> None:
    subprocess.run([f"{VENV_BIN}/alembic", "-q", "upgrade", "head"], check=True)
    for _ in range(2):
        subprocess.run([sys.executable, "seed.py"], check=True)
    port = free_port()
    server = subprocess.Popen(
        [f"{VENV_BIN}/uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)]
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                health = call(f"{base}/health")
                break
            except OSError:
                time.sleep(0.1)
        assert health == {"status": "ok", "database": "ok", "redis": "disabled"}, health
        signed_in = call(
            f"{base}/auth/login", {"email": "demo@example.com", "password": "Demo123!"}
        )
        habits = call(f"{base}/habits", token=signed_in["accessToken"])
        titles = sorted(habit["title"] for habit in habits)
        assert len(habits) == 2, habits
        assert any(habit["currentStreak"] > 0 for habit in habits), habits
        print(f"SQLite smoke ok: signed in, {len(habits)} habits: {titles}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
