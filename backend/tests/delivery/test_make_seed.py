"""`make seed` as a newcomer runs it: twice on a fresh database, then on one it cannot reach.

scripts/test-delivery.sh sets MAKE_SEED_POSTGRES_URL to an empty database on its
throw-away PostgreSQL; the SQLite file is made here.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, pool, select, table

from ._repo import REPO

# What make adds when a recipe fails (`make[1]: ***` when called from another make).
MAKE_ERROR = re.compile(r"^make(\[\d+\])?: \*\*\*")

# Table -> the noun the summary uses for it.
TABLES = {"users": "user", "habits": "habit", "habit_logs": "log", "badges": "badge"}
SIGN_IN = "sign in as demo@example.com / Demo123!"


def make_seed(database_url: str, directory: Path) -> subprocess.CompletedProcess[str]:
    """`make seed` in `directory` (the root or backend/), as a user would type it."""
    env = {**os.environ, "DATABASE_URL": database_url, "ENV": "dev"}
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "seed"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def count_rows(url: str) -> dict[str, int]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(table(name)))
                for name in TABLES
            }
    finally:
        engine.dispose()


def created_counts(output: str) -> dict[str, int]:
    """`demo data: created 1 user, 2 habits, ...` -> {"users": 1, "habits": 2, ...}."""
    line = re.search(r"^demo data: created (.*)$", output, re.MULTILINE)
    assert line, output
    table_of = {noun: name for name, noun in TABLES.items()}
    counts = {}
    for item in line.group(1).split(", "):
        number, noun = item.split(" ")
        counts[table_of[noun.removesuffix("s")]] = int(number)
    return counts


@pytest.fixture(params=["sqlite at the root", "postgresql in backend/"])
def fresh_database(request, tmp_path) -> tuple[str, Path]:
    """An empty database, and the directory `make seed` is typed in for it."""
    if request.param.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'fresh.db'}", REPO
    url = os.environ.get("MAKE_SEED_POSTGRES_URL")
    if not url:
        pytest.fail("MAKE_SEED_POSTGRES_URL (an empty database) is set by scripts/test-delivery.sh")
    return url, REPO / "backend"


def test_seed_twice_creates_once(fresh_database):
    url, directory = fresh_database

    first = make_seed(url, directory)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "schema: migrated from an empty database to revision" in first.stdout
    assert SIGN_IN in first.stdout
    after_first = count_rows(url)
    assert created_counts(first.stdout) == after_first
    assert after_first["users"] == 1
    assert after_first["habits"] == 2
    assert after_first["habit_logs"] > 0

    second = make_seed(url, directory)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "schema: up to date" in second.stdout
    assert "demo data: nothing created, the demo user already exists" in second.stdout
    assert SIGN_IN in second.stdout
    assert count_rows(url) == after_first


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("directory", [REPO, REPO / "backend"], ids=["root", "backend"])
def test_unreachable_database_is_one_line(directory):
    port = _closed_port()
    url = f"postgresql+psycopg2://demo:not-shown-pw@127.0.0.1:{port}/fitness"

    result = make_seed(url, directory)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "not-shown-pw" not in output
    # make adds its own `make: *** [Makefile:N: seed] Error 1`.
    lines = [line for line in output.splitlines() if not MAKE_ERROR.match(line)]
    assert len(lines) == 1, output
    assert f"demo:***@127.0.0.1:{port}/fitness" in lines[0]
    assert "cannot reach the database" in lines[0]
    assert "DATABASE_URL" in lines[0]


def test_missing_sqlite_directory_is_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'no-such-directory' / 'fitness.db'}"

    result = make_seed(url, REPO)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if not MAKE_ERROR.match(line)]
    assert len(lines) == 1, output
    assert url in lines[0]
    assert "directory exists" in lines[0]
