"""A log write whose read was made stale by another write writes nothing, then
takes the locked path: the streaks stay right.

Each write runs on a `Database` of its own and commits for real (the
optimistic write checks the habit row's version, which only another
transaction's commit changes).
"""

import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db.session import Database
from app.models import Frequency, Habit, HabitLog
from app.services import habit_logs, habits, streaks, users

DAY = date(2026, 3, 10)


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
        session=session, user_id=user.id, title="Race", frequency=Frequency.DAILY, target=1
    )
    return session.get(Habit, summary.id)


@pytest.fixture
def write(engine: Engine):
    """Run a log service as a request does: on a `Database` of its own."""

    def run(action, habit: Habit, day: date) -> None:
        database = Database(engine)
        try:
            action(database=database, user_id=habit.user_id, habit_id=str(habit.id), day=day)
        finally:
            database.close()

    return run


@pytest.fixture
def stored(session: Session):
    def read(habit: Habit) -> tuple[streaks.StreakState, list[date]]:
        session.expire_all()
        row = session.get(Habit, habit.id)
        dates = list(session.scalars(select(HabitLog.date).where(HabitLog.habit_id == habit.id)))
        session.commit()
        state = streaks.StreakState(
            row.last_run_end, row.last_run_length, row.longest_streak, row.total_logs
        )
        return state, sorted(dates)

    return read


@pytest.fixture
def race(monkeypatch: pytest.MonkeyPatch):
    """Make the next optimistic read stale: `other` runs right after it, once;
    counts the writes that then took the locked path."""
    locked = {"add": 0, "remove": 0}

    def arm(other) -> dict[str, int]:
        read = habit_logs._read_unlocked
        pending = [other]

        def read_then_race(*args, **kwargs):
            row = read(*args, **kwargs)
            if pending:
                pending.pop()()
            return row

        monkeypatch.setattr(habit_logs, "_read_unlocked", read_then_race)
        for name, real in (("add", habit_logs._add_locked), ("remove", habit_logs._remove_locked)):

            def counted(*args, _name=name, _real=real, **kwargs):
                locked[_name] += 1
                return _real(*args, **kwargs)

            monkeypatch.setattr(habit_logs, f"_{name}_locked", counted)
        return locked

    return arm


def test_a_log_raced_by_another_log_is_written_under_the_lock(
    habit: Habit, race, write, stored
) -> None:
    write(habit_logs.add, habit, DAY - timedelta(days=2))
    # Between this write's read and its save, the day before is logged.
    locked = race(lambda: write(habit_logs.add, habit, DAY - timedelta(days=1)))

    write(habit_logs.add, habit, DAY)

    assert locked == {"add": 1, "remove": 0}
    state, dates = stored(habit)
    assert dates == [DAY - timedelta(days=2), DAY - timedelta(days=1), DAY]
    assert state == streaks.summarize(dates, Frequency.DAILY, 1)
    assert (state.last_run_length, state.longest_streak, state.total_logs) == (3, 3, 3)


def test_an_undo_raced_by_another_undo_is_written_under_the_lock(
    habit: Habit, race, write, stored
) -> None:
    older_run = [DAY - timedelta(days=offset) for offset in range(10, 5, -1)]
    latest_run = [DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)]
    for day in [DAY - timedelta(days=20), *older_run, *latest_run]:
        write(habit_logs.add, habit, day)
    # Between this undo's read and its save, an old lone day is undone.
    locked = race(lambda: write(habit_logs.remove, habit, DAY - timedelta(days=20)))

    write(habit_logs.remove, habit, DAY + timedelta(days=2))

    assert locked == {"add": 0, "remove": 1}
    state, dates = stored(habit)
    assert dates == [*older_run, DAY, DAY + timedelta(days=1)]
    assert state == streaks.summarize(dates, Frequency.DAILY, 1)
    assert (state.last_run_length, state.longest_streak, state.total_logs) == (2, 5, 7)


def test_writes_nobody_races_take_no_lock(habit: Habit, race, write, stored) -> None:
    write(habit_logs.add, habit, DAY - timedelta(days=5))  # awards first_log, under the lock
    locked = race(lambda: None)
    write(habit_logs.add, habit, DAY)
    write(habit_logs.add, habit, DAY + timedelta(days=1))
    write(habit_logs.remove, habit, DAY - timedelta(days=5))
    assert locked == {"add": 0, "remove": 0}
    state, dates = stored(habit)
    assert dates == [DAY, DAY + timedelta(days=1)]
    assert state == streaks.summarize(dates, Frequency.DAILY, 1)
