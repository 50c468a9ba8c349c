"""Logging a habit's days: write, undo, and read a window."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, InvalidInput, NotFound
from app.models import Habit, HabitLog
from app.services import badges
from app.services.analytics import Window, window_days
from app.services.habits import refresh_streak_state


@dataclass(frozen=True)
class LogWindow:
    items: list[HabitLog]
    range: Window
    start: date
    end: date


def _lock(session: Session, habit: Habit) -> None:
    # Serialises writes to one habit, so the streak state is computed from
    # every committed log (SQLite serialises writers anyway).
    session.execute(select(Habit.id).where(Habit.id == habit.id).with_for_update())


def add(*, session: Session, habit: Habit, day: date, today: date) -> HabitLog:
    """Log `day` (not in the future), refresh the streaks and award badges."""
    if day > today:
        raise InvalidInput("date", f"must not be in the future (today is {today.isoformat()})")
    _lock(session, habit)
    log = HabitLog(habit_id=habit.id, date=day)
    session.add(log)
    try:
        # No savepoint: a duplicate rolls back the whole transaction, which
        # holds nothing but the lock yet.
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise Conflict(f"Habit already logged on {day.isoformat()}.") from error
    refresh_streak_state(session=session, habit=habit)
    badges.award_for_log(session=session, user_id=habit.user_id, habit=habit, today=today)
    session.commit()
    return log


def remove(*, session: Session, habit: Habit, day: date) -> None:
    """Undo the log of `day`."""
    _lock(session, habit)
    deleted = session.execute(
        delete(HabitLog).where(HabitLog.habit_id == habit.id, HabitLog.date == day)
    )
    if deleted.rowcount == 0:
        session.rollback()
        raise NotFound(f"Habit has no log on {day.isoformat()}.")
    refresh_streak_state(session=session, habit=habit)
    session.commit()


def in_window(*, session: Session, habit_id: uuid.UUID, window: Window, end: date) -> LogWindow:
    """The logs of the 7 or 30 days ending on `end`, ascending (index range scan)."""
    days = window_days(window, end)
    items = session.scalars(
        select(HabitLog)
        .where(HabitLog.habit_id == habit_id, HabitLog.date.between(days[0], days[-1]))
        .order_by(HabitLog.date)
    ).all()
    return LogWindow(items=list(items), range=window, start=days[0], end=days[-1])
