"""Fixtures of the delivery checks: they read repository files, never the app."""

from __future__ import annotations

import pytest

from ._repo import load_yaml


@pytest.fixture(scope="session")
def compose_services() -> dict:
    return load_yaml("docker-compose.yml")["services"]
