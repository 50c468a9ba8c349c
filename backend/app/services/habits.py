"""Habits: CRUD and the streak summary every habit is shown with."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, Row, and_, bindparam, select
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


def get_owned(*, session: Session, user_id: uuid.UUID, habit_id: str) -> Habit:
    """The user's habit; someone else's answers exactly like a missing one."""
    key = habit_key(habit_id)
    habit = session.get(Habit, key) if key else None
    if habit is None or habit.user_id != user_id:
        raise NotFound(f"Habit {habit_id} does not exist.")
    return habit


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
    """Like `get_owned`, and the habit's row stays locked until the transaction ends."""
    key = habit_key(habit_id)
    row = (
        session.connection().execute(_LOCKED, {"habit_id": key, "user_id": user_id}).first()
        if key
        else None
    )
    if row is None:
        users.signed_in(session=session, user_id=user_id)  # 401 first if the account is gone
        raise NotFound(f"Habit {habit_id} does not exist.")
    return row


# A habit id with its owner's time zone, in one statement that also checks
# the account: no row, the account is gone; a row without a habit, the habit
# is missing or someone else's.
_OWNED_ID = (
    select(_USERS.c.timezone, _HABITS.c.id)
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
        raise NotFound(f"Habit {habit_id} does not exist.")
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
    today = users.today_in(rows[0].timezone)
    return [_summary(row, today) for row in rows if row.id is not None]


def summary(*, session: Session, habit: Habit, today: date) -> HabitSummary:
    first, last = _recent_window()
    params = {"user_id": habit.user_id, "habit_id": habit.id, "first_day": first, "last_day": last}
    row = session.connection().execute(_ONE_SUMMARY, params).one()
    return _summary(row, today)


def refresh_streak_state(*, session: Session, habit: Habit) -> None:
    """Recompute the stored streak state from the habit's log dates (one read)."""
    dates = session.scalars(select(HabitLog.date).where(HabitLog.habit_id == habit.id))
    state = streaks.summarize(dates, habit.frequency, habit.target)
    habit.last_run_end = state.last_run_end
    habit.last_run_length = state.last_run_length
    habit.longest_streak = state.longest_streak
    habit.total_logs = state.total_logs


def create(
    *, session: Session, user_id: uuid.UUID, title: str, frequency: Frequency, target: int
) -> Habit:
    habit = Habit(user_id=user_id, title=title, frequency=frequency, target=target)
    session.add(habit)
    session.commit()
    return habit


def update(
    *, session: Session, habit: Habit, title: str, frequency: Frequency, target: int
) -> Habit:
    """Replace the habit's settings; a new frequency or target re-rates its history."""
    rerate = (habit.frequency, habit.target) != (frequency, target)
    habit.title, habit.frequency, habit.target = title, frequency, target
    if rerate:
        refresh_streak_state(session=session, habit=habit)
    session.commit()
    return habit


def delete(*, session: Session, habit: Habit) -> None:
    """Delete the habit; the database cascades to its logs."""
    session.delete(habit)
    session.commit()
