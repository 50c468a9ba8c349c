"""Races over real HTTP: one uvicorn process, many simultaneous requests."""

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine, text

from app.models import Frequency
from app.services import habit_state
from tests_live.conftest import create_habit, register

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
        habit = await create_habit(http, headers, "Race")
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
        positions = connection.execute(
            text("SELECT position FROM habits WHERE user_id = :user ORDER BY position"),
            {"user": me["id"]},
        ).scalars()
        # Each went last when it was created: no two share a place.
        assert list(positions) == list(range(CONCURRENCY))
    assert [habit["position"] for habit in listed] == list(range(CONCURRENCY))


def assert_stored_state_is_the_historys(engine: Engine, habit_id: str, target: int = 1) -> None:
    """The state stored on the habit's row is the one all its logs give."""
    frequency = Frequency.DAILY if target == 1 else Frequency.WEEKLY
    with engine.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT anchor, anchor_run, anchor_longest, anchor_score, total_logs "
                "FROM habits WHERE id = :id"
            ),
            {"id": habit_id},
        ).one()
        logs = connection.execute(
            text("SELECT date, status::text FROM habit_logs WHERE habit_id = :id"),
            {"id": habit_id},
        ).all()
    expected = habit_state.summarize(dict(logs), frequency, target, datetime.now(UTC).date())
    assert stored.anchor_score == pytest.approx(expected.score, abs=1e-12)
    assert (stored.anchor, stored.anchor_run, stored.anchor_longest, stored.total_logs) == (
        expected.anchor,
        expected.run,
        expected.longest,
        expected.total_logs,
    )


async def test_simultaneous_logs_and_undos_of_different_days_keep_the_streaks_right(
    start_backend, engine: Engine
) -> None:
    """Writes to one habit race; each must see what the previous one committed."""
    backend = start_backend()
    today = date.today()
    # The 30 days before today, every other one logged first (15 runs of one day).
    days = [today - timedelta(days=offset) for offset in range(30, 0, -1)]
    async with _client(backend.url) as http:
        headers = await register(http, f"streaks-{uuid.uuid4().hex[:8]}@example.com")
        habit = await create_habit(http, headers, "Streaks")
        log_path = f"/habits/{habit['id']}/log"
        for day in days[::2]:
            assert (
                await http.post(log_path, json={"date": day.isoformat()}, headers=headers)
            ).status_code == 201
        # At once: log the gaps (joining everything into one run) and undo the
        # first day, whose neighbourhood the gap after it also touches.
        writes = [
            http.post(log_path, json={"date": day.isoformat()}, headers=headers)
            for day in days[1::2]
        ]
        writes.append(
            http.delete(f"/habits/{habit['id']}/logs/{days[0].isoformat()}", headers=headers)
        )
        responses = await asyncio.gather(*writes)
        assert [response.status_code for response in responses] == [201] * 15 + [204]
        summary = (await http.get(f"/habits/{habit['id']}", headers=headers)).json()
    # Days 2..30 before today, yesterday included: one run of 29 days.
    assert (summary["totalLogs"], summary["longestStreak"], summary["currentStreak"]) == (
        29,
        29,
        29,
    )
    assert_stored_state_is_the_historys(engine, habit["id"])


async def test_breaks_racing_log_writes_and_changes_keep_the_state_right(
    start_backend, engine: Engine
) -> None:
    """Breaks lock several habits at once while single days of the same habits
    are logged, changed and undone, optimistically or under a lock."""
    backend = start_backend()
    today = datetime.now(UTC).date()
    async with _client(backend.url) as http:
        headers = await register(http, f"breaks-{uuid.uuid4().hex[:8]}@example.com")
        daily = await create_habit(http, headers, "Daily")
        weekly = (
            await http.post(
                "/habits",
                json={"title": "Weekly", "frequency": "weekly", "target": 3},
                headers=headers,
            )
        ).json()
        ids = [daily["id"], weekly["id"]]
        for habit_id in ids:
            for offset in range(1, 20, 3):
                day = (today - timedelta(days=offset)).isoformat()
                await http.post(f"/habits/{habit_id}/log", json={"date": day}, headers=headers)
        writes = []
        for start in range(0, 40, 5):  # overlapping breaks, past and ahead
            first = today - timedelta(days=20) + timedelta(days=start)
            body = {"from": first.isoformat(), "to": (first + timedelta(days=6)).isoformat()}
            writes.append(http.post("/habits/skip", json=body, headers=headers))
        for habit_id in ids:
            for offset in range(0, 20, 2):
                day = (today - timedelta(days=offset)).isoformat()
                writes.append(
                    http.post(f"/habits/{habit_id}/log", json={"date": day}, headers=headers)
                )
                writes.append(
                    http.patch(
                        f"/habits/{habit_id}/logs/{day}", json={"note": "raced"}, headers=headers
                    )
                )
            writes.append(
                http.delete(
                    f"/habits/{habit_id}/logs/{(today - timedelta(days=1)).isoformat()}",
                    headers=headers,
                )
            )
        responses = await asyncio.gather(*writes)
        for response in responses:
            assert response.status_code in (200, 201, 204, 404, 409), response.text
    assert_stored_state_is_the_historys(engine, daily["id"])
    assert_stored_state_is_the_historys(engine, weekly["id"], target=3)


async def test_a_put_racing_a_delete_of_the_same_habit_gets_200_or_404(start_backend) -> None:
    """The PUT answered 500 (StaleDataError) almost every time."""
    backend = start_backend()
    async with _client(backend.url) as http:
        headers = await register(http, f"put-delete-{uuid.uuid4().hex[:8]}@example.com")
        outcomes = []
        for round_ in range(20):
            habit = await create_habit(http, headers, f"Race {round_}")
            path = f"/habits/{habit['id']}"
            body = {"title": "Renamed", "frequency": "weekly", "target": 3}
            puts = [http.put(path, json=body, headers=headers) for _ in range(3)]
            patches = [http.patch(path, json={"title": "Patched"}, headers=headers)]
            responses = await asyncio.gather(*puts, http.delete(path, headers=headers), *patches)
            *edits, deleted = responses[:4]
            edits.append(responses[4])
            assert deleted.status_code == 204, deleted.text
            for edit in edits:
                assert edit.status_code in (200, 404), edit.text
                outcomes.append(edit.status_code)
            assert (await http.get(path, headers=headers)).status_code == 404
    # Both orders happened at least once over the rounds, or the race was not run.
    assert 404 in outcomes, outcomes


async def test_of_parallel_deletes_of_one_habit_exactly_one_succeeds(start_backend) -> None:
    """Several answered 204."""
    backend = start_backend()
    async with _client(backend.url) as http:
        headers = await register(http, f"deletes-{uuid.uuid4().hex[:8]}@example.com")
        for round_ in range(5):
            habit = await create_habit(http, headers, f"Doomed {round_}")
            path = f"/habits/{habit['id']}"
            responses = await asyncio.gather(
                *(http.delete(path, headers=headers) for _ in range(10))
            )
            statuses = sorted(response.status_code for response in responses)
            assert statuses == [204] + [404] * 9, statuses


async def test_two_backends_of_two_workers_stay_within_a_stock_postgresql(
    start_backend, engine: Engine
) -> None:
    """Two backends of two workers each (the production command) under load:
    no connection errors, and no more connections than the settings allow
    (DB_POOL_SIZE per process) against PostgreSQL's default max_connections."""
    with engine.connect() as connection:
        assert connection.execute(text("SHOW max_connections")).scalar_one() == "100"
    backends = [start_backend(workers=2), start_backend(workers=2)]
    peak = 0
    stop = asyncio.Event()

    async def watch_connections() -> None:
        nonlocal peak
        while not stop.is_set():
            with engine.connect() as connection:
                count = connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE backend_type = 'client backend'"
                    )
                ).scalar_one()
            peak = max(peak, count)
            await asyncio.sleep(0.05)

    async with _client(backends[0].url) as setup:
        headers = await register(setup, f"load-{uuid.uuid4().hex[:8]}@example.com")
        habit = await create_habit(setup, headers, "Load")
    statuses: list[int] = []

    async def user_session(number: int) -> None:
        backend = backends[number % 2]
        async with httpx.AsyncClient(base_url=backend.url, timeout=30) as http:
            for round_ in range(12):
                day = (date.today() - timedelta(days=1 + (number * 12 + round_) % 300)).isoformat()
                for request in (
                    http.get("/habits", headers=headers),
                    http.get("/stats/overview?range=month", headers=headers),
                    http.post(f"/habits/{habit['id']}/log", json={"date": day}, headers=headers),
                    http.delete(f"/habits/{habit['id']}/logs/{day}", headers=headers),
                ):
                    statuses.append((await request).status_code)

    watcher = asyncio.create_task(watch_connections())
    await asyncio.gather(*(user_session(number) for number in range(64)))
    stop.set()
    await watcher
    assert statuses and all(status < 500 for status in statuses), sorted(set(statuses))
    # The watcher's own connection, and 4 processes of at most 10 each.
    assert peak <= 1 + 4 * 10, peak
