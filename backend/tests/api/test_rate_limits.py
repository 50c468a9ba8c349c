from datetime import date, timedelta

from httpx import ASGITransport, AsyncClient

from tests.utils.api import PASSWORD, assert_problem, create_habit, register, unique_email


def client_for(app, address: str = "203.0.113.7") -> AsyncClient:
    transport = ASGITransport(app=app, client=(address, 40000))
    return AsyncClient(transport=transport, base_url="http://test")


async def login(client: AsyncClient, **headers: str):
    return await client.post(
        "/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}, headers=headers
    )


async def test_login_limit_per_client_address_with_retry_after(app_factory) -> None:
    app = app_factory(rate_limit_login="5/minute")
    async with client_for(app) as attacker, client_for(app, "198.51.100.9") as bystander:
        for _ in range(5):
            assert (await login(attacker)).status_code == 401
        response = await login(attacker)
        assert_problem(response, 429)
        assert 1 <= int(response.headers["retry-after"]) <= 60
        # Another address still gets through: no shared counter.
        assert (await login(bystander)).status_code == 401


async def test_spoofed_forwarded_for_does_not_reset_the_limit(app_factory) -> None:
    app = app_factory(rate_limit_login="3/minute")
    async with client_for(app) as attacker:
        for number in range(3):
            await login(attacker, **{"X-Forwarded-For": f"10.0.0.{number}"})
        response = await login(attacker, **{"X-Forwarded-For": "10.9.9.9"})
        assert_problem(response, 429)


async def test_forwarded_for_counts_from_a_trusted_proxy(app_factory) -> None:
    app = app_factory(rate_limit_login="2/minute", forwarded_allow_ips="192.0.2.1")
    async with client_for(app, "192.0.2.1") as proxy:
        for _ in range(2):
            await login(proxy, **{"X-Forwarded-For": "203.0.113.50"})
        assert_problem(await login(proxy, **{"X-Forwarded-For": "203.0.113.50"}), 429)
        assert (await login(proxy, **{"X-Forwarded-For": "203.0.113.51"})).status_code == 401


async def test_register_limit(app_factory) -> None:
    app = app_factory(rate_limit_register="2/hour")
    async with client_for(app) as client:
        for _ in range(2):
            await register(client)
        response = await client.post(
            "/auth/register", json={"email": unique_email(), "password": PASSWORD, "name": "N"}
        )
        assert_problem(response, 429)


async def test_log_writes_are_limited_per_user(app_factory) -> None:
    app = app_factory(rate_limit_logs="3/hour")
    async with client_for(app) as client:
        heavy = await register(client)
        light = await register(client)
        habit = await create_habit(client, heavy)
        start = date(2026, 1, 1)
        for offset in range(2):
            day = start + timedelta(days=offset)
            response = await client.post(
                f"/habits/{habit['id']}/log", json={"date": day.isoformat()}, headers=heavy
            )
            assert response.status_code == 201
        response = await client.delete(f"/habits/{habit['id']}/logs/{start}", headers=heavy)
        assert response.status_code == 204
        response = await client.post(f"/habits/{habit['id']}/log", headers=heavy)
        assert_problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1
        # Reading is not limited, and another user is unaffected.
        assert (await client.get(f"/habits/{habit['id']}/logs", headers=heavy)).status_code == 200
        other = await create_habit(client, light)
        assert (await client.post(f"/habits/{other['id']}/log", headers=light)).status_code == 201


async def test_personal_tokens_share_their_users_log_limit(app_factory) -> None:
    """The limit is the account's, whichever credential signs it in: a
    second token is no way around it."""
    app = app_factory(rate_limit_logs="3/hour")
    async with client_for(app) as client:
        headers = await register(client)
        tokens = []
        for name in ("one", "two"):
            response = await client.post("/auth/tokens", json={"name": name}, headers=headers)
            tokens.append({"Authorization": f"Bearer {response.json()['token']}"})
        habit = await create_habit(client, headers)
        for offset, credential in enumerate((headers, *tokens)):
            day = date(2026, 1, 1) + timedelta(days=offset)
            response = await client.post(
                f"/habits/{habit['id']}/log", json={"date": day.isoformat()}, headers=credential
            )
            assert response.status_code == 201, response.text
        for credential in (headers, *tokens):
            assert_problem(await client.post(f"/habits/{habit['id']}/log", headers=credential), 429)
    await app.state.rate_limits.close()


async def test_unauthenticated_log_writes_are_401_not_counted(app_factory) -> None:
    app = app_factory(rate_limit_logs="1/hour")
    async with client_for(app) as client:
        for _ in range(3):
            assert_problem(await client.post("/habits/x/log"), 401)


async def test_a_break_counts_once_and_a_change_of_a_log_counts(app_factory, session) -> None:
    from sqlalchemy import func, select

    from app.models import HabitLog

    app = app_factory(rate_limit_logs="3/hour")
    async with client_for(app) as client:
        headers = await register(client)
        for title in ("A", "B"):
            await create_habit(client, headers, title=title)
        pause = {"from": "2026-01-01", "to": "2026-01-14"}
        response = await client.post("/habits/skip", json=pause, headers=headers)
        assert response.json() == {"created": 28}  # 28 logs, one write against the limit
        habit = (await client.get("/habits", headers=headers)).json()[0]
        path = f"/habits/{habit['id']}/logs/2026-01-01"
        assert (await client.patch(path, json={"note": "Away"}, headers=headers)).status_code == 200
        assert (await client.delete(path, headers=headers)).status_code == 204
        later = {"from": "2026-02-01", "to": "2026-02-14"}
        response = await client.post("/habits/skip", json=later, headers=headers)
        assert_problem(response, 429)
        assert_problem(await client.patch(path, json={"note": "x"}, headers=headers), 429)
    assert session.scalar(select(func.count()).select_from(HabitLog)) == 27
