"""Date arithmetic in SQL, which PostgreSQL and SQLite spell differently."""

from typing import Any

from sqlalchemy import Date
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class days_before(FunctionElement[Any]):  # noqa: N801 - used like a SQL function
    """`day` minus `days` days (an integer expression): PostgreSQL's
    `day - days`, SQLite's `date(day, '-' || days || ' days')` (its dates are
    ISO strings)."""

    type = Date()
    inherit_cache = True

    def __init__(self, day: Any, days: Any) -> None:
        super().__init__(day, days)


@compiles(days_before)
def _subtract(element: days_before, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({day} - {days})"


@compiles(days_before, "sqlite")
def _sqlite_date(element: days_before, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"date({day}, '-' || ({days}) || ' days')"
