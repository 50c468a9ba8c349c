from httpx import ASGITransport, AsyncClient


async def test_health_reports_database_and_redis(client: AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


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


async def test_unreachable_database_is_a_503_problem(app_factory) -> None:
    from sqlalchemy.orm import Session

    from app.db.session import build_engine, get_session
    from tests.utils.api import assert_problem

    # A real engine aimed at a port where no PostgreSQL listens.
    dead = build_engine("postgresql+psycopg2://postgres@127.0.0.1:1/fitness")
    app = app_factory()

    def dead_session():
        with Session(dead) as session:
            yield session

    app.dependency_overrides[get_session] = dead_session
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/health")
        assert_problem(response, 503)
        assert response.headers["retry-after"] == "5"
        assert_problem(
            await client.post("/auth/login", json={"email": "a@b.c", "password": "x"}), 503
        )
    dead.dispose()
