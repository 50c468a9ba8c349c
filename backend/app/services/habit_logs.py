"""Logging a habit's days: write, undo, and read a window."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Row, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, InvalidInput, NotFound
from app.models import Habit, HabitLog
from app.models._columns import utc_now
from app.services import badges, streaks
from app.services.analytics import Window, window_days
from app.services.streaks import StreakState


@dataclass(frozen=True)
class LogWindow:
    items: list[Row]
    range: Window
    start: date
    end: date


@dataclass(frozen=True)
class NewLog:
    """A log just written (what the ORM entity would hold, without the unit of work)."""

    id: uuid.UUID
    habit_id: uuid.UUID
    date: date
    created_at: datetime


# Built once (statement construction costs more CPU than running it). Core
# over the tables, run through the session's connection, not the ORM: the
# routes hold plain rows.
_LOGS, _HABITS = HabitLog.__table__, Habit.__table__
_INSERT = insert(_LOGS).values(
    id=bindparam("id"),
    habit_id=bindparam("habit_id"),
    date=bindparam("day"),
    created_at=bindparam("created_at"),
)
_DELETE = delete(_LOGS).where(
    _LOGS.c.habit_id == bindparam("habit_id"), _LOGS.c.date == bindparam("day")
)
_NEARBY = select(_LOGS.c.date).where(
    _LOGS.c.habit_id == bindparam("habit_id"),
    _LOGS.c.date.between(bindparam("low"), bindparam("high")),
)
# PostgreSQL runs the write and reads the neighbourhood in one statement (a
# data-modifying WITH): one round trip instead of two. Its read sees the
# dates as they were before the write, like the read that precedes the write
# on SQLite, which has no data-modifying WITH.
_INSERT_READING_NEARBY = _NEARBY.add_cte(_INSERT.returning(_LOGS.c.id).cte("written"))
_DELETE_READING_NEARBY = _NEARBY.add_cte(_DELETE.returning(_LOGS.c.id).cte("written"))
_ALL_DATES = select(_LOGS.c.date).where(_LOGS.c.habit_id == bindparam("habit_id"))
_WINDOW = (
    select(_LOGS.c.id, _LOGS.c.habit_id, _LOGS.c.date, _LOGS.c.created_at)
    .where(
        _LOGS.c.habit_id == bindparam("habit_id"),
        _LOGS.c.date.between(bindparam("first_day"), bindparam("last_day")),
    )
    .order_by(_LOGS.c.date)
)
_SAVE_STATE = (
    update(_HABITS)
    .where(_HABITS.c.id == bindparam("habit_id"))
    .values(
        last_run_end=bindparam("last_run_end"),
        last_run_length=bindparam("last_run_length"),
        longest_streak=bindparam("longest_streak"),
        total_logs=bindparam("total_logs"),
    )
)


def _write_reading_nearby(
    connection: Connection, habit: Row, day: date, params: dict[str, object], *, added: bool
) -> list[date]:
    """Insert (`added`) or delete the log of `day`; the logged dates of its
    neighbourhood (`streaks.neighbourhood`) as they were before."""
    low, high = streaks.neighbourhood(day, habit.frequency)
    params = {**params, "habit_id": habit.id, "day": day, "low": low, "high": high}
    if connection.dialect.name == "postgresql":
        both = _INSERT_READING_NEARBY if added else _DELETE_READING_NEARBY
        return list(connection.execute(both, params).scalars())
    before = list(connection.execute(_NEARBY, params).scalars())
    connection.execute(_INSERT if added else _DELETE, params)
    return before


def _save_state(
    connection: Connection, habit: Row, day: date, *, added: bool, nearby: list[date]
) -> StreakState:
    """Store the habit's streak state after the write: updated from the written
    day's neighbourhood (`nearby`, after the write) when that tells,
    recomputed from every date otherwise."""
    frequency, target = habit.frequency, habit.target
    stored = StreakState(
        habit.last_run_end, habit.last_run_length, habit.longest_streak, habit.total_logs
    )
    state = streaks.apply_change(stored, frequency, target, day, added=added, nearby=nearby)
    if state is None:
        dates = connection.execute(_ALL_DATES, {"habit_id": habit.id}).scalars()
        state = streaks.summarize(dates, frequency, target)
    connection.execute(
        _SAVE_STATE,
        {
            "habit_id": habit.id,
            "last_run_end": state.last_run_end,
            "last_run_length": state.last_run_length,
            "longest_streak": state.longest_streak,
            "total_logs": state.total_logs,
        },
    )
    return state


def add(*, session: Session, habit: Row, day: date, today: date) -> NewLog:
    """Log `day` (not in the future), refresh the streaks and award badges.

    `habit` is the row `habits.lock_owned` loaded and locked: writes to one
    habit are serialised, so the streak state is computed from every
    committed log.
    """
    if day > today:
        raise InvalidInput("date", f"must not be in the future (today is {today.isoformat()})")
    log = NewLog(id=uuid.uuid4(), habit_id=habit.id, date=day, created_at=utc_now())
    connection = session.connection()
    try:
        # No savepoint: a duplicate rolls back the whole transaction, which
        # holds nothing but the lock yet.
        before = _write_reading_nearby(
            connection, habit, day, {"id": log.id, "created_at": log.created_at}, added=True
        )
    except IntegrityError as error:
        session.rollback()
        raise Conflict(f"Habit already logged on {day.isoformat()}.") from error
    state = _save_state(connection, habit, day, added=True, nearby=[*before, day])
    badges.award_for_log(
        session=session,
        user_id=habit.user_id,
        frequency=habit.frequency,
        state=state,
        today=today,
        other_habits_logs=habit.other_habits_logs,
        held_codes=habit.held_codes,
    )
    session.commit()
    return log


def remove(*, session: Session, habit: Row, day: date) -> None:
    """Undo the log of `day` (`habit` as for `add`)."""
    connection = session.connection()
    before = _write_reading_nearby(connection, habit, day, {}, added=False)
    if day not in before:  # nothing was deleted
        session.rollback()
        raise NotFound(f"Habit has no log on {day.isoformat()}.")
    nearby = [logged for logged in before if logged != day]
    _save_state(connection, habit, day, added=False, nearby=nearby)
    session.commit()


def in_window(*, session: Session, habit_id: uuid.UUID, window: Window, end: date) -> LogWindow:
    """The logs of the 7 or 30 days ending on `end`, ascending (index range scan)."""
    days = window_days(window, end)
    params = {"habit_id": habit_id, "first_day": days[0], "last_day": days[-1]}
    items = session.connection().execute(_WINDOW, params).all()
    return LogWindow(items=list(items), range=window, start=days[0], end=days[-1])
