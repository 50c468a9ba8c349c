"""Logging a habit's days: write, undo, and read a window.

A write reads its habit (the stored streak state, the owner's time zone, the
badge inputs) and the logged days around the written one, works out the new
streak state (`streaks.apply_change`), then writes the log and the state.

On PostgreSQL it first tries that optimistically, outside a transaction: one
statement reads, and one writes the log and the state only if the habit's
row is still the version read (its `xmin`, which changes with every committed
update of the row; every log write updates it). That second statement is
atomic, so a read made stale by a concurrent write writes nothing. Otherwise
(the row changed, the neighbourhood cannot tell the new state, a badge is
due, SQLite, or the habit could not be read) the write takes the locked path:
a transaction that locks the habit's row, then reads, writes and commits.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import (
    Connection,
    Row,
    String,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.prepared import Prepared
from app.errors import Conflict, InvalidInput, NotFound
from app.models import Frequency, Habit, HabitLog
from app.models._columns import utc_now
from app.services import badges, habits, streaks
from app.services.analytics import Span, Window, days_of
from app.services.streaks import StreakState
from app.services.users import possible_todays, today_in

if TYPE_CHECKING:
    from app.db.session import Database


@dataclass(frozen=True)
class LogWindow:
    items: list[Row]
    range: Window | Literal["custom"]
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

# The optimistic write's two statements (PostgreSQL). The read: the habit as
# for a locked write, its row version, and its logged days between `low` and
# `high` as one string. The write: the state saved only if the row is still
# that version (an UPDATE that finds a newer version waits for its writer,
# then matches nothing), and the log inserted or deleted only if the state
# was saved; it answers how many states were saved (0 or 1).
# xmin: the transaction that wrote this version of the row (as text, to bind).
_VERSION = cast(literal_column("habits.xmin"), String)
_READ_WITH_NEARBY = Prepared(
    "read_for_log_write",
    habits.FOR_LOG_WRITE.add_columns(
        _VERSION.label("version"),
        select(func.aggregate_strings(cast(_LOGS.c.date, String), ","))
        .where(
            _LOGS.c.habit_id == _HABITS.c.id,
            _LOGS.c.date.between(bindparam("low"), bindparam("high")),
        )
        .scalar_subquery()
        .label("nearby_days"),
    ),
)
_UNCHANGED = _VERSION == bindparam("version")  # noqa: SIM300 (SQL, not a Python constant)
_SAVED = _SAVE_STATE.where(_UNCHANGED).returning(_HABITS.c.id).cte("saved")
_INSERT_IF_UNCHANGED = Prepared(
    "insert_log_if_unchanged",
    select(func.count())
    .select_from(_SAVED)
    .add_cte(
        insert(_LOGS)
        .from_select(
            ["id", "habit_id", "date", "created_at"],
            select(
                # Not named after columns of habits: the UPDATE would set them.
                bindparam("log_id", type_=_LOGS.c.id.type),
                _SAVED.c.id,
                bindparam("day", type_=_LOGS.c.date.type),
                bindparam("logged_at", type_=_LOGS.c.created_at.type),
            ),
        )
        .cte("written")
    ),
)
_DELETE_IF_UNCHANGED = Prepared(
    "delete_log_if_unchanged",
    select(func.count())
    .select_from(_SAVED)
    .add_cte(_DELETE.where(_LOGS.c.habit_id.in_(select(_SAVED.c.id))).cte("written")),
)


def _state_params(habit_id: uuid.UUID, state: StreakState) -> dict[str, object]:
    return {
        "habit_id": habit_id,
        "last_run_end": state.last_run_end,
        "last_run_length": state.last_run_length,
        "longest_streak": state.longest_streak,
        "total_logs": state.total_logs,
    }


def _stored_state(habit: Row) -> StreakState:
    return StreakState(
        habit.last_run_end, habit.last_run_length, habit.longest_streak, habit.total_logs
    )


def _due_badges(habit: Row, state: StreakState, today: date) -> set[str]:
    """`badges.due` for the habit as read for a write, with its new `state`."""
    return badges.due(
        frequency=habit.frequency,
        state=state,
        today=today,
        other_habits_logs=habit.other_habits_logs,
        held_codes=habit.held_codes,
    )


def _check_not_future(day: date, today: date) -> None:
    if day > today:
        raise InvalidInput("date", f"must not be in the future (today is {today.isoformat()})")


def _nearby_bounds(day: date | None) -> tuple[date, date]:
    """Days holding `day`'s neighbourhood (`streaks.neighbourhood`) whatever the
    habit's frequency; without `day`, that of every day that may be the
    user's today (`users.possible_todays`)."""
    first, last = (day, day) if day else possible_todays()
    # A weekly neighbourhood (3 weeks) holds the daily one (3 days) of each day in it.
    low, _ = streaks.neighbourhood(first, Frequency.WEEKLY)
    _, high = streaks.neighbourhood(last, Frequency.WEEKLY)
    return low, high


def _read_unlocked(
    connection: Connection, user_id: uuid.UUID, habit_id: str, day: date | None
) -> Row | None:
    """The habit for an optimistic write, or None for the locked path (not
    PostgreSQL; no such habit of the user's, which the locked path answers)."""
    key = habits.habit_key(habit_id)
    if connection.dialect.name != "postgresql" or key is None:
        return None
    low, high = _nearby_bounds(day)
    params = {"habit_id": key, "user_id": user_id, "low": low, "high": high}
    rows = _READ_WITH_NEARBY.rows(connection, params)
    return rows[0] if rows else None


def _add_unlocked(
    connection: Connection, user_id: uuid.UUID, habit_id: str, day: date | None
) -> NewLog | None:
    """The optimistic `add`; None when it must take the locked path."""
    habit = _read_unlocked(connection, user_id, habit_id, day)
    if habit is None:
        return None
    today = today_in(habit.timezone, habit.day_start_hour)
    day = day or today
    _check_not_future(day, today)
    nearby = days_of(habit.nearby_days)
    if day in nearby:
        raise Conflict(f"Habit already logged on {day.isoformat()}.")
    state = streaks.apply_change(
        _stored_state(habit), habit.frequency, habit.target, day, added=True, nearby=nearby | {day}
    )
    if state is None or _due_badges(habit, state, today):
        return None
    log = NewLog(id=uuid.uuid4(), habit_id=habit.id, date=day, created_at=utc_now())
    params = {
        **_state_params(habit.id, state),
        "version": habit.version,
        "log_id": log.id,
        "day": day,
        "logged_at": log.created_at,
    }
    [(saved,)] = _INSERT_IF_UNCHANGED.rows(connection, params)
    return log if saved else None


def _remove_unlocked(connection: Connection, user_id: uuid.UUID, habit_id: str, day: date) -> bool:
    """The optimistic `remove`; False when it must take the locked path."""
    habit = _read_unlocked(connection, user_id, habit_id, day)
    if habit is None:
        return False
    nearby = days_of(habit.nearby_days)
    if day not in nearby:
        raise NotFound(f"Habit has no log on {day.isoformat()}.")
    state = streaks.apply_change(
        _stored_state(habit), habit.frequency, habit.target, day, added=False, nearby=nearby - {day}
    )
    if state is None:
        return False
    params = {**_state_params(habit.id, state), "version": habit.version, "day": day}
    [(saved,)] = _DELETE_IF_UNCHANGED.rows(connection, params)
    return bool(saved)


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
    state = streaks.apply_change(
        _stored_state(habit), frequency, target, day, added=added, nearby=nearby
    )
    if state is None:
        dates = connection.execute(_ALL_DATES, {"habit_id": habit.id}).scalars()
        state = streaks.summarize(dates, frequency, target)
    connection.execute(_SAVE_STATE, _state_params(habit.id, state))
    return state


def _add_locked(session: Session, user_id: uuid.UUID, habit_id: str, day: date | None) -> NewLog:
    """`add` in a transaction that locks the habit's row: writes to one habit
    are serialised, so the streak state is computed from every committed log."""
    habit = habits.lock_owned(session=session, user_id=user_id, habit_id=habit_id)
    today = today_in(habit.timezone, habit.day_start_hour)
    day = day or today
    _check_not_future(day, today)
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
    badges.award(session=session, user_id=habit.user_id, codes=_due_badges(habit, state, today))
    session.commit()
    return log


def _remove_locked(session: Session, user_id: uuid.UUID, habit_id: str, day: date) -> None:
    """`remove` as `_add_locked` adds."""
    habit = habits.lock_owned(session=session, user_id=user_id, habit_id=habit_id)
    connection = session.connection()
    before = _write_reading_nearby(connection, habit, day, {}, added=False)
    if day not in before:  # nothing was deleted
        session.rollback()
        raise NotFound(f"Habit has no log on {day.isoformat()}.")
    nearby = [logged for logged in before if logged != day]
    _save_state(connection, habit, day, added=False, nearby=nearby)
    session.commit()


def add(*, database: "Database", user_id: uuid.UUID, habit_id: str, day: date | None) -> NewLog:
    """Log `day` (default: the user's today; not in the future) of the user's
    habit, refresh its streaks and award badges. 404 for a habit that is not
    the user's, 409 when the day is logged already.

    The optimistic attempt runs on `database.connection` (autocommit), the
    locked path in `database.session` (a transaction).
    """
    log = _add_unlocked(database.connection, user_id, habit_id, day)
    if log is not None:
        return log
    return _add_locked(database.session, user_id, habit_id, day)


def remove(*, database: "Database", user_id: uuid.UUID, habit_id: str, day: date) -> None:
    """Undo the log of `day` (as `add` writes); 404 when there is none."""
    if not _remove_unlocked(database.connection, user_id, habit_id, day):
        _remove_locked(database.session, user_id, habit_id, day)


def in_span(*, connection: Connection, habit_id: uuid.UUID, span: Span) -> LogWindow:
    """The habit's logs within `span`, ascending (index range scan)."""
    params = {"habit_id": habit_id, "first_day": span.start, "last_day": span.end}
    items = connection.execute(_WINDOW, params).all()
    return LogWindow(items=list(items), range=span.range, start=span.start, end=span.end)
