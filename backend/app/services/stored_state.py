"""The habit state (`habit_state.HabitState`) as the habits table stores it,
and the recent logs that reads and writes fold into it, in SQL.

Every statement that shows or writes a habit reads its row's state columns
and, in the same statement, its logs dated from `read_window_start(anchor,
frequency)` on as one string (`RECENT_LOGS`): a few weeks of logs, however
long the history.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, bindparam, case, cast, func, select, update

from app.db.dates import days_before
from app.models import Frequency, Habit, HabitLog
from app.services import scores
from app.services.habit_state import HabitState

_HABITS, _LOGS = Habit.__table__, HabitLog.__table__

STATE_COLUMNS = (
    _HABITS.c.anchor,
    _HABITS.c.anchor_run,
    _HABITS.c.anchor_longest,
    _HABITS.c.anchor_score,
    _HABITS.c.total_logs,
)
# `habit_state.read_window_start`: from the anchor for a daily habit, from 13
# days before it for a weekly one (half the rows for a daily habit).
IN_READ_WINDOW = _LOGS.c.date >= days_before(
    _HABITS.c.anchor,
    case((_HABITS.c.frequency == Frequency.DAILY, 0), else_=scores.WINDOW_DAYS - 1),
)


def logs_text(*conditions: ColumnElement[bool]) -> Any:
    """The habit's logs that meet `conditions` as one string, "2026-01-02
    done,2026-01-04 skipped" (PostgreSQL's string_agg, SQLite's
    group_concat), a scalar subquery of a statement over `habits`: one short
    string per habit is far cheaper to fetch than a row per log."""
    text = cast(_LOGS.c.date, String) + " " + cast(_LOGS.c.status, String)
    return (
        select(func.aggregate_strings(text, ","))
        .where(_LOGS.c.habit_id == _HABITS.c.id, *conditions)
        .scalar_subquery()
    )


RECENT_LOGS = logs_text(IN_READ_WINDOW).label("recent_logs")
# Saves a state (`state_params`) on the habit `:habit_id`. The parameters are
# not named after the columns: an UPDATE would set those itself.
SAVE_STATE = (
    update(_HABITS)
    .where(_HABITS.c.id == bindparam("habit_id"))
    .values(
        anchor=bindparam("state_anchor"),
        anchor_run=bindparam("state_run"),
        anchor_longest=bindparam("state_longest"),
        anchor_score=bindparam("state_score"),
        total_logs=bindparam("state_total_logs"),
    )
)


def statuses_of(text: str | None) -> dict[date, str]:
    """Date → status of an aggregated string of logs (`logs_text`)."""
    if not text:
        return {}
    return {date.fromisoformat(item[:10]): item[11:] for item in text.split(",")}


def state_of(row: Any) -> HabitState:
    """The state held by a row that has `STATE_COLUMNS`."""
    return HabitState(
        anchor=row.anchor,
        run=row.anchor_run,
        longest=row.anchor_longest,
        score=row.anchor_score,
        total_logs=row.total_logs,
    )


def state_params(state: HabitState) -> dict[str, object]:
    """`state` as the parameters of `SAVE_STATE`."""
    return {
        "state_anchor": state.anchor,
        "state_run": state.run,
        "state_longest": state.longest,
        "state_score": state.score,
        "state_total_logs": state.total_logs,
    }


def state_values(state: HabitState) -> dict[str, object]:
    """`state` as the values of `STATE_COLUMNS`."""
    return {
        "anchor": state.anchor,
        "anchor_run": state.run,
        "anchor_longest": state.longest,
        "anchor_score": state.score,
        "total_logs": state.total_logs,
    }


def with_log(logs: Mapping[date, str], day: date, status: str | None) -> dict[date, str]:
    """`logs` with `day` set to `status` (None: no log)."""
    after = dict(logs)
    if status is None:
        after.pop(day, None)
    else:
        after[day] = status
    return after
