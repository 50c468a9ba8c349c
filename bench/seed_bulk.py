"""Seed the benchmark database fast: 1,000 users x 10 habits x 365 days of logs.

Rows are generated inside PostgreSQL (`INSERT ... SELECT generate_series`), so
nothing crosses the wire but the statements; the log table's indexes and
foreign key are dropped for the load and rebuilt once afterwards, which is far
cheaper than maintaining them row by row. Every log is a done day, every day
up to yesterday (today is left for the write benchmark to log). The state
stored on each habit row (streaks and strength) is computed with the app's own
`habit_state.summarize`, so it is exactly what the API would have stored after
logging those days one by one.

Writes `<out>/tokens.tsv` (one user per line: token, then that user's habit
ids) and `<out>/history.tsv` (token for the 1-month and the 5-year user).

Usage: python bench/seed_bulk.py OUT_DIR   (DATABASE_URL and JWT_SECRET set)
"""

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from app.core.security import create_access_token, hash_password
from app.models import Frequency
from app.services.habit_state import summarize
from sqlalchemy import create_engine, text

USERS = 1000
HABITS_PER_USER = 10
DAILY_HABITS = 8  # the other two are weekly, target 3
DAYS = 365
WEEKLY_TARGET = 3
TOKEN_MINUTES = 24 * 60
BADGES = ("first_log", "streak_7", "streak_30", "weekly_4", "logs_30", "logs_100")

# The foreign key and the two indexes of habit_logs, named by the naming convention.
LOG_CONSTRAINTS = {
    "pk_habit_logs": "PRIMARY KEY (id)",
    "uq_habit_logs_habit_id_date": "UNIQUE (habit_id, date)",
    "fk_habit_logs_habit_id_habits": (
        "FOREIGN KEY (habit_id) REFERENCES habits (id) ON DELETE CASCADE"
    ),
}


def insert_users(conn, *, prefix: str, count: int, password_hash: str) -> None:
    conn.execute(
        text(
            "INSERT INTO users (id, email, password_hash, name, timezone, created_at) "
            "SELECT gen_random_uuid(), :prefix || i || '@example.com', :hash, "
            "'Bench User ' || i, 'UTC', now() FROM generate_series(1, :count) AS i"
        ),
        {"prefix": prefix, "count": count, "hash": password_hash},
    )


def insert_habits(conn, *, prefix: str, daily: int, total: int) -> None:
    """`total` habits per user whose email starts with `prefix`; the first `daily` are daily.
    Their state is a placeholder until `store_state`."""
    conn.execute(
        text(
            "INSERT INTO habits (id, user_id, title, frequency, target, created_at, position, "
            "anchor) "
            "SELECT gen_random_uuid(), u.id, 'Habit ' || n, "
            "CASE WHEN n <= :daily THEN 'daily' ELSE 'weekly' END::habit_frequency, "
            "CASE WHEN n <= :daily THEN 1 ELSE :target END, "
            "now() - interval '6 years' + n * interval '1 second', n - 1, current_date "
            "FROM users u CROSS JOIN generate_series(1, :total) AS n "
            "WHERE u.email LIKE :prefix || '%'"
        ),
        {"prefix": prefix, "daily": daily, "total": total, "target": WEEKLY_TARGET},
    )


def insert_logs(conn, *, prefix: str, first: date, last: date, part: int = 0, parts: int = 1):
    """Every habit of those users logged on every day from `first` to `last`.

    With `parts` > 1, only the habits whose row number modulo `parts` is `part`,
    so that several connections can share the load.
    """
    conn.execute(
        text(
            "INSERT INTO habit_logs (id, habit_id, date, created_at) "
            "SELECT gen_random_uuid(), h.id, d::date, d "
            "FROM (SELECT h.id, row_number() OVER (ORDER BY h.id) AS n FROM habits h "
            "      JOIN users u ON u.id = h.user_id WHERE u.email LIKE :prefix || '%') AS h "
            "CROSS JOIN generate_series(CAST(:first AS date), CAST(:last AS date), "
            "interval '1 day') AS d "
            "WHERE h.n % :parts = :part"
        ),
        {"prefix": prefix, "first": first, "last": last, "part": part, "parts": parts},
    )


def insert_logs_in_parallel(engine, *, prefix: str, first: date, last: date, parts: int) -> None:
    """The big insert on `parts` connections at once (psycopg2 releases the GIL)."""

    def one(part: int) -> None:
        with engine.begin() as conn:
            insert_logs(conn, prefix=prefix, first=first, last=last, part=part, parts=parts)

    with ThreadPoolExecutor(parts) as pool:
        list(pool.map(one, range(parts)))


def store_state(conn, *, prefix: str, first: date, last: date, today: date) -> None:
    """What the API stores after these logs, per frequency (every habit has the same days)."""
    logs = {first + timedelta(days=n): "done" for n in range((last - first).days + 1)}
    for frequency, target in ((Frequency.DAILY, 1), (Frequency.WEEKLY, WEEKLY_TARGET)):
        state = summarize(logs, frequency, target, today)
        conn.execute(
            text(
                "UPDATE habits h SET anchor = :anchor, anchor_run = :run, "
                "anchor_longest = :longest, anchor_score = :score, total_logs = :total "
                "FROM users u WHERE u.id = h.user_id AND u.email LIKE :prefix || '%' "
                "AND h.frequency = CAST(:frequency AS habit_frequency)"
            ),
            {
                "anchor": state.anchor,
                "run": state.run,
                "longest": state.longest,
                "score": state.score,
                "total": state.total_logs,
                "prefix": prefix,
                "frequency": frequency.value,
            },
        )
    conn.execute(
        text(
            "INSERT INTO badges (id, user_id, code, achieved_at) "
            "SELECT gen_random_uuid(), u.id, code, now() FROM users u "
            "CROSS JOIN unnest(CAST(:codes AS text[])) AS code WHERE u.email LIKE :prefix || '%'"
        ),
        {"codes": list(BADGES), "prefix": prefix},
    )


def write_tokens(conn, path: Path, *, prefix: str, secret: str) -> int:
    rows = conn.execute(
        text(
            "SELECT u.id, array_agg(h.id ORDER BY h.position) FROM users u "
            "JOIN habits h ON h.user_id = u.id WHERE u.email LIKE :prefix || '%' "
            "GROUP BY u.id ORDER BY u.email"
        ),
        {"prefix": prefix},
    ).all()
    with path.open("w") as out:
        for user_id, habit_ids in rows:
            token = create_access_token(user_id, secret=secret, expires_minutes=TOKEN_MINUTES)
            out.write("\t".join([token, *map(str, habit_ids)]) + "\n")
    return len(rows)


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    secret = os.environ["JWT_SECRET"]
    url = os.environ["DATABASE_URL"]
    today = datetime.now(UTC).date()  # the users' time zone is UTC
    yesterday = today - timedelta(days=1)
    year_start = yesterday - timedelta(days=DAYS - 1)
    started = time.monotonic()
    password_hash = hash_password("bench-password")  # nobody signs in: tokens are minted

    engine = create_engine(url)
    with engine.begin() as conn:
        for name in LOG_CONSTRAINTS:
            conn.execute(text(f"ALTER TABLE habit_logs DROP CONSTRAINT {name}"))
        insert_users(conn, prefix="bench-", count=USERS, password_hash=password_hash)
        insert_habits(conn, prefix="bench-", daily=DAILY_HABITS, total=HABITS_PER_USER)
    insert_logs_in_parallel(engine, prefix="bench-", first=year_start, last=yesterday, parts=2)
    with engine.begin() as conn:
        conn.execute(text("SET maintenance_work_mem = '512MB'"))
        store_state(conn, prefix="bench-", first=year_start, last=yesterday, today=today)
        # Two users for the history test: the same 10 daily habits, 1 month vs 5 years.
        for prefix, days in (("history-month-", 30), ("history-5y-", 5 * 365)):
            insert_users(conn, prefix=prefix, count=1, password_hash=password_hash)
            insert_habits(conn, prefix=prefix, daily=HABITS_PER_USER, total=HABITS_PER_USER)
            first = yesterday - timedelta(days=days - 1)
            insert_logs(conn, prefix=prefix, first=first, last=yesterday)
            store_state(conn, prefix=prefix, first=first, last=yesterday, today=today)
        for name, definition in LOG_CONSTRAINTS.items():
            conn.execute(text(f"ALTER TABLE habit_logs ADD CONSTRAINT {name} {definition}"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
        counts = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM habits), "
                "(SELECT count(*) FROM habit_logs)"
            )
        ).one()
        users = write_tokens(conn, out / "tokens.tsv", prefix="bench-", secret=secret)
        with (out / "history.tsv").open("w") as history:
            for label, prefix in (("1 month", "history-month-"), ("5 years", "history-5y-")):
                user_id = conn.scalar(
                    text("SELECT id FROM users WHERE email LIKE :p || '%'"), {"p": prefix}
                )
                token = create_access_token(user_id, secret=secret, expires_minutes=TOKEN_MINUTES)
                history.write(f"{label}\t{token}\n")
    engine.dispose()
    elapsed = time.monotonic() - started
    print(
        f"seeded {counts[0]} users, {counts[1]} habits, {counts[2]} logs "
        f"({users} benchmark users with tokens) in {elapsed:.1f}s"
    )
    (out / "seed.txt").write_text(
        f"{counts[0]} users, {counts[1]} habits, {counts[2]} logs in {elapsed:.1f} s\n"
    )


if __name__ == "__main__":
    main()
