"""Chart data for week and month windows."""

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    bindparam,
    cast,
    false,
    func,
    select,
)

from app.db.prepared import Prepared
from app.errors import InvalidInput, Unauthorized
from app.models import Habit, HabitLog, LogStatus, User
from app.services import users


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


MAX_SPAN_DAYS = 400


@dataclass(frozen=True)
class Span:
    """Days from `start` to `end`, both included; `range` names how they were asked for."""

    range: Window | Literal["custom"]
    start: date
    end: date


def log_span(
    *,
    range: Window | None,
    end: date | None,
    first: date | None,
    last: date | None,
    today: date,
) -> Span:
    """The days a request for logs asks for: `range` (default week) ending on
    `end` (default today), or `first`..`last`; 422 for a mix of both forms,
    half of `first`..`last`, `first` after `last` or over MAX_SPAN_DAYS days."""
    if first is None and last is None:
        days = window_days(range or Window.WEEK, end or today)
        return Span(range or Window.WEEK, days[0], days[-1])
    if range is not None or end is not None:
        raise InvalidInput("from", "use either range and end, or from and to, not both")
    if first is None or last is None:
        raise InvalidInput("from" if first is None else "to", "from and to go together")
    if first > last:
        raise InvalidInput("from", "must not be after to")
    if (last - first).days + 1 > MAX_SPAN_DAYS:
        raise InvalidInput("to", f"from..to spans at most {MAX_SPAN_DAYS} days")
    return Span("custom", first, last)


def window_days(window: Window, end: date) -> list[date]:
    """The 7 or 30 days ending on `end`, ascending."""
    count = WINDOW_DAYS[window]
    return [end - timedelta(days=offset) for offset in range(count - 1, -1, -1)]


def build_overview(
    days: list[date], habits: Iterable[tuple[uuid.UUID, str, Collection[date]]]
) -> Overview:
    """One dataset per habit (id, title, the days it was done): 1 on those days, else 0."""
    return Overview(
        labels=days,
        datasets=[
            Dataset(
                label=title,
                habit_id=habit_id,
                data=[int(day in logged) for day in days],
            )
            for habit_id, title, logged in habits
        ],
    )


def days_of(text: str | None) -> set[date]:
    """The days of an aggregated string of dates ("2026-01-02,2026-01-05"), as
    `account_habits_with_done_days` returns them."""
    return {date.fromisoformat(day) for day in text.split(",")} if text else set()


def account_habits_with_done_days(*habit_columns: ColumnElement[Any]) -> Select[Any]:
    """The account's habits that are not archived (in their order), each with
    the days it was done between `:first_day` and `:last_day` as one string,
    `logged_days` ("2026-01-02,2026-01-05": PostgreSQL's string_agg,
    SQLite's group_concat).

    Ten short rows are far cheaper to fetch than one row per logged day, and
    only the window's index range is read. The account is outer-joined to its
    habits, so the same statement checks the credential
    (`users.ACCOUNT_MATCHES`; no row: its account is gone or its version is
    not the account's; one row with no habit: the account has none) and brings
    its `timezone`. Parameters: `user_id`, `version`, `first_day`,
    `last_day`. Build it once: building costs more CPU than running it.
    """
    return (
        select(
            *users.ACCOUNT_TODAY_COLUMNS,
            *habit_columns,
            func.aggregate_strings(cast(_LOGS.c.date, String), ",").label("logged_days"),
        )
        .select_from(
            _USERS.outerjoin(
                _HABITS, and_(_HABITS.c.user_id == _USERS.c.id, _HABITS.c.archived == false())
            ).outerjoin(
                _LOGS,
                and_(
                    _LOGS.c.habit_id == _HABITS.c.id,
                    _LOGS.c.date.between(bindparam("first_day"), bindparam("last_day")),
                    _LOGS.c.status == LogStatus.DONE,
                ),
            )
        )
        .where(users.ACCOUNT_MATCHES)
        .group_by(_USERS.c.id, _HABITS.c.id)
        .order_by(_HABITS.c.position, _HABITS.c.created_at, _HABITS.c.id)
    )


# Over the tables and run through the session's connection: rows, not the
# ORM's result machinery.
_USERS, _HABITS, _LOGS = User.__table__, Habit.__table__, HabitLog.__table__
_HABITS_WITH_WINDOW_DAYS = Prepared(
    "habits_with_window_days", account_habits_with_done_days(_HABITS.c.id, _HABITS.c.title)
)


def overview_for_user(
    *, connection: Connection, user_id: uuid.UUID, version: int, window: Window
) -> Overview:
    """The window ending on the account's today. Checks the credential: 401
    when its account is gone or its version is not the account's.

    The statement runs before the time zone is known, so it reads the window
    of every possible today (`users.possible_todays`); `build_overview` keeps
    the account's window only.
    """
    earliest, latest = users.possible_todays()
    params = {
        "user_id": user_id,
        "version": version,
        "first_day": earliest - timedelta(days=WINDOW_DAYS[window] - 1),
        "last_day": latest,
    }
    rows = _HABITS_WITH_WINDOW_DAYS.rows(connection, params)
    if not rows:
        raise Unauthorized()
    days = window_days(window, users.today_in(rows[0].timezone, rows[0].day_start_hour))
    habits = [
        (
            row.id,
            row.title,
            days_of(row.logged_days),
        )
        for row in rows
        if row.id is not None
    ]
    return build_overview(days, habits)
