"""Logging a habit's days: write, undo, and read a window."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Row, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, InvalidInput, NotFound
from app.models import Frequency, Habit, HabitLog
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
_INSERT = insert(_LOGS)
_DELETE = delete(_LOGS).where(
    _LOGS.c.habit_id == bindparam("habit_id"), _LOGS.c.date == bindparam("day")
)
_NEARBY = select(_LOGS.c.date).where(
    _LOGS.c.habit_id == bindparam("habit_id"),
    _LOGS.c.date.between(bindparam("low"), bindparam("high")),
)
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


def _save_state(connection: Connection, habit: Row, day: date, *, added: bool) -> StreakState:
    """Store the habit's streak state after the write: updated from the written
    day's neighbourhood when that tells, recomputed from every date otherwise."""
    frequency, target = habit.frequency, habit.target
    stored = StreakState(
        habit.last_run_end, habit.last_run_length, habit.longest_streak, habit.total_logs
    )
    end = habit.last_run_end
    if added and frequency is Frequency.DAILY and target == 1 and (end is None or day > end):
        # A day after every logged one (logging today): its neighbours cannot matter.
        nearby: list[date] = [day]
    else:
        low, high = streaks.neighbourhood(day, frequency)
        params = {"habit_id": habit.id, "low": low, "high": high}
        nearby = list(connection.execute(_NEARBY, params).scalars())
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
        connection.execute(
            _INSERT,
            {"id": log.id, "habit_id": log.habit_id, "date": day, "created_at": log.created_at},
        )
    except IntegrityError as error:
        session.rollback()
        raise Conflict(f"Habit already logged on {day.isoformat()}.") from error
    state = _save_state(connection, habit, day, added=True)
    badges.award_for_log(
        session=session, user_id=habit.user_id, frequency=habit.frequency, state=state, today=today
    )
    session.commit()
    return log


def remove(*, session: Session, habit: Row, day: date) -> None:
    """Undo the log of `day` (`habit` as for `add`)."""
    connection = session.connection()
    deleted = connection.execute(_DELETE, {"habit_id": habit.id, "day": day})
    if deleted.rowcount == 0:
        session.rollback()
        raise NotFound(f"Habit has no log on {day.isoformat()}.")
    _save_state(connection, habit, day, added=False)
    session.commit()


def in_window(*, session: Session, habit_id: uuid.UUID, window: Window, end: date) -> LogWindow:
    """The logs of the 7 or 30 days ending on `end`, ascending (index range scan)."""
    days = window_days(window, end)
    params = {"habit_id": habit_id, "first_day": days[0], "last_day": days[-1]}
    items = session.connection().execute(_WINDOW, params).all()
    return LogWindow(items=list(items), range=window, start=days[0], end=days[-1])
