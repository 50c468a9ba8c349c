"""Migration 0003 on a database with data, on PostgreSQL and on SQLite:
0002 → 0003 → 0002 → 0003, the data checked at each step.

Up: every log stays a done day, each user's habits are in their creation
order, and the stored state (streaks and strength) is the one the logs give.
Down: skipped days go (0002 cannot tell them from done ones), the old streak
state is computed again from the done days.
"""

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from app.models import Frequency
from app.services import habit_state, scores
from app.services.users import today_in
from tests.services.reference import reference_view
from tests.utils.database import alembic_config

TODAY = datetime.now(UTC).date()
WEEKDAY = TODAY.weekday()

users = sa.table(
    "users",
    sa.column("id", sa.Uuid),
    sa.column("email", sa.String),
    sa.column("name", sa.String),
    sa.column("timezone", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
habits = sa.table(
    "habits",
    sa.column("id", sa.Uuid),
    sa.column("user_id", sa.Uuid),
    sa.column("title", sa.String),
    sa.column("frequency", sa.String),
    sa.column("target", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
logs = sa.table(
    "habit_logs",
    sa.column("id", sa.Uuid),
    sa.column("habit_id", sa.Uuid),
    sa.column("date", sa.Date),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture(params=["postgresql", "sqlite"])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The URL of a new, empty database of that kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.fail("the suite runs on PostgreSQL (DATABASE_URL): scripts/test-backend.sh")
    name = f"migration_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


# Per habit: (owner, title, frequency, target, created days ago, done days ago).
HABITS = [
    ("ann", "Read", "daily", 1, 30, list(range(20))),  # the contract's vector
    # Monday, Wednesday and Friday of each of the 8 weeks before this one.
    (
        "ann",
        "Run",
        "weekly",
        3,
        70,
        [WEEKDAY + 7 * week - day for week in range(1, 9) for day in (0, 2, 4)],
    ),
    ("ann", "Idle", "daily", 1, 10, []),
    ("bob", "Write", "daily", 1, 5, [1, 2, 3, 300, 301]),
]


def fill_0002(engine: Engine) -> dict[str, uuid.UUID]:
    """Users, habits and logs as 0002 holds them; habit ids by title."""
    owners = {name: uuid.uuid4() for name in ("ann", "bob")}
    ids = {title: uuid.uuid4() for _, title, *_ in HABITS}
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for name, user_id in owners.items():
            timezone = "Pacific/Kiritimati" if name == "bob" else "UTC"
            connection.execute(
                sa.insert(users).values(
                    id=user_id, email=f"{name}@example.com", name=name, timezone=timezone,
                    created_at=now,
                )
            )  # fmt: skip
        for owner, title, frequency, target, created, done in HABITS:
            connection.execute(
                sa.insert(habits).values(
                    id=ids[title], user_id=owners[owner], title=title, frequency=frequency,
                    target=target, created_at=now - timedelta(days=created),
                )
            )  # fmt: skip
            for offset in done:
                connection.execute(
                    sa.insert(logs).values(
                        id=uuid.uuid4(), habit_id=ids[title], date=ago(offset), created_at=now
                    )
                )
    return ids


def rows(engine: Engine, sql: str) -> list[sa.Row]:
    with engine.connect() as connection:
        return list(connection.execute(sa.text(sql)))


def check_0003(engine: Engine, ids: dict[str, uuid.UUID]) -> None:
    read = dict.fromkeys(ids.values())
    found = rows(
        engine,
        "SELECT id, title, frequency, target, archived, position, anchor, anchor_run, "
        "anchor_longest, anchor_score, total_logs FROM habits",
    )
    assert {row.title: (row.position, bool(row.archived)) for row in found} == {
        "Run": (0, False),
        "Read": (1, False),
        "Idle": (2, False),
        "Write": (0, False),
    }
    for row in found:
        read[uuid.UUID(str(row.id))] = row
    days = {title: done for _, title, _, _, _, done in HABITS}
    for title, habit_id in ids.items():
        row = read[habit_id]
        history = {ago(offset): "done" for offset in days[title]}
        frequency = Frequency(row.frequency)
        today = today_in("Pacific/Kiritimati") if title == "Write" else TODAY
        expected = habit_state.summarize(history, frequency, row.target, today)
        anchor = row.anchor if isinstance(row.anchor, date) else date.fromisoformat(row.anchor)
        assert (anchor, row.anchor_run, row.anchor_longest, row.total_logs) == (
            expected.anchor,
            expected.run,
            expected.longest,
            expected.total_logs,
        )
        assert row.anchor_score == pytest.approx(expected.score, abs=1e-12)
        state = habit_state.HabitState(
            anchor, row.anchor_run, row.anchor_longest, row.anchor_score, row.total_logs
        )
        shown = habit_state.view(state, history, frequency, row.target, today)
        assert (
            shown.current_streak
            == reference_view(history, frequency, row.target, today).current_streak
        )
        if title == "Read":
            assert scores.shown(shown.score) == 0.655747
    statuses = rows(engine, "SELECT status, count(*) AS n FROM habit_logs GROUP BY status")
    assert {row.status: row.n for row in statuses} == {"done": sum(len(d) for *_, d in HABITS)}


def test_0003_up_down_up_keeps_the_data(empty_database: str) -> None:
    config = alembic_config(empty_database)
    command.upgrade(config, "0002")
    engine = create_engine(empty_database)
    try:
        ids = fill_0002(engine)
        command.upgrade(config, "0003")
        check_0003(engine, ids)
        assert rows(engine, "SELECT count(*) AS n FROM habit_logs WHERE note IS NOT NULL")[0].n == 0

        # Written under 0003: a skipped day and a note, which 0002 cannot hold.
        with engine.begin() as connection:
            read = sa.bindparam("read", ids["Read"], type_=sa.Uuid)
            connection.execute(
                sa.text(
                    "INSERT INTO habit_logs (id, habit_id, date, status, note, created_at) "
                    "VALUES (:id, :read, :day, 'skipped', 'Ill', :now)"
                ).bindparams(
                    sa.bindparam("id", uuid.uuid4(), type_=sa.Uuid),
                    read,
                    sa.bindparam("day", ago(25), type_=sa.Date),
                    sa.bindparam("now", datetime.now(UTC), type_=sa.DateTime(timezone=True)),
                )
            )
        command.downgrade(config, "0002")
        old = {
            row.title: (row.last_run_length, row.longest_streak, row.total_logs)
            for row in rows(
                engine,
                "SELECT title, last_run_end, last_run_length, longest_streak, total_logs "
                "FROM habits",
            )
        }
        assert old == {
            "Read": (20, 20, 20),
            "Run": (8, 8, 24),
            "Idle": (0, 0, 0),
            "Write": (3, 3, 5),
        }
        assert rows(engine, "SELECT count(*) AS n FROM habit_logs")[0].n == 49

        command.upgrade(config, "0003")
        check_0003(engine, ids)
    finally:
        engine.dispose()
