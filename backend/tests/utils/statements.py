"""The statements the driver is sent, whichever way they came: SQLAlchemy's
execution or `app.db.prepared`'s own cursor (which SQLAlchemy's cursor
events do not see). psycopg2 makes every cursor with the connection's
`cursor_factory`; a recording one is set for the time of the count."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg2.extensions
from sqlalchemy import Connection, Engine, event


@contextmanager
def count_statements(target: Connection | Engine) -> Iterator[list[str]]:
    """The statements sent on `target`, a connection (PostgreSQL's), or every
    connection an engine hands out meanwhile, as the driver got them."""
    statements: list[str] = []

    class Recording(psycopg2.extensions.cursor):
        def execute(self, query: Any, vars: Any = None) -> Any:
            statements.append(query if isinstance(query, str) else query.decode())
            return super().execute(query, vars)

        def executemany(self, query: Any, vars_list: Any) -> Any:
            statements.append(query if isinstance(query, str) else query.decode())
            return super().executemany(query, vars_list)

    recorded: list[Any] = []

    def record(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.cursor_factory = Recording
        recorded.append(dbapi_connection)

    if isinstance(target, Engine):
        event.listen(target, "checkout", record)
    else:
        record(target.connection.dbapi_connection)
    try:
        yield statements
    finally:
        if isinstance(target, Engine):
            event.remove(target, "checkout", record)
        for dbapi_connection in recorded:
            dbapi_connection.cursor_factory = psycopg2.extensions.cursor
