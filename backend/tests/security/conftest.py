"""Helpers for the OWASP API Security Top 10 (2023) suite: a user with data to steal."""

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from app.core.config import Settings
from tests.utils.api import create_habit, log, register

# The contract's default limits, not the suite's generous ones (tests/conftest.py).
CONTRACT_LIMITS = {
    name: Settings.model_fields[name].default
    for name in ("rate_limit_login", "rate_limit_register", "rate_limit_logs", "rate_limit_import")
}


@dataclass(frozen=True)
class Victim:
    """A signed-in user with one habit logged on one past day."""

    headers: dict[str, str]
    habit: dict[str, Any]
    logged_day: date

    async def snapshot(self, client: AsyncClient) -> dict[str, Any]:
        """Everything the owner can read about the habit, to compare before and after."""
        habit_id = self.habit["id"]
        end = self.logged_day + timedelta(days=3)
        return {
            "habit": (await client.get(f"/habits/{habit_id}", headers=self.headers)).json(),
            "logs": (
                await client.get(
                    f"/habits/{habit_id}/logs?range=month&end={end}", headers=self.headers
                )
            ).json(),
            "list": (await client.get("/habits", headers=self.headers)).json(),
        }


@pytest.fixture
async def victim(client: AsyncClient) -> Victim:
    headers = await register(client)
    habit = await create_habit(client, headers, title="Private habit")
    day = date.today() - timedelta(days=3)
    assert (await log(client, headers, habit["id"], day)).status_code == 201
    habit = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    return Victim(headers=headers, habit=habit, logged_day=day)


@pytest.fixture
async def intruder(client: AsyncClient) -> dict[str, str]:
    return await register(client)


ClientFrom = Callable[..., AbstractAsyncContextManager[AsyncClient]]


@pytest.fixture
def client_from() -> ClientFrom:
    """`async with client_from(app, "198.51.100.1") as c`: a client at that peer address."""

    @asynccontextmanager
    async def open_client(
        app: FastAPI, address: str = "203.0.113.10"
    ) -> AsyncIterator[AsyncClient]:
        transport = ASGITransport(app=app, client=(address, 40000))
        async with AsyncClient(transport=transport, base_url="http://test") as client:
            yield client

    return open_client


@pytest.fixture
async def limited_app(app_factory) -> AsyncIterator[Callable[..., FastAPI]]:
    """Apps with other settings; their Redis connections are closed afterwards."""
    apps: list[FastAPI] = []

    def build(**overrides: object) -> FastAPI:
        apps.append(app_factory(**overrides))
        return apps[-1]

    yield build
    for app in apps:
        await app.state.rate_limits.close()


def missing_id() -> str:
    return str(uuid.uuid4())
