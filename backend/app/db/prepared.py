"""Server-side prepared statements on PostgreSQL, for the hottest statements.

psycopg2 sends every statement as text, and PostgreSQL parses and plans it
anew each time; for the log write's statements that costs more than running
them (docs/PERFORMANCE.md). A `Prepared` statement is compiled once from its
SQLAlchemy statement, PREPAREd the first time a pooled connection runs it,
then run as `EXECUTE name(...)`, which reuses the plan. A prepared statement
lives as long as its database session (a rollback does not undo it), and the
pool keeps `info` per DBAPI connection, so a replaced connection prepares
again. Other databases (SQLite) run the statement itself.
"""

import re
from typing import Any

from sqlalchemy import BindParameter, Connection, CursorResult, Select, bindparam, column, text
from sqlalchemy.dialects.postgresql.psycopg2 import PGDialect_psycopg2

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
        # Typed parameters and columns: SQLAlchemy converts values both ways
        # as it would for the statement itself.
        arguments = ", ".join(f":{parameter}" for parameter in names)
        self._execute = (
            text(f"EXECUTE {name}({arguments})")
            .bindparams(*(_parameter(name, bind) for name, bind in zip(names, binds, strict=True)))
            .columns(*(column(each.name, each.type) for each in statement.selected_columns))
        )

    def execute(self, connection: Connection, params: dict[str, Any]) -> CursorResult[Any]:
        if connection.dialect.name != "postgresql":
            return connection.execute(self.statement, params)
        prepared = connection.connection.info.setdefault("prepared_statements", set())
        if self.name not in prepared:
            connection.exec_driver_sql(self._prepare)
            prepared.add(self.name)
        return connection.execute(self._execute, params)


def _parameter(name: str, bind: BindParameter[Any]) -> BindParameter[Any]:
    """`bind` as a parameter of EXECUTE; a constant (coalesce's 0) keeps its value."""
    if bind.required or bind.value is None:
        return bindparam(name, type_=bind.type)
    return bindparam(name, bind.value, type_=bind.type)
