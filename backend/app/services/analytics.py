"""Chart data for week and month windows."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select
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


def overview_for_user(
    *, session: Session, user_id: uuid.UUID, window: Window, today: date
) -> Overview:
    """Read the user's habits and only the window's logs (two statements)."""
    days = window_days(window, today)
    habits = session.execute(
        select(Habit.id, Habit.title)
        .where(Habit.user_id == user_id)
        .order_by(Habit.created_at, Habit.id)
    ).all()
    logged = session.execute(
        select(HabitLog.habit_id, HabitLog.date)
        .join(Habit, Habit.id == HabitLog.habit_id)
        .where(Habit.user_id == user_id, HabitLog.date.between(days[0], days[-1]))
    ).all()
    return build_overview(days, habits, {(habit_id, day) for habit_id, day in logged})
