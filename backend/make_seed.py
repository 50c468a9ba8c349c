"""`make seed` (also run by `make dev`): ready the database, seed the demo account, say so.

Run from backend/: `python make_seed.py`. The database is DATABASE_URL (the
environment, then backend/.env), else the SQLite file backend/fitness.db. It is
migrated when behind (db_ready.py), then seeded by seed.py, which changes
nothing when the demo user exists. Prints what was created, from the rows
counted before and after, and how to sign in. A database that cannot be used:
one line on stderr, exit status 1.
"""

from __future__ import annotations

import sys

from sqlalchemy import create_engine, func, pool, select, table

import db_ready
from app.core.config import get_settings

# Table -> what one row of it is called in the summary.
TABLES = {"users": "user", "habits": "habit", "habit_logs": "log", "badges": "badge"}


def main() -> int:
    try:
        url, source = db_ready.configured_url()
        schema = db_ready.ready(url, source)
    except db_ready.NotReady as problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"database: {db_ready.shown(url)} ({source})")
    print(schema)
    # Imported once the URL is known to work: importing it builds the app's engines.
    import seed

    before = count_rows(url)
    created = seed.seed()
    after = count_rows(url)
    if created:
        added = {table: after[table] - before[table] for table in TABLES}
        print(f"demo data: created {_listed(added)}")
    else:
        print(f"demo data: nothing created, the demo user already exists ({_listed(after)} in all)")
    print(
        f"sign in as {seed.DEMO_EMAIL} / {seed.DEMO_PASSWORD} "
        f"(`make dev` serves the client at {get_settings().client_url})"
    )
    return 0


def count_rows(url: str) -> dict[str, int]:
    """Rows per table of the demo data, whoever they belong to."""
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(table(name)))
                for name in TABLES
            }
    finally:
        engine.dispose()


def _listed(counts: dict[str, int]) -> str:
    """`{"users": 1, "habits": 2, ...}` -> `1 user, 2 habits, ...`."""
    return ", ".join(
        f"{counts[table]} {noun}{'' if counts[table] == 1 else 's'}"
        for table, noun in TABLES.items()
    )


if __name__ == "__main__":
    sys.exit(main())
