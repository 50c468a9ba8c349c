"""Server-side prepared statements on PostgreSQL, for the hottest statements.

psycopg2 sends every statement as text, and PostgreSQL parses and plans it
anew each time; for the log write's statements that costs more than running
them (docs/PERFORMANCE.md). A `Prepared` statement is compiled once from its
SQLAlchemy statement, PREPAREd the first time a pooled connection runs it,
then run as `EXECUTE name(...)`, which reuses the plan. A prepared statement
lives as long as its database session (a rollback does not undo it), and the
pool keeps `info` per DBAPI connection, so a replaced connection prepares
again. Other databases (SQLite) run the statement itself.

On PostgreSQL the statements run on the DBAPI cursor: SQLAlchemy's
execution context and result objects cost about 100 µs of CPU per statement,
as much as psycopg2 and the round trip together (docs/PERFORMANCE.md, fifth
round). What SQLAlchemy would do around the cursor is kept: each value is
converted both ways by its type's own processors, the cursor events fire
(statement counts see these statements), and a driver error is raised as
SQLAlchemy's `DBAPIError`, the connection invalidated on a disconnect.
"""

import re
from collections import namedtuple
from collections.abc import Callable
from typing import Any

from sqlalchemy import BindParameter, Connection, Select
from sqlalchemy.dialects.postgresql.psycopg2 import PGDialect_psycopg2
from sqlalchemy.exc import DBAPIError

_PARAMETER = re.compile(r"%\((\w+)\)s")


class Prepared:
    """`statement`, prepared under `name` on PostgreSQL."""

    def __init__(self, name: str, statement: Select[Any]) -> None:
        self.name, self.statement = name, statement
        dialect = PGDialect_psycopg2()
        compiled = statement.compile(dialect=dialect)
        sql = compiled.string
        # Parameters with a fixed value rendered at execution (string_agg's
        # separator) are written into the statement.
        for bind in compiled.literal_execute_params:
            literal = compiled.render_literal_value(bind.value, bind.type)
            sql = sql.replace(f"__[POSTCOMPILE_{compiled.bind_names[bind]}]", literal)
        names = list(dict.fromkeys(_PARAMETER.findall(sql)))
        numbered = _PARAMETER.sub(lambda match: f"${names.index(match[1]) + 1}", sql)
        binds = [compiled.binds[parameter] for parameter in names]
        # Typed, as PostgreSQL cannot always infer a type (a parameter in an
        # INSERT's SELECT list would be text).
        types = ", ".join(bind.type.compile(dialect=dialect) for bind in binds)
        self._prepare = f"PREPARE {name} ({types}) AS {numbered.replace('%%', '%')}"
        self._execute = f"EXECUTE {name}({', '.join(['%s'] * len(names))})"
        self._parameters = [
            (parameter, _fixed_value(bind), bind.type.bind_processor(dialect))
            for parameter, bind in zip(names, binds, strict=True)
        ]
        columns = list(statement.selected_columns)
        self._row = namedtuple(f"{name}_row", [each.name for each in columns])
        self._converters: list[Callable[[Any], Any] | None] = [
            each.type.result_processor(dialect, None) for each in columns
        ]

    def rows(self, connection: Connection, params: dict[str, Any]) -> list[Any]:
        """The statement's rows (attributes named after its columns)."""
        if connection.dialect.name != "postgresql":
            return list(connection.execute(self.statement, params))
        values = []
        for parameter, fixed, convert in self._parameters:
            value = params.get(parameter, fixed)
            values.append(convert(value) if convert and value is not None else value)
        if not connection.in_transaction():
            # As `execute` would (autobegin): commit() and rollback() then reach the driver.
            connection.begin()
        prepared = connection.connection.info.setdefault("prepared_statements", set())
        if self.name not in prepared:
            self._run(connection, self._prepare, None)
            prepared.add(self.name)
        fetched = self._run(connection, self._execute, values)
        return [self._row(*map(_convert, self._converters, row)) for row in fetched]

    def _run(self, connection: Connection, sql: str, values: Any) -> list[tuple[Any, ...]]:
        dialect, dbapi_connection = connection.dialect, connection.connection.dbapi_connection
        assert dbapi_connection is not None
        with dbapi_connection.cursor() as cursor:
            connection.dispatch.before_cursor_execute(connection, cursor, sql, values, None, False)
            try:
                cursor.execute(sql, values)
            except dialect.loaded_dbapi.Error as error:
                invalidated = dialect.is_disconnect(error, dbapi_connection, cursor)
                if invalidated:
                    connection.invalidate(error)
                raise DBAPIError.instance(
                    sql,
                    values,
                    error,
                    dialect.loaded_dbapi.Error,
                    connection_invalidated=invalidated,
                    dialect=dialect,
                ) from error
            connection.dispatch.after_cursor_execute(connection, cursor, sql, values, None, False)
            return cursor.fetchall() if cursor.description else []


def _convert(convert: Callable[[Any], Any] | None, value: Any) -> Any:
    return convert(value) if convert else value


def _fixed_value(bind: BindParameter[Any]) -> Any:
    """A constant's value (coalesce's 0); None for a parameter the caller gives."""
    return None if bind.required or bind.value is None else bind.value
