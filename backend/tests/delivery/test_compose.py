"""docker-compose.yml keeps the promises of the delivery issue, checked without Docker."""

from __future__ import annotations

import re

import pytest

from ._repo import REPO, dockerfile_stages, load_yaml


def _command_text(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_four_services_on_the_specified_images(compose_services):
    assert set(compose_services) == {"db", "redis", "backend", "client"}
    assert compose_services["db"]["image"] == "postgres:16"
    assert compose_services["redis"]["image"] == "redis:7-alpine"
    assert compose_services["backend"]["build"]["context"] == "./backend"
    assert compose_services["client"]["build"]["context"] == "./client"


@pytest.mark.parametrize(
    ("service", "port"), [("db", 5432), ("redis", 6379), ("backend", 8000), ("client", 4321)]
)
def test_published_ports(compose_services, service, port):
    assert f"{port}:{port}" in compose_services[service]["ports"]


def test_database_lives_in_the_pgdata_volume(compose_services):
    assert "pgdata" in load_yaml("docker-compose.yml")["volumes"]
    assert "pgdata:/var/lib/postgresql/data" in compose_services["db"]["volumes"]


@pytest.mark.parametrize(("service", "probe"), [("db", "pg_isready"), ("redis", "redis-cli ping")])
def test_db_and_redis_report_health(compose_services, service, probe):
    test = compose_services[service]["healthcheck"]["test"]
    assert probe in " ".join(test)


def test_backend_waits_for_a_healthy_db_and_redis(compose_services):
    depends_on = compose_services["backend"]["depends_on"]
    assert depends_on == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_backend_migrates_then_seeds_then_serves(compose_services):
    command = _command_text(compose_services["backend"])
    migrate = command.index("alembic upgrade head")
    seed = command.index("python seed.py")
    serve = command.index("uvicorn app.main:app")
    assert migrate < seed < serve
    # `&&`: a failed migration or seed stops the container instead of serving.
    assert re.search(r"alembic upgrade head\s+&&\s+python seed.py\s+&&\s+exec uvicorn", command)
    assert "--reload" in command
    assert "--host 0.0.0.0" in command
    assert '--forwarded-allow-ips "$${FORWARDED_ALLOW_IPS-}"' in command


def test_backend_healthcheck_uses_what_the_slim_image_has(compose_services):
    test = compose_services["backend"]["healthcheck"]["test"]
    assert test[:2] == ["CMD", "python"]
    assert "/health" in test[-1]
    assert "curl" not in " ".join(test) and "wget" not in " ".join(test)


def test_backend_talks_to_the_compose_services(compose_services):
    environment = compose_services["backend"]["environment"]
    assert environment["DATABASE_URL"] == "postgresql+psycopg2://postgres:postgres@db:5432/fitness"
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["CLIENT_URL"] == "${CLIENT_URL:-http://localhost:4321}"
    assert environment["FORWARDED_ALLOW_IPS"] == "${FORWARDED_ALLOW_IPS:-}"
    default_secret = re.fullmatch(r"\$\{JWT_SECRET:-(.+)\}", environment["JWT_SECRET"]).group(1)
    assert len(default_secret) >= 32 and default_secret != "change-me"


def test_client_dev_service_builds_the_node_stage(compose_services):
    client = compose_services["client"]
    stages = dockerfile_stages("client/Dockerfile")
    target = client["build"]["target"]
    assert stages[target].startswith("node:24")
    assert list(stages)[-1] != target  # the last stage is nginx, which has no pnpm
    assert client["command"][:2] == ["pnpm", "dev"]
    assert "--host" in client["command"] and "4321" in client["command"]
    assert client["depends_on"] == {"backend": {"condition": "service_healthy"}}
    # The image's node_modules, not the host's, under the bind mount.
    assert "/app/node_modules" in client["volumes"]


def test_client_reaches_the_published_backend(compose_services):
    environment = compose_services["client"]["environment"]
    assert environment["VITE_API_URL"] == "${VITE_API_URL:-http://localhost:8000}"


def test_a_fresh_clone_needs_no_env_file(compose_services):
    for name, service in compose_services.items():
        for entry in service.get("env_file", []):
            if isinstance(entry, str):
                assert (REPO / entry).is_file(), f"{name}: {entry} is not in the repository"
            else:
                assert entry.get("required") is False or (REPO / entry["path"]).is_file(), name
