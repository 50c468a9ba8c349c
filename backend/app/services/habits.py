"""Habits: CRUD and the streak summary every habit is shown with."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlalchemy.orm import Session

from app.db.prepared import Prepared
from app.errors import InvalidInput, NotFound, Unauthorized
from app.models import Frequency, Habit, HabitLog, User
from app.services import analytics, badges, streaks, users


@dataclass(frozen=True)
class HabitSummary:
    """A habit as the API shows it: the row plus its streaks and today's progress."""

    id: uuid.UUID
    title: str
    frequency: Frequency
    target: int
    created_at: datetime
    current_streak: int
    longest_streak: int
    total_logs: int
    logged_today: bool
    period_count: int


def habit_key(habit_id: str) -> uuid.UUID | None:
    """The id from the path; None for one that is not a UUID (answered as not found)."""
    if "\x00" in habit_id:
        raise InvalidInput("habit_id", "must not contain NUL characters")
    try:
        return uuid.UUID(habit_id)
    except ValueError:
        return None


def not_found(habit_id: object) -> NotFound:
    """Someone else's habit answers exactly like a missing one."""
    return NotFound(f"Habit {habit_id} does not exist.")


_HABITS, _USERS = Habit.__table__, User.__table__


# What a log write needs of its habit, as plain columns (no ORM entity): the
# stored streak state, its owner's time zone (the join is the check that the
# token's account still exists) and what `badges.due` needs.
# Parameters: `habit_id`, `user_id`.
FOR_LOG_WRITE = (
    select(
        _HABITS.c.id,
        _HABITS.c.user_id,
        _HABITS.c.frequency,
        _HABITS.c.target,
        _HABITS.c.last_run_end,
        _HABITS.c.last_run_length,
        _HABITS.c.longest_streak,
        _HABITS.c.total_logs,
        _USERS.c.timezone,
        _USERS.c.day_start_hour,
        badges.OTHER_HABITS_LOGS,
        badges.HELD_CODES,
    )
    .join_from(_HABITS, _USERS, _USERS.c.id == _HABITS.c.user_id)
    .where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id"))
)
# The same, its row locked until the transaction ends: the lock serialises
# writes to one habit, so the stored streak state read is the one the
# previous write left.
_LOCKED = FOR_LOG_WRITE.with_for_update(of=_HABITS)


def lock_owned(*, session: Session, user_id: uuid.UUID, habit_id: str) -> Row:
    """The user's habit for a log write, its row locked until the transaction ends."""
    key = habit_key(habit_id)
    row = (
        session.connection().execute(_LOCKED, {"habit_id": key, "user_id": user_id}).first()
        if key
        else None
    )
    if row is None:
        raise not_found(habit_id)
    return row


# A habit id with its owner's time zone, in one statement that also checks
# the account: no row, the account is gone; a row without a habit, the habit
# is missing or someone else's.
_OWNED_ID = (
    select(_USERS.c.timezone, _USERS.c.day_start_hour, _HABITS.c.id)
    .select_from(
        _USERS.outerjoin(
            _HABITS,
            and_(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == _USERS.c.id),
        )
    )
    .where(_USERS.c.id == bindparam("user_id"))
)


def owned_id(*, connection: Connection, user_id: uuid.UUID, habit_id: str) -> Row:
    """`(timezone, id)` of the account's habit; 401 or 404 as for `lock_owned`."""
    key = habit_key(habit_id)
    row = connection.execute(_OWNED_ID, {"habit_id": key, "user_id": user_id}).first()
    if row is None:
        raise Unauthorized()
    if row.id is None:
        raise not_found(habit_id)
    return row


# Built once, and prepared on PostgreSQL (`app.db.prepared`): GET /habits
# runs it on every request, and building or planning it costs more than
# running it. One statement, the account check included: the days each habit
# was logged in a window that holds the user's week whatever their time zone
# (`_recent_window`); today's and this week's counts are taken from them once
# the time zone is known.
_SUMMARIES = Prepared(
    "habit_summaries",
    analytics.account_habits_with_logged_days(
        _HABITS.c.id,
        _HABITS.c.title,
        _HABITS.c.frequency,
        _HABITS.c.target,
        _HABITS.c.created_at,
        _HABITS.c.last_run_end,
        _HABITS.c.last_run_length,
        _HABITS.c.longest_streak,
        _HABITS.c.total_logs,
    ),
)
_ONE_SUMMARY = _SUMMARIES.statement.where(_HABITS.c.id == bindparam("habit_id"))


def _recent_window() -> tuple[date, date]:
    """Days that hold every user's today and the week it is in."""
    earliest, latest = users.possible_todays()
    return streaks.period_start(earliest, Frequency.WEEKLY), latest


def _summary(row: Row, today: date) -> HabitSummary:
    logged = analytics.days_of(row.logged_days)
    week_start = streaks.period_start(today, Frequency.WEEKLY)
    this_week = sum(1 for day in logged if week_start <= day <= week_start + timedelta(days=6))
    return HabitSummary(
        id=row.id,
        title=row.title,
        frequency=row.frequency,
        target=row.target,
        created_at=row.created_at,
        current_streak=streaks.current_streak(
            row.last_run_end, row.last_run_length, row.frequency, today
        ),
        longest_streak=row.longest_streak,
        total_logs=row.total_logs,
        logged_today=today in logged,
        period_count=int(today in logged) if row.frequency is Frequency.DAILY else this_week,
    )


def list_summaries(*, connection: Connection, user_id: uuid.UUID) -> list[HabitSummary]:
    """The account's habits, oldest first, on the account's today; 401 when it is gone."""
    first, last = _recent_window()
    params = {"user_id": user_id, "first_day": first, "last_day": last}
    rows = _SUMMARIES.rows(connection, params)
    if not rows:
        raise Unauthorized()
    today = users.today_in(rows[0].timezone, rows[0].day_start_hour)
    return [_summary(row, today) for row in rows if row.id is not None]


def summary(*, session: Session, user_id: uuid.UUID, habit_id: uuid.UUID) -> HabitSummary:
    """The habit as the API shows it, on its owner's today; 404 when it is gone."""
    first, last = _recent_window()
    params = {"user_id": user_id, "habit_id": habit_id, "first_day": first, "last_day": last}
    row = session.connection().execute(_ONE_SUMMARY, params).first()
    if row is None or row.id is None:
        raise not_found(habit_id)
    return _summary(row, users.today_in(row.timezone, row.day_start_hour))


def create(
    *, session: Session, user_id: uuid.UUID, title: str, frequency: Frequency, target: int
) -> HabitSummary:
    habit = Habit(user_id=user_id, title=title, frequency=frequency, target=target)
    session.add(habit)
    session.flush()
    created = summary(session=session, user_id=user_id, habit_id=habit.id)
    session.commit()
    return created


_FOR_UPDATE = (
    select(_HABITS.c.id, _HABITS.c.frequency, _HABITS.c.target)
    .where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id"))
    .with_for_update()
)
_DELETE = (
    sa_delete(_HABITS)
    .where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id"))
    .returning(_HABITS.c.id)
)


def update(
    *, session: Session, user_id: uuid.UUID, habit_id: str, changes: dict[str, Any]
) -> HabitSummary:
    """Change the user's habit (`title`, `frequency`, `target`; a PUT sends all
    three, a PATCH some). Switching to daily sets the target to 1; a new
    frequency or target re-rates the habit's history. 404 when it is not the
    user's, including when a concurrent DELETE removed it first: the row stays
    locked until the answer is read, so a DELETE waits for this update.
    """
    key = habit_key(habit_id)
    params = {"habit_id": key, "user_id": user_id}
    current = session.connection().execute(_FOR_UPDATE, params).first() if key else None
    if current is None:
        session.rollback()
        raise not_found(habit_id)
    frequency = changes.get("frequency", current.frequency)
    target = 1 if frequency is Frequency.DAILY else changes.get("target", current.target)
    if frequency is Frequency.DAILY and changes.get("target", 1) != 1:
        session.rollback()
        raise InvalidInput("target", "a daily habit has a target of exactly 1 day")
    values: dict[str, Any] = {"frequency": frequency, "target": target}
    if "title" in changes:
        values["title"] = changes["title"]
    if (frequency, target) != (current.frequency, current.target):
        dates = session.scalars(select(HabitLog.date).where(HabitLog.habit_id == key))
        values.update(vars(streaks.summarize(dates, frequency, target)))
    session.execute(sa_update(_HABITS).where(_HABITS.c.id == key).values(**values))
    updated = summary(session=session, user_id=user_id, habit_id=key)
    session.commit()
    return updated


def delete(*, session: Session, user_id: uuid.UUID, habit_id: str) -> None:
    """Delete the user's habit (the database cascades to its logs). Of several
    concurrent deletes exactly one finds the row; the others answer 404."""
    key = habit_key(habit_id)
    deleted = (
        session.connection().execute(_DELETE, {"habit_id": key, "user_id": user_id}).first()
        if key
        else None
    )
    if deleted is None:
        session.rollback()
        raise not_found(habit_id)
    session.commit()
