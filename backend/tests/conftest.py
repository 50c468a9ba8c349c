"""Fixtures: the app on a real PostgreSQL and a real Redis, one transaction per test.

The test script (scripts/test-backend.sh) starts both servers and exports
DATABASE_URL and REDIS_URL; nothing here stands in for them.
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
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.core.config import Settings, get_settings
from app.db.session import engine, get_database, get_session, on_session
from app.main import create_app
from tests.utils.database import migrate_to_head


def pytest_configure(config: pytest.Config) -> None:
    url = get_settings().database_url
    if not url.startswith("postgresql") or not get_settings().redis_url:
        raise pytest.UsageError(
            "the backend suite needs a real PostgreSQL and Redis: run it through "
            "scripts/test-backend.sh (or export DATABASE_URL and REDIS_URL)"
        )


@pytest.fixture(scope="session", autouse=True)
def _schema() -> None:
    migrate_to_head(get_settings().database_url)


@pytest.fixture
def connection() -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    # Service commits become savepoint releases inside the outer transaction.
    with Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    ) as session:
        yield session


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    redis = Redis.from_url(get_settings().redis_url)
    redis.flushdb()
    yield
    redis.close()


def build_client_app(session: Session, **overrides: object):
    settings = Settings(**{**get_settings().model_dump(), **overrides})
    app = create_app(settings)
    app.dependency_overrides[get_session] = lambda: session
    app.dependency_overrides[get_database] = lambda: on_session(session)
    app.dependency_overrides[get_settings] = lambda: settings
    return app


@pytest.fixture
def app_factory(session: Session):
    """Build an app with other settings (e.g. tighter rate limits)."""
    return lambda **overrides: build_client_app(session, **overrides)


@pytest.fixture
async def client(app_factory) -> AsyncIterator[AsyncClient]:
    app = app_factory()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        yield client
    await app.state.rate_limits.close()
