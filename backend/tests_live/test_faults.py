"""Faults while the backend runs: PostgreSQL or Redis goes away and comes back."""

import asyncio
import time
import uuid

import httpx

from tests_live.conftest import Services, assert_problem, create_habit, register

ANSWER_WITHIN_SECONDS = 5


async def _timed(request) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    # The client gives up later than the contract's bound, so a hang shows as a failure.
    response = await asyncio.wait_for(request, timeout=ANSWER_WITHIN_SECONDS * 3)
    return response, time.monotonic() - started


async def log_ok(http: httpx.AsyncClient, headers: dict[str, str], habit_id: str, day: str) -> None:
    logged = await http.post(f"/habits/{habit_id}/log", json={"date": day}, headers=headers)
    assert logged.status_code == 201, logged.text


async def test_postgres_down_is_a_quick_503_and_back_up_needs_no_restart(
    start_backend, services: Services
) -> None:
    backend = start_backend()
    async with httpx.AsyncClient(base_url=backend.url, timeout=30) as http:
        headers = await register(http, f"outage-{uuid.uuid4().hex[:8]}@example.com")
        habit = await create_habit(http, headers, "Outage")
        services.stop_postgres()
        try:
            requests = {
                "health": lambda: http.get("/health"),
                "list": lambda: http.get("/habits", headers=headers),
                "read": lambda: http.get(f"/habits/{habit['id']}", headers=headers),
                "log": lambda: http.post(f"/habits/{habit['id']}/log", headers=headers),
                "login": lambda: http.post(
                    "/auth/login", json={"email": "x@example.com", "password": "whatever-1"}
                ),
            }
            for _round in range(2):  # the first hits dead pooled connections, the second reconnects
                for name, request in requests.items():
                    response, seconds = await _timed(request())
                    assert_problem(response, 503)
                    assert seconds < ANSWER_WITHIN_SECONDS, (name, seconds)
                    assert int(response.headers["retry-after"]) >= 1
        finally:
            services.start_postgres()

        # Same process, no restart: the very next requests succeed.
        assert backend.process.poll() is None
        for _ in range(3):
            assert (await http.get("/health")).json()["database"] == "ok"
            listed = await http.get("/habits", headers=headers)
            assert listed.status_code == 200
            assert [h["id"] for h in listed.json()] == [habit["id"]]
        logged = await http.post(f"/habits/{habit['id']}/log", headers=headers)
        assert logged.status_code == 201, logged.text


async def test_postgres_restarted_while_idle_costs_no_request(
    start_backend, services: Services
) -> None:
    """The pool holds connections the restart closed; none of them is used."""
    backend = start_backend()
    async with httpx.AsyncClient(base_url=backend.url, timeout=30) as http:
        headers = await register(http, f"restart-{uuid.uuid4().hex[:8]}@example.com")
        habit = await create_habit(http, headers, "Restart")
        # Log writes leave statements prepared on their pooled connections.
        for day in ("2026-01-01", "2026-01-05", "2026-01-09"):
            await log_ok(http, headers, habit["id"], day)
        # Several at once, so that the pool holds more than one idle connection.
        warm = await asyncio.gather(*(http.get("/habits", headers=headers) for _ in range(8)))
        assert all(response.status_code == 200 for response in warm)
        services.stop_postgres()
        services.start_postgres()

        # No request saw the outage: the very first ones after it must succeed.
        after = await asyncio.gather(*(http.get("/habits", headers=headers) for _ in range(8)))
        assert [response.status_code for response in after] == [200] * 8
        # New connections, on which the write's statements are prepared again.
        for day in ("2026-01-03", "2026-01-07"):
            await log_ok(http, headers, habit["id"], day)
        undone = await http.delete(f"/habits/{habit['id']}/logs/2026-01-03", headers=headers)
        assert undone.status_code == 204, undone.text
        created = await http.post(
            "/habits", json={"title": "After restart", "frequency": "daily"}, headers=headers
        )
        assert created.status_code == 201, created.text


async def test_two_processes_behave_as_one_service(start_backend) -> None:
    limits = {"RATE_LIMIT_LOGIN": "5/minute"}
    one, two = start_backend(**limits), start_backend(**limits)
    async with (
        httpx.AsyncClient(base_url=one.url, timeout=30) as first,
        httpx.AsyncClient(base_url=two.url, timeout=30) as second,
    ):
        email = f"scale-{uuid.uuid4().hex[:8]}@example.com"
        headers = await register(first, email)
        habit = await create_habit(first, headers, "Shared")
        assert (await first.post(f"/habits/{habit['id']}/log", headers=headers)).status_code == 201
        # Written through one, seen through the other (the token is valid on both).
        seen = (await second.get(f"/habits/{habit['id']}", headers=headers)).json()
        assert seen["loggedToday"] is True
        assert seen["totalLogs"] == 1
        assert_problem(await second.post(f"/habits/{habit['id']}/log", headers=headers), 409)

        wrong = {"email": email, "password": "not-the-password"}
        for http in (first, second, first, second, first):
            assert_problem(await http.post("/auth/login", json=wrong), 401)
        # Five used across both: the sixth is refused by either.
        assert_problem(await second.post("/auth/login", json=wrong), 429)
        assert_problem(await first.post("/auth/login", json=wrong), 429)


async def test_redis_down_degrades_and_redis_back_shares_limits_again(
    start_backend, services: Services
) -> None:
    limits = {"RATE_LIMIT_LOGIN": "3/minute"}
    one, two = start_backend(**limits), start_backend(**limits)
    async with (
        httpx.AsyncClient(base_url=one.url, timeout=30) as first,
        httpx.AsyncClient(base_url=two.url, timeout=30) as second,
    ):
        headers = await register(first, f"redis-{uuid.uuid4().hex[:8]}@example.com")
        habit = await create_habit(first, headers, "Cache")
        wrong = {"email": "nobody@example.com", "password": "not-the-password"}
        services.stop_redis()
        try:
            for http in (first, second):
                response, seconds = await _timed(http.get("/health"))
                assert response.status_code == 200
                assert response.json() == {"status": "ok", "database": "ok", "redis": "down"}
                assert seconds < ANSWER_WITHIN_SECONDS
            # Rate-limited endpoints keep answering; each process falls back to its own limit.
            for _ in range(3):
                response, seconds = await _timed(first.post("/auth/login", json=wrong))
                assert_problem(response, 401)
                assert seconds < ANSWER_WITHIN_SECONDS
            assert_problem(await first.post("/auth/login", json=wrong), 429)
            assert_problem(await second.post("/auth/login", json=wrong), 401)  # not shared now
            logged = await second.post(f"/habits/{habit['id']}/log", headers=headers)
            assert logged.status_code == 201, logged.text
            undone = await first.delete(
                f"/habits/{habit['id']}/logs/{logged.json()['date']}", headers=headers
            )
            assert undone.status_code == 204
        finally:
            services.start_redis()

        for http in (first, second):
            assert (await http.get("/health")).json()["redis"] == "ok"
        # Shared again: three attempts spread over both processes use up the limit for both.
        for http in (second, first, second):
            assert_problem(await http.post("/auth/login", json=wrong), 401)
        assert_problem(await first.post("/auth/login", json=wrong), 429)
        assert_problem(await second.post("/auth/login", json=wrong), 429)
        assert one.process.poll() is None and two.process.poll() is None
