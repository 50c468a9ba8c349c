"""Fixtures: the app as it runs in production, on a real database and Redis.

The test script (scripts/test-backend.sh) starts PostgreSQL and Redis and
exports DATABASE_URL and REDIS_URL; it also runs the API suite a second time
on a SQLite file without Redis, the store `make dev` uses by default. Nothing
here stands in for either: the app gets its database the way it does in
production (`get_database`, one pooled connection per request, in
autocommit), and every table is emptied after each test.
"""

import os

os.environ.setdefault("JWT_SECRET", "test-secret-that-is-long-enough-0123456789")
os.environ.setdefault("ENV", "test")
# Generous limits for the suite; tests/api/test_rate_limits.py sets tight ones.
os.environ.setdefault("RATE_LIMIT_LOGIN", "10000/minute")
os.environ.setdefault("RATE_LIMIT_REGISTER", "10000/hour")
os.environ.setdefault("RATE_LIMIT_LOGS", "10000/hour")

from collections.abc import AsyncIterator, Iterator

import pytest
from httpx import ASGITransport, AsyncClient
from redis import Redis
from sqlalchemy import Engine, delete, text
from sqlalchemy.orm import Session

from app.core.config import Settings, get_settings
from app.db.base import Base
from app.db.session import build_engine, transaction_level
from app.main import create_app
from tests.utils.database import migrate_to_head


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """The production engine on the test database, migrated to head."""
    # Never the developer's own database (the settings' default): the tests empty it.
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgresql", "sqlite")):
        raise pytest.UsageError(
            "these tests need DATABASE_URL (a throw-away PostgreSQL or SQLite database) and, "
            "on PostgreSQL, REDIS_URL: run them through scripts/test-backend.sh"
        )
    if url.startswith("postgresql") and not get_settings().redis_url:
        raise pytest.UsageError("on PostgreSQL the suite runs with a real Redis: set REDIS_URL")
    migrate_to_head(url)
    engine = build_engine(get_settings())
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts on empty tables (and never depends on another's rows)."""
    yield
    if "engine" not in request.fixturenames:
        return
    engine: Engine = request.getfixturevalue("engine")
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(delete(table))


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session beside the app's, for reading what it stored (and changing it,
    committed, where a test needs the database in a state the API cannot make)."""
    level = transaction_level(engine.dialect)
    with Session(engine.execution_options(isolation_level=level)) as session:
        yield session


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    url = get_settings().redis_url
    if url:
        redis = Redis.from_url(url)
        redis.flushdb()
        redis.close()
    yield


def build_client_app(engine: Engine, **overrides: object):
    settings = Settings(**{**get_settings().model_dump(), **overrides})
    app = create_app(settings, engine=engine)
    app.dependency_overrides[get_settings] = lambda: settings
    return app


@pytest.fixture
def app_factory(engine: Engine):
    """Build an app with other settings (e.g. tighter rate limits)."""
    return lambda **overrides: build_client_app(engine, **overrides)


@pytest.fixture
async def client(app_factory) -> AsyncIterator[AsyncClient]:
    app = app_factory()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        yield client
    await app.state.rate_limits.close()
