"""The GitHub workflows: triggers, least privilege, time limits, pinned actions, the steps."""

from __future__ import annotations

import re

import pytest

from ._repo import REPO, load_yaml

WORKFLOWS = ["backend-ci.yml", "client-ci.yml"]


def _workflow(name: str) -> dict:
    return load_yaml(f".github/workflows/{name}")


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


@pytest.mark.parametrize("name", WORKFLOWS)
def test_pull_requests_and_pushes_to_main(name):
    workflow = _workflow(name)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


@pytest.mark.parametrize("name", WORKFLOWS)
def test_least_privilege_and_time_limits(name):
    workflow = _workflow(name)
    assert workflow["permissions"] == {"contents": "read"}
    for job_name, job in workflow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 30, job_name
        assert "permissions" not in job, job_name


@pytest.mark.parametrize("name", WORKFLOWS)
def test_actions_are_pinned_to_commits(name):
    text = (REPO / ".github/workflows" / name).read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d", comment), f"{action}: say which version the commit is"


def test_backend_ci_lints_and_tests_against_postgres_and_redis():
    job = _workflow("backend-ci.yml")["jobs"]["test"]
    assert job["strategy"]["matrix"]["python-version"] == ["3.11"]
    assert job["services"]["postgres"]["image"] == "postgres:16"
    assert job["services"]["redis"]["image"].startswith("redis:7")
    assert job["env"]["DATABASE_URL"].startswith("postgresql+psycopg2://")
    runs = _runs(job)
    for command in ("pipx install", "poetry install", "ruff check", "black --check", "pytest"):
        assert command in runs
    assert "--cov" in runs
    setup_python = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup"))
    assert setup_python["with"]["cache"] == "poetry"


def test_client_ci_lints_typechecks_tests_and_builds_on_node_24():
    job = _workflow("client-ci.yml")["jobs"]["build"]
    setup_node = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-node"))
    assert str(setup_node["with"]["node-version"]) == "24"
    runs = _runs(job)
    assert "corepack enable" in runs
    for script in ("lint", "check", "test", "build"):
        assert f"pnpm run {script}" in runs
    assert "pnpm install --frozen-lockfile" in runs
    assert any(action.startswith("actions/cache@") for action in _uses(job))
    package = load_yaml("client/package.json")  # JSON is YAML
    assert {"lint", "check", "test", "build"} <= set(package["scripts"])


@pytest.mark.parametrize(
    ("name", "context"), [("backend-ci.yml", "backend"), ("client-ci.yml", "client")]
)
def test_docker_images_are_built_not_pushed(name, context):
    job = _workflow(name)["jobs"]["docker"]
    build = next(s for s in job["steps"] if s.get("uses", "").startswith("docker/build-push"))
    assert build["with"]["context"] == context
    assert build["with"]["push"] is False


def test_compose_stack_is_started_in_ci():
    runs = _runs(_workflow("backend-ci.yml")["jobs"]["compose"])
    assert "docker compose up --build" in runs
    assert "demo@example.com" in runs
