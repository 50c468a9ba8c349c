"""The Dockerfiles fix the spec's defects (PORT expansion, root user, Node 20), without Docker."""

from __future__ import annotations

import json
import os
import re
import subprocess

from ._repo import REPO, dockerfile_instructions, dockerfile_stages, load_yaml

BACKEND = "backend/Dockerfile"
CLIENT = "client/Dockerfile"


def _last(relative: str, keyword: str) -> str:
    return [args for kw, args in dockerfile_instructions(relative) if kw == keyword][-1]


def _env(relative: str) -> dict[str, str]:
    values = {}
    for keyword, arguments in dockerfile_instructions(relative):
        if keyword == "ENV":
            values.update(re.findall(r"(\w+)=(\S+)", arguments))
    return values


def test_backend_cmd_expands_port_through_a_shell(tmp_path):
    """Run the image's CMD with a stand-in gunicorn that prints the arguments it got."""
    command = json.loads(_last(BACKEND, "CMD"))
    assert command[:2] == ["sh", "-c"]
    stub = tmp_path / "gunicorn"
    stub.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    stub.chmod(0o755)
    env = {"PATH": f"{tmp_path}:{os.environ['PATH']}", "PORT": "8123"}
    argv = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    args = argv.splitlines()
    assert args[args.index("-b") + 1] == "0.0.0.0:8123"
    assert args[args.index("-k") + 1] == "uvicorn.workers.UvicornWorker"
    assert args[args.index("-w") + 1] == "2"
    assert args[-1] == "app.main:app"
    # Unset FORWARDED_ALLOW_IPS: an empty list, i.e. no proxy is trusted
    # (gunicorn's own default would trust 127.0.0.1 and ::1).
    assert args[args.index("--forwarded-allow-ips") + 1] == ""
    env["FORWARDED_ALLOW_IPS"] = "10.0.0.2"
    argv = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert "10.0.0.2" in argv.splitlines()


def test_backend_runs_as_an_unprivileged_user():
    user = _last(BACKEND, "USER").split(":")[0]
    assert user not in {"root", "0"}


def test_backend_installs_only_the_main_dependencies_with_a_pinned_poetry():
    poetry_version = _env(BACKEND)["POETRY_VERSION"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", poetry_version)
    runs = " ".join(args for kw, args in dockerfile_instructions(BACKEND) if kw == "RUN")
    assert '"poetry==${POETRY_VERSION}"' in runs
    assert "poetry install --only main --no-root" in runs
    # CI installs the same Poetry as the image.
    workflow = load_yaml(".github/workflows/backend-ci.yml")
    assert workflow["env"]["POETRY_VERSION"] == poetry_version


def test_backend_healthcheck_needs_no_curl():
    healthcheck = _last(BACKEND, "HEALTHCHECK")
    assert '"python", "-c"' in healthcheck and "/health" in healthcheck
    assert "curl" not in healthcheck


def test_backend_dockerignore_keeps_local_state_out():
    ignored = (REPO / "backend/.dockerignore").read_text(encoding="utf-8").split()
    for entry in (".venv/", ".env", "**/__pycache__/", "*.db", ".pytest_cache/"):
        assert entry in ignored


def test_client_builds_on_node_24_and_serves_with_nginx():
    stages = dockerfile_stages(CLIENT)
    assert stages["dev"] == "node:24-alpine"
    assert stages["build"] == "dev"
    assert list(stages.values())[-1].startswith("nginx:")
    copies = [args for kw, args in dockerfile_instructions(CLIENT) if kw == "COPY"]
    assert "--from=build /app/dist /usr/share/nginx/html" in copies
    assert "nginx.conf /etc/nginx/conf.d/default.conf" in copies


def test_client_installs_the_pinned_pnpm_from_the_lockfile():
    runs = " ".join(args for kw, args in dockerfile_instructions(CLIENT) if kw == "RUN")
    assert "corepack enable" in runs and "corepack install" in runs
    assert "pnpm install --frozen-lockfile" in runs
    package = json.loads((REPO / "client/package.json").read_text(encoding="utf-8"))
    # Corepack needs an exact version to be reproducible.
    assert re.fullmatch(r"pnpm@\d+\.\d+\.\d+(\+sha\d+\.[0-9a-f]+)?", package["packageManager"])
    assert (REPO / "client/pnpm-lock.yaml").is_file()


def test_client_dockerignore_keeps_host_builds_out():
    ignored = (REPO / "client/.dockerignore").read_text(encoding="utf-8").split()
    for entry in ("node_modules/", "dist/", ".astro/", ".env"):
        assert entry in ignored
