"""Live tests: real uvicorn processes over real HTTP, a PostgreSQL and a Redis
that the tests stop and start again.

Run by scripts/test-resilience.sh, which starts a PostgreSQL and a Redis of
their own (this suite stops them) and exports PG_BIN, PG_DIR, PG_PORT,
_RUN_AS_PG, REDIS_DIR, REDIS_PORT, REDIS_URL and DATABASE_URL (migrated).
"""

import os
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from redis import Redis
from sqlalchemy import Engine, create_engine

BACKEND_DIR = Path(__file__).resolve().parents[1]
REQUIRED = ("PG_BIN", "PG_DIR", "PG_PORT", "REDIS_DIR", "REDIS_PORT", "REDIS_URL", "DATABASE_URL")
JWT_SECRET = "live-tests-secret-that-is-long-enough-0123456789"


def pytest_configure(config: pytest.Config) -> None:
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(
            f"run the live tests through scripts/test-resilience.sh (missing {missing})"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    return [*shlex.split(os.environ.get("_RUN_AS_PG", "")), *command]


class Services:
    """Stop and start the PostgreSQL and Redis the backends use, on the same ports."""

    pg_bin = os.environ.get("PG_BIN", "")
    pg_dir = os.environ.get("PG_DIR", "")

    def stop_postgres(self) -> None:
        subprocess.run(
            _as_postgres(
                f"{self.pg_bin}/pg_ctl", "-D", f"{self.pg_dir}/data", "-m", "fast", "-w", "stop"
            ),
            check=True,
            capture_output=True,
            timeout=30,
        )

    def start_postgres(self) -> None:
        # The options scripts/lib.sh starts it with: same port, socket dir and settings.
        options = (
            f"-p {os.environ['PG_PORT']} -k {self.pg_dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            f"-c max_connections={os.environ.get('PG_MAX_CONNECTIONS', '300')}"
        )
        subprocess.run(
            _as_postgres(
                f"{self.pg_bin}/pg_ctl",
                "-D",
                f"{self.pg_dir}/data",
                "-l",
                f"{self.pg_dir}/log",
                "-w",
                "-t",
                "30",
                "-o",
                options,
                "start",
            ),
            check=True,
            capture_output=True,
            timeout=40,
        )

    def stop_redis(self) -> None:
        subprocess.run(
            ["redis-cli", "-p", os.environ["REDIS_PORT"], "shutdown", "nosave"],
            capture_output=True,
            timeout=10,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _listening(int(os.environ["REDIS_PORT"])):
            time.sleep(0.1)
        assert not _listening(int(os.environ["REDIS_PORT"])), "Redis did not stop"

    def start_redis(self) -> None:
        directory = os.environ["REDIS_DIR"]
        subprocess.run(
            [
                "redis-server",
                "--port",
                os.environ["REDIS_PORT"],
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--dir",
                directory,
                "--pidfile",
                f"{directory}/redis.pid",
                "--logfile",
                f"{directory}/log",
            ],
            check=True,
            timeout=10,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _listening(int(os.environ["REDIS_PORT"])):
            time.sleep(0.1)
        assert _listening(int(os.environ["REDIS_PORT"])), "Redis did not start"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Backend:
    """The real app on a port of its own: one uvicorn process, or with
    `workers`, the production command (gunicorn with uvicorn workers)."""

    def __init__(self, log_dir: Path, workers: int = 0, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"uvicorn-{self.port}.log"
        environment = {
            **os.environ,
            "ENV": "test",
            "JWT_SECRET": JWT_SECRET,
            "FORWARDED_ALLOW_IPS": "",
            "RATE_LIMIT_LOGIN": "10000/minute",
            "RATE_LIMIT_REGISTER": "10000/hour",
            "RATE_LIMIT_LOGS": "10000/hour",
            **env,
        }
        self._log = self.log_path.open("w")
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--forwarded-allow-ips",
            "",
            "--log-level",
            "warning",
        ]
        if workers:
            command = [
                sys.executable,
                "-m",
                "gunicorn",
                "-k",
                "uvicorn.workers.UvicornWorker",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "app.main:app",
            ]
        self.process = subprocess.Popen(
            command,
            cwd=BACKEND_DIR,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log()
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"backend on {self.url} did not become healthy\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture(scope="session")
def services() -> Services:
    return Services()


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    with Redis.from_url(os.environ["REDIS_URL"], socket_timeout=2) as redis:
        redis.flushdb()


@pytest.fixture
def start_backend(tmp_path: Path) -> Iterator:
    """`start_backend(RATE_LIMIT_LOGIN="5/minute")` → a running Backend, stopped afterwards."""
    started: list[Backend] = []

    def start(workers: int = 0, **env: str) -> Backend:
        started.append(Backend(tmp_path, workers, **env))
        return started[-1]

    yield start
    for backend in started:
        crashed = "Traceback" in backend.log()
        backend.stop()
        assert not crashed, backend.log()


async def register(http: httpx.AsyncClient, email: str) -> dict[str, str]:
    """Create an account over HTTP; returns its Authorization header."""
    response = await http.post(
        "/auth/register", json={"email": email, "password": "live-password-1", "name": "Live"}
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['accessToken']}"}


async def create_habit(http: httpx.AsyncClient, headers: dict[str, str], title: str) -> dict:
    """Create a daily habit over HTTP; returns it as the API shows it."""
    response = await http.post(
        "/habits", json={"title": title, "frequency": "daily"}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status
    return problem
