"""Chart data for week and month windows."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import String, and_, bindparam, cast, func, select
from sqlalchemy.orm import Session

from app.models import Habit, HabitLog


class Window(StrEnum):
    WEEK = "week"
    MONTH = "month"


WINDOW_DAYS = {Window.WEEK: 7, Window.MONTH: 30}


@dataclass(frozen=True)
class Dataset:
    label: str
    habit_id: uuid.UUID
    data: list[int]


@dataclass(frozen=True)
class Overview:
    labels: list[date]
    datasets: list[Dataset]


def window_days(window: Window, end: date) -> list[date]:
    """The 7 or 30 days ending on `end`, ascending."""
    count = WINDOW_DAYS[window]
    return [end - timedelta(days=offset) for offset in range(count - 1, -1, -1)]


def build_overview(
    days: list[date],
    habits: Iterable[tuple[uuid.UUID, str]],
    logged: set[tuple[uuid.UUID, date]],
) -> Overview:
    """One dataset per habit: 1 on the days it was logged, else 0."""
    return Overview(
        labels=days,
        datasets=[
            Dataset(
                label=title,
                habit_id=habit_id,
                data=[int((habit_id, day) in logged) for day in days],
            )
            for habit_id, title in habits
        ],
    )


# One row per habit with the window's logged days as one string ("2026-01-02,
# 2026-01-05"): PostgreSQL's string_agg, SQLite's group_concat. One statement,
# built once, reading only the window's index range; ten short rows are far
# cheaper to fetch than one row per logged day.
# Over the tables and run through the session's connection: rows, not the
# ORM's result machinery.
_HABITS, _LOGS = Habit.__table__, HabitLog.__table__
_HABITS_WITH_WINDOW_DAYS = (
    select(_HABITS.c.id, _HABITS.c.title, func.aggregate_strings(cast(_LOGS.c.date, String), ","))
    .select_from(
        _HABITS.outerjoin(
            _LOGS,
            and_(
                _LOGS.c.habit_id == _HABITS.c.id,
                _LOGS.c.date.between(bindparam("first_day"), bindparam("last_day")),
            ),
        )
    )
    .where(_HABITS.c.user_id == bindparam("user_id"))
    .group_by(_HABITS.c.id)
    .order_by(_HABITS.c.created_at, _HABITS.c.id)
)


def overview_for_user(
    *, session: Session, user_id: uuid.UUID, window: Window, today: date
) -> Overview:
    """Read the user's habits and only the window's logs (one statement)."""
    days = window_days(window, today)
    rows = (
        session.connection()
        .execute(
            _HABITS_WITH_WINDOW_DAYS,
            {"user_id": user_id, "first_day": days[0], "last_day": days[-1]},
        )
        .all()
    )
    logged = {
        (habit_id, date.fromisoformat(day))
        for habit_id, _title, logged_days in rows
        if logged_days
        for day in logged_days.split(",")
    }
    return build_overview(days, [(habit_id, title) for habit_id, title, _ in rows], logged)
