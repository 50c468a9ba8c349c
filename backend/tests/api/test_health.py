from httpx import ASGITransport, AsyncClient

from app.core.config import get_settings


async def test_health_reports_database_and_redis(client: AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    # The SQLite run of the suite runs without Redis, as `make dev` does.
    redis = "ok" if get_settings().redis_url else "disabled"
    assert response.json() == {"status": "ok", "database": "ok", "redis": redis}


async def test_health_without_redis_is_disabled(app_factory) -> None:
    app = app_factory(redis_url="")
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/health")).json()["redis"] == "disabled"


async def test_health_with_redis_down_is_degraded(app_factory) -> None:
    app = app_factory(redis_url="redis://127.0.0.1:1/0")
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/health")
        assert response.status_code == 200
        assert response.json()["redis"] == "down"


async def test_unreachable_database_is_a_503_problem() -> None:
    from app.core.config import Settings, get_settings
    from app.main import create_app
    from tests.utils.api import assert_problem

    # The production app on a real engine aimed at a port where no PostgreSQL listens.
    dead = {**get_settings().model_dump(), "database_url": "postgresql+psycopg2://u@127.0.0.1:1/x"}
    app = create_app(Settings(**dead))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/health")
        assert_problem(response, 503)
        assert response.headers["retry-after"] == "5"
        assert_problem(
            await client.post("/auth/login", json={"email": "a@b.c", "password": "x"}), 503
        )
    app.state.engine.dispose()
