"""The one way to the database: an engine per app, and per request one
pooled connection that every piece of the request's work shares.

The engine's connections are in autocommit: a request that reads one
statement, or writes with one atomic statement, sends nothing but that
statement (no BEGIN, no ROLLBACK when the connection goes back to the pool:
two round trips fewer than a transaction, docs/PERFORMANCE.md). Work that
needs a transaction asks for `Database.session`, which switches the
request's connection into a transaction for an ORM session.
"""

import select
from collections.abc import Callable
from typing import Any

from fastapi import Request
from sqlalchemy import Connection, Dialect, Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.config import Settings
from app.db.prepared import PREPARE_OPTION

# The isolation level of a transaction, per dialect (SQLite knows no READ COMMITTED).
_TRANSACTION_LEVEL = {"postgresql": "READ COMMITTED", "sqlite": "SERIALIZABLE"}


def transaction_level(dialect: Dialect) -> str:
    """The isolation level of the app's transactions (its connections are in autocommit)."""
    return _TRANSACTION_LEVEL[dialect.name]


def build_engine(settings: Settings, **options: Any) -> Engine:
    """The engine for `settings.database_url`, in autocommit; `options` go to `create_engine`."""
    url = settings.database_url
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            isolation_level="AUTOCOMMIT",
            connect_args={"check_same_thread": False, "timeout": 15},
            **options,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - sqlite only
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")  # SQLite ignores FKs otherwise
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    connect_args: dict[str, Any] = {"connect_timeout": 3}
    if not settings.db_transaction_pooling:
        # Session settings travel in the startup packet, which a transaction
        # pooler refuses (set them on the database role there instead).
        # DateStyle ISO: dates cast to text read YYYY-MM-DD (app.services.analytics).
        connect_args["options"] = "-c statement_timeout=10000 -c DateStyle=ISO"
    engine = create_engine(
        url,
        isolation_level="AUTOCOMMIT",
        # app.db.prepared prepares its statements on the server unless a
        # transaction pooler may hand the next statement to another session.
        execution_options={PREPARE_OPTION: not settings.db_transaction_pooling},
        # At most `db_pool_size` connections per process, all kept once
        # opened: reopening one under load (a new server process each time)
        # took seconds (docs/PERFORMANCE.md, fourth round).
        pool_size=settings.db_pool_size,
        max_overflow=0,
        pool_timeout=settings.db_pool_timeout,
        # The most recently used connection first: a quiet process keeps
        # reusing a few warm connections (statements already prepared).
        pool_use_lifo=True,
        connect_args=connect_args,
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


class Database:
    """A request's way to the database: one pooled connection, checked out on first use.

    `connection` runs each statement in autocommit. `session` is an ORM
    session whose transaction runs on the same connection (its services
    commit or roll back); once a request has asked for it, its statements
    belong to transactions too.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._session: Session | None = None
        self._first_use: list[Callable[[Connection], None]] = []

    def on_first_use(self, check: Callable[[Connection], None]) -> None:
        """Run `check` on the request's connection before anything else runs
        on it (at once if it is checked out already); what it raises ends the
        request. app.api.deps reads the signed-in account this way, in the
        route's own thread-pool trip."""
        if self._connection is None:
            self._first_use.append(check)
        else:
            check(self._connection)

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            self._connection = self._engine.connect()
            checks, self._first_use = self._first_use, []
            for check in checks:
                check(self._connection)
        return self._connection

    @property
    def session(self) -> Session:
        if self._session is None:
            connection = self.connection
            if connection.in_transaction():  # autocommit's bookkeeping: nothing to commit
                connection.commit()
            connection.execution_options(isolation_level=transaction_level(connection.dialect))
            self._session = Session(bind=connection, expire_on_commit=False)
        return self._session

    def close(self) -> None:
        """Roll back what was not committed and give the connection back to the pool."""
        if self._session is not None:
            self._session.close()
        if self._connection is not None:
            self._connection.close()
        self._session = self._connection = None

    @property
    def in_transaction(self) -> bool:
        return self._session is not None


# Where `get_database` leaves the request's `Database` for `CloseDatabase`
# (the request's state, which lives in its ASGI scope).
_DATABASE = "database"


async def get_database(request: Request) -> Database:
    """The request's `Database` (FastAPI makes one per request); `CloseDatabase`
    gives its connection back once the response is sent.

    A plain async dependency: opening does no I/O (the connection is checked
    out on first use, in the route's thread). FastAPI solves a dependency
    with `yield` through a context manager, an exit stack and a cancel
    scope: ~5 % of a worker's CPU under log writes (docs/PERFORMANCE.md,
    seventh round).
    """
    database = Database(request.app.state.engine)
    setattr(request.state, _DATABASE, database)
    return database


class CloseDatabase:
    """Pure ASGI middleware: closes the `Database` a request took
    (`get_database`) when the app is done with the request, answered or
    failed. Giving back an autocommit connection does no I/O; only a close
    that may roll back or reset a transaction goes to the thread pool."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The request's state, made here: whatever copies the scope further
        # in shares this dict.
        state = scope.setdefault("state", {})
        try:
            await self.app(scope, receive, send)
        finally:
            database: Database | None = state.get(_DATABASE)
            if database is not None:
                if database.in_transaction:
                    await run_in_threadpool(database.close)
                else:
                    database.close()
