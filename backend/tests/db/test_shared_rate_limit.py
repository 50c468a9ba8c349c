"""Two app instances (two workers) share rate limits through the real Redis."""

from httpx import ASGITransport, AsyncClient

from tests.utils.api import PASSWORD, assert_problem


async def test_a_limit_used_up_on_one_worker_holds_on_another(app_factory) -> None:
    first, second = (app_factory(rate_limit_login="4/minute") for _ in range(2))
    body = {"email": "nobody@example.com", "password": PASSWORD}
    peer = ("203.0.113.20", 5000)
    async with (
        AsyncClient(transport=ASGITransport(app=first, client=peer), base_url="http://a") as one,
        AsyncClient(transport=ASGITransport(app=second, client=peer), base_url="http://b") as two,
    ):
        for client in (one, two, one, two):
            assert (await client.post("/auth/login", json=body)).status_code == 401
        assert_problem(await one.post("/auth/login", json=body), 429)
        assert_problem(await two.post("/auth/login", json=body), 429)


async def test_limits_fall_back_to_the_process_while_redis_is_unreachable(app_factory) -> None:
    app = app_factory(rate_limit_login="2/minute", redis_url="redis://127.0.0.1:1/0")
    body = {"email": "nobody@example.com", "password": PASSWORD}
    transport = ASGITransport(app=app, client=("203.0.113.21", 5000))
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        for _ in range(2):
            assert (await client.post("/auth/login", json=body)).status_code == 401
        response = await client.post("/auth/login", json=body)
        assert_problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1
