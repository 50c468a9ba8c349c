"""Engine and session factory, configured from the settings."""

import select
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from app.core.config import get_settings


def build_engine(url: str, **options: Any) -> Engine:
    """The engine for `url`; `options` go to `create_engine` (e.g. the isolation level)."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 15}, **options
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - sqlite only
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")  # SQLite ignores FKs otherwise
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    engine = create_engine(
        url,
        # Two engines per process (below): at most 40 connections per worker.
        # All of them kept once opened: the pool closes an overflow connection
        # when it comes back, and reopening one under load (a new server
        # process each time) took seconds (docs/PERFORMANCE.md, fourth round).
        pool_size=20,
        max_overflow=0,
        pool_timeout=5,
        # Fail fast when the server is down instead of hanging the request.
        # DateStyle ISO: dates cast to text read YYYY-MM-DD (app.services.analytics).
        connect_args={
            "connect_timeout": 3,
            "options": "-c statement_timeout=10000 -c DateStyle=ISO",
        },
        **options,
    )
    event.listen(engine, "checkout", _replace_if_closed_by_server)
    return engine


def _replace_if_closed_by_server(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A restarted PostgreSQL must not leave dead connections in the pool.

    A connection the server closed while it sat idle in the pool (a restart,
    an idle timeout) has the server's goodbye or end-of-file waiting on its
    socket; a healthy idle one has nothing to read. Asking the socket costs no
    round trip, where `pool_pre_ping` sends a `SELECT 1` on every checkout,
    that is on every request. DisconnectionError makes the pool connect anew.
    """
    if dbapi_connection.closed:
        raise DisconnectionError("the pooled connection is closed")
    readiness = select.poll()
    readiness.register(dbapi_connection.fileno(), select.POLLIN)
    if readiness.poll(0):
        raise DisconnectionError("the server closed the pooled connection")


engine = build_engine(get_settings().database_url)
SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)
# A pool of its own, always in autocommit: a connection that switched back and
# forth would pay a round trip to reset its isolation level each time.
autocommit_engine = build_engine(get_settings().database_url, isolation_level="AUTOCOMMIT")


async def get_session() -> AsyncIterator[Session]:
    """A session per request, opened on the event loop.

    A sync dependency costs a trip through the thread pool on entry and
    another on exit. Opening a session does no I/O, and neither does closing
    one that holds no transaction (the write routes commit or roll back
    themselves), so only a close that must return a connection (a ROLLBACK)
    goes to the thread pool.
    """
    session = SessionLocal()
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


@dataclass(frozen=True)
class Database:
    """What the busiest routes' work runs on, opened where the work runs.

    `autocommit()` is a connection on which every statement commits on its
    own: psycopg2 sends no BEGIN before the first statement, and the pool no
    ROLLBACK when it comes back, two round trips fewer per request; its
    statements do not share a snapshot (the routes that use it read one
    statement, or the habit then its window, or write optimistically, see
    app.services.habit_logs). `transaction()` is a session for a unit of
    work. The routes open them in their body, in the thread pool (a checkout
    may have to connect), with `with`, which closes them.
    """

    autocommit: Callable[[], AbstractContextManager[Connection]]
    transaction: Callable[[], AbstractContextManager[Session]]


database = Database(autocommit=autocommit_engine.connect, transaction=SessionLocal)


def on_session(session: Session) -> Database:
    """Both on one session, whose transaction holds all the work (the seed, the tests)."""
    return Database(
        autocommit=lambda: nullcontext(session.connection()),
        transaction=lambda: nullcontext(session),
    )


async def get_database() -> Database:
    """A plain async dependency: no generator for FastAPI to enter and exit
    (~50 µs of CPU a request, docs/PERFORMANCE.md, fifth round), no thread trip."""
    return database
