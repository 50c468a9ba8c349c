"""Races over real HTTP: one uvicorn process, many simultaneous requests."""

import asyncio
import uuid
from datetime import date, timedelta

import httpx
from sqlalchemy import Engine, text

from tests_live.conftest import register

CONCURRENCY = 50


def _client(url: str) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    return httpx.AsyncClient(base_url=url, limits=limits, timeout=30)


async def test_fifty_simultaneous_logs_of_one_date_make_one_row(
    start_backend, engine: Engine
) -> None:
    backend = start_backend()
    async with _client(backend.url) as http:
        headers = await register(http, f"race-{uuid.uuid4().hex[:8]}@example.com")
        habit = (
            await http.post(
                "/habits", json={"title": "Race", "frequency": "daily"}, headers=headers
            )
        ).json()
        day = (date.today() - timedelta(days=2)).isoformat()
        path = f"/habits/{habit['id']}/log"
        responses = await asyncio.gather(
            *(http.post(path, json={"date": day}, headers=headers) for _ in range(CONCURRENCY))
        )
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [409] * (CONCURRENCY - 1), statuses
    for response in responses:
        if response.status_code == 409:
            assert response.headers["content-type"] == "application/problem+json"
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT count(*) FROM habit_logs WHERE habit_id = :id AND date = :day"),
            {"id": habit["id"], "day": day},
        ).scalar_one()
        total = connection.execute(
            text("SELECT total_logs FROM habits WHERE id = :id"), {"id": habit["id"]}
        ).scalar_one()
    assert rows == 1
    assert total == 1  # the streak state kept on the habit agrees


async def test_fifty_simultaneous_creations_make_fifty_habits(
    start_backend, engine: Engine
) -> None:
    backend = start_backend()
    async with _client(backend.url) as http:
        headers = await register(http, f"burst-{uuid.uuid4().hex[:8]}@example.com")
        responses = await asyncio.gather(
            *(
                http.post(
                    "/habits", json={"title": f"Habit {n}", "frequency": "daily"}, headers=headers
                )
                for n in range(CONCURRENCY)
            )
        )
        assert [response.status_code for response in responses] == [201] * CONCURRENCY
        listed = (await http.get("/habits", headers=headers)).json()
        me = (await http.get("/auth/me", headers=headers)).json()["user"]
    ids = {response.json()["id"] for response in responses}
    assert len(ids) == CONCURRENCY
    assert {habit["id"] for habit in listed} == ids
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT count(*) FROM habits WHERE user_id = :user"), {"user": me["id"]}
        ).scalar_one()
    assert rows == CONCURRENCY
