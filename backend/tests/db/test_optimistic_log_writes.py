"""A log write whose read was made stale by another write writes nothing, then
takes the locked path: the stored state stays right.

Each write runs on a `Database` of its own and commits for real (the
optimistic write checks the habit row's version, which only another
transaction's commit changes).
"""

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from pytest import approx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db.session import Database
from app.models import Frequency, Habit, HabitLog
from app.services import habit_logs, habit_state, habits, users
from app.services.habit_state import HabitState
from app.services.stored_state import state_of

TODAY = datetime.now(UTC).date()  # the account's time zone is UTC


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def habit(engine: Engine, session: Session) -> Iterator[Habit]:
    user = users.register(
        session=session,
        email=f"race-{uuid.uuid4().hex[:8]}@example.com",
        password="Secret-123",
        name="Race",
        timezone="UTC",
    )
    summary = habits.create(
        session=session,
        user_id=user.id,
        today=TODAY,
        title="Race",
        frequency=Frequency.DAILY,
        target=1,
    )
    return session.get(Habit, summary.id)


@pytest.fixture
def write(engine: Engine):
    """Run a log service as a request does, on a `Database` of its own;
    whether it took the locked branch (a transaction)."""

    def run(action, habit: Habit, day: date) -> bool:
        database = Database(engine)
        try:
            action(
                database=database,
                user_id=habit.user_id,
                version=0,  # a new account's token version
                habit_id=str(habit.id),
                day=day,
                now=datetime.combine(TODAY, time(12), UTC),
            )
            return database.in_transaction
        finally:
            database.close()

    return run


@pytest.fixture
def stored(session: Session):
    """The habit's stored state, checked against the whole history's; its dates."""

    def read(habit: Habit) -> tuple[HabitState, list[date]]:
        session.expire_all()
        state = state_of(session.get(Habit, habit.id))
        logs = session.execute(
            select(HabitLog.date, HabitLog.status).where(HabitLog.habit_id == habit.id)
        ).all()
        session.commit()
        full = habit_state.summarize(dict(logs), Frequency.DAILY, 1, TODAY)
        assert state.score == approx(full.score, abs=1e-12)
        assert (state.anchor, state.run, state.longest, state.total_logs) == (
            full.anchor,
            full.run,
            full.longest,
            full.total_logs,
        )
        return state, sorted(day for day, _ in logs)

    return read


@pytest.fixture
def race(monkeypatch: pytest.MonkeyPatch):
    """Make the next optimistic read stale: `other` runs right after it, once;
    counts the writes whose optimistic save then found the row changed."""
    stale = {"saves": 0}

    def arm(other) -> dict[str, int]:
        read = habit_logs._READ_UNLOCKED.rows
        save = habit_logs._save_if_unchanged
        pending = [other]

        def read_then_race(*args, **kwargs):
            rows = read(*args, **kwargs)
            if pending:
                pending.pop()()
            return rows

        def counted_save(*args, **kwargs):
            saved = save(*args, **kwargs)
            stale["saves"] += not saved
            return saved

        monkeypatch.setattr(habit_logs._READ_UNLOCKED, "rows", read_then_race)
        monkeypatch.setattr(habit_logs, "_save_if_unchanged", counted_save)
        return stale

    return arm


def test_a_log_raced_by_another_log_is_written_under_the_lock(
    habit: Habit, race, write, stored
) -> None:
    write(habit_logs.add, habit, ago(2))
    # Between this write's read and its save, the day before is logged.
    stale = race(lambda: write(habit_logs.add, habit, ago(1)))

    assert write(habit_logs.add, habit, ago(0))

    assert stale == {"saves": 1}
    state, dates = stored(habit)
    assert dates == [ago(2), ago(1), ago(0)]
    assert state.total_logs == 3


def test_an_undo_raced_by_another_undo_is_written_under_the_lock(
    habit: Habit, race, write, stored
) -> None:
    older_run = [ago(offset) for offset in range(30, 25, -1)]
    latest_run = [ago(2), ago(1), ago(0)]
    for day in [ago(40), *older_run, *latest_run]:
        write(habit_logs.add, habit, day)
    # Between this undo's read and its save, an old lone day is undone.
    stale = race(lambda: write(habit_logs.remove, habit, ago(40)))

    assert write(habit_logs.remove, habit, ago(0))

    assert stale == {"saves": 1}
    state, dates = stored(habit)
    assert dates == [*older_run, ago(2), ago(1)]
    assert (state.longest, state.total_logs) == (5, 7)


def test_writes_nobody_races_take_no_lock(habit: Habit, race, write, stored) -> None:
    # A daily habit's anchor is 3 days before today: writes from then on
    # need no history.
    assert write(habit_logs.add, habit, ago(3))  # awards first_log, under the lock
    stale = race(lambda: None)
    locked = [
        write(habit_logs.add, habit, ago(2)),
        write(habit_logs.add, habit, ago(1)),
        write(habit_logs.remove, habit, ago(3)),
    ]
    assert locked == [False, False, False]
    assert stale == {"saves": 0}
    _, dates = stored(habit)
    assert dates == [ago(2), ago(1)]
