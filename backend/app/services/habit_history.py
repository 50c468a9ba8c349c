"""A habit's days over a span: its logs (`GET /habits/{id}/logs`) and its
strength day by day (`GET /habits/{id}/scores`)."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import Connection, Row, bindparam, select

from app.db.prepared import Prepared
from app.errors import InvalidInput
from app.models import Habit, HabitLog
from app.services import habits, scores
from app.services.analytics import Span, Window
from app.services.stored_state import logs_text, statuses_of

DEFAULT_SCORE_DAYS = 90
MAX_SCORE_DAYS = 400


@dataclass(frozen=True)
class LogWindow:
    items: list[Row]
    range: Window | Literal["custom"]
    start: date
    end: date


@dataclass(frozen=True)
class DayScore:
    date: date
    score: float


_HABITS, _LOGS = Habit.__table__, HabitLog.__table__
# The user's habit with every log up to `:last_day`, in one row: a score
# depends on the whole history before it.
_WITH_LOGS = Prepared(
    "habit_with_logs_until",
    select(
        _HABITS.c.frequency,
        _HABITS.c.target,
        logs_text(_LOGS.c.date <= bindparam("last_day")).label("logs"),
    ).where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id")),
)


def score_span(*, first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The days asked for: `last` defaults to `today`, `first` to DEFAULT_SCORE_DAYS
    days ending on `last`; 422 when `first` is after `last` or the span is
    over MAX_SCORE_DAYS days."""
    last = last or today
    first = first or last - timedelta(days=DEFAULT_SCORE_DAYS - 1)
    if first > last:
        raise InvalidInput("from", "must not be after to")
    if (last - first).days + 1 > MAX_SCORE_DAYS:
        raise InvalidInput("to", f"from..to spans at most {MAX_SCORE_DAYS} days")
    return first, last


def daily_scores(
    *, connection: Connection, user_id: uuid.UUID, habit_id: str, first: date, last: date
) -> list[DayScore]:
    """The user's habit's score on each day from `first` to `last`, as the API
    shows it; 404 when the habit is not the user's."""
    key = habits.habit_key(habit_id)
    params = {"habit_id": key, "user_id": user_id, "last_day": last}
    rows = _WITH_LOGS.rows(connection, params) if key else []
    if not rows:
        raise habits.not_found(habit_id)
    habit = rows[0]
    points = scores.series(statuses_of(habit.logs), habit.frequency, habit.target, first, last)
    return [DayScore(day, scores.shown(score)) for day, score in points]


_WINDOW = (
    select(
        _LOGS.c.id,
        _LOGS.c.habit_id,
        _LOGS.c.date,
        _LOGS.c.status,
        _LOGS.c.note,
        _LOGS.c.created_at,
    )
    .where(
        _LOGS.c.habit_id == bindparam("habit_id"),
        _LOGS.c.date.between(bindparam("first_day"), bindparam("last_day")),
    )
    .order_by(_LOGS.c.date)
)


def in_span(*, connection: Connection, habit_id: uuid.UUID, span: Span) -> LogWindow:
    """The habit's logs within `span`, ascending (index range scan)."""
    params = {"habit_id": habit_id, "first_day": span.start, "last_day": span.end}
    items = connection.execute(_WINDOW, params).all()
    return LogWindow(items=list(items), range=span.range, start=span.start, end=span.end)
