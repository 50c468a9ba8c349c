"""Server-side prepared statements on PostgreSQL, for the hottest statements.

psycopg2 sends every statement as text, and PostgreSQL parses and plans it
anew each time; for the statements of a log write and of the dashboard's
reads that costs more than running them (docs/PERFORMANCE.md). A `Prepared`
statement is compiled once from its SQLAlchemy statement, PREPAREd the first
time a pooled connection runs it, then run as `EXECUTE name(...)`, which
reuses the plan. Only SQLAlchemy's public API is used: the statement is
compiled with a positional paramstyle, parameters and results go through
their types' own processors, and the statements run on a cursor of the
connection's DBAPI connection (`Connection.connection.dbapi_connection`):
`exec_driver_sql` took more than twice the CPU per statement
(docs/PERFORMANCE.md, seventh round). What it did besides is done here with
SQLAlchemy's public API (`_on_cursor`): a driver error is raised as
SQLAlchemy's own (`DBAPIError.instance`: IntegrityError, DataError...), and
a connection the dialect calls lost is invalidated, so that the pool
replaces it. SQLAlchemy's cursor events do not see these statements (tests
count statements at the driver, tests/utils/statements.py).

A prepared statement lives as long as its server session. The pool keeps
`info` per DBAPI connection, so a replaced connection prepares again; a
server session that forgot its statements (`DISCARD ALL`, as a pooler's
reset sends) answers "does not exist", and the statement is prepared again
and run once more. Behind a transaction pooler, where the next statement may
reach another server session, turn them off (`DB_TRANSACTION_POOLING`): the
statement then runs as plain SQL, as it always does on SQLite.

Only on autocommit connections: in a transaction a failed EXECUTE would
abort it, so there the statement runs as plain SQL.
"""

from collections import namedtuple
from collections.abc import Callable
from typing import Any, ClassVar

from sqlalchemy import Connection, Select
from sqlalchemy.dialects.postgresql.psycopg2 import PGDialect_psycopg2
from sqlalchemy.exc import DBAPIError

# Execution option set by app.db.session.build_engine.
PREPARE_OPTION = "prepare_statements"
_UNDEFINED_PREPARED_STATEMENT = "26000"
_DUPLICATE_PREPARED_STATEMENT = "42P05"


class Prepared:
    """`statement`, prepared under `name` (unique in the process) on PostgreSQL."""

    _names: ClassVar[set[str]] = set()

    def __init__(self, name: str, statement: Select[Any]) -> None:
        if name in Prepared._names:
            # Two statements under one name would answer each other's rows.
            raise ValueError(f"a prepared statement named {name!r} exists already")
        Prepared._names.add(name)
        self.name, self.statement = name, statement
        dialect = PGDialect_psycopg2(paramstyle="numeric_dollar")
        binds = statement.compile(dialect=dialect).binds
        # The caller's parameters stay placeholders ($1, $2...); constants
        # that SQLAlchemy renders at execution (string_agg's separator) are
        # written into the statement now.
        required = {key: None for key, bind in binds.items() if bind.required}
        compiled = statement.params(**required).compile(
            dialect=dialect, compile_kwargs={"render_postcompile": True}
        )
        names = list(compiled.positiontup or [])
        # Typed, as PostgreSQL cannot always infer a type (a parameter in an
        # INSERT's SELECT list would be text).
        types = ", ".join(compiled.binds[key].type.compile(dialect=dialect) for key in names)
        self._prepare = f"PREPARE {name} ({types}) AS {compiled.string}"
        self._execute = f"EXECUTE {name}({', '.join(['%s'] * len(names))})"
        # (name, the value of a constant such as coalesce's 0, the type's processor)
        self._parameters = [
            (key, compiled.binds[key].value, compiled.binds[key].type.bind_processor(dialect))
            for key in names
        ]
        columns = list(statement.selected_columns)
        self._row = namedtuple(f"{name}_row", [each.name for each in columns])
        self._converters: list[Callable[[Any], Any] | None] = [
            each.type.result_processor(dialect, None) for each in columns
        ]

    def rows(self, connection: Connection, params: dict[str, Any]) -> list[Any]:
        """The statement's rows (attributes named after its columns)."""
        options = connection.get_execution_options()
        # In a transaction a failed EXECUTE would abort it: no retry there.
        # (The engine's connections are in autocommit, app.db.session; a
        # connection switched into a transaction says so in its options.)
        autocommit = options.get("isolation_level", "AUTOCOMMIT") == "AUTOCOMMIT"
        if (
            connection.dialect.name != "postgresql"
            or not options.get(PREPARE_OPTION)
            or not autocommit
        ):
            return list(connection.execute(self.statement, params))
        values = tuple(
            _convert(convert, params.get(key, constant))
            for key, constant, convert in self._parameters
        )
        prepared: set[str] = connection.connection.info.setdefault("prepared_statements", set())
        try:
            fetched = self._run(connection, prepared, values)
        except DBAPIError as error:
            if getattr(error.orig, "pgcode", None) != _UNDEFINED_PREPARED_STATEMENT:
                raise
            prepared.clear()  # the server session was reset: it holds none of them
            fetched = self._run(connection, prepared, values)
        return [self._row(*map(_convert, self._converters, row)) for row in fetched]

    def _run(self, connection: Connection, prepared: set[str], values: tuple[Any, ...]) -> Any:
        if self.name not in prepared:
            try:
                _on_cursor(connection, self._prepare, None)
            except DBAPIError as error:
                if getattr(error.orig, "pgcode", None) != _DUPLICATE_PREPARED_STATEMENT:
                    raise
            prepared.add(self.name)
        return _on_cursor(connection, self._execute, values)


def _on_cursor(connection: Connection, statement: str, values: tuple[Any, ...] | None) -> Any:
    """`statement`'s rows (none for a PREPARE), run on a cursor of the
    connection's DBAPI connection, failing as `exec_driver_sql` would: the
    driver's error raised as SQLAlchemy's, a lost connection invalidated."""
    dialect = connection.dialect
    driver_error = dialect.loaded_dbapi.Error
    dbapi_connection = connection.connection.dbapi_connection
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(statement, values)
            return cursor.fetchall() if cursor.description is not None else []
    except driver_error as error:
        lost = dialect.is_disconnect(error, dbapi_connection, None)
        if lost:
            connection.invalidate(error)  # the pool replaces it on the next use
        raise DBAPIError.instance(
            statement, values, error, driver_error, connection_invalidated=lost, dialect=dialect
        ) from error


def _convert(convert: Callable[[Any], Any] | None, value: Any) -> Any:
    return convert(value) if convert and value is not None else value
