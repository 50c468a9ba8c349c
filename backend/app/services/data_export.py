"""GET /export: everything of the user's as a file (contract §2.2).

The habits and their logs are read in one statement, so the file is one
consistent moment of the account even while logs are written meanwhile; the
file is built in memory by the pure writers of `app.services.transfer`
(a 5-year history of 20 habits is a few MiB: docs/PERFORMANCE.md).
"""

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Connection, bindparam, select

from app.models import Habit, HabitLog
from app.services import badges, scores
from app.services.transfer import (
    BadgeRecord,
    DayLog,
    HabitRecord,
    UserProfile,
    write_json,
    write_loop_zip,
)
from app.services.users import Account

_HABITS, _LOGS = Habit.__table__, HabitLog.__table__
# Every habit of the user in their order, each followed by its logs by date
# (a habit without logs is one row whose log columns are null).
_HISTORY = (
    select(
        _HABITS.c.id,
        _HABITS.c.title,
        _HABITS.c.frequency,
        _HABITS.c.target,
        _HABITS.c.archived,
        _HABITS.c.position,
        _HABITS.c.created_at,
        _LOGS.c.date,
        _LOGS.c.status,
        _LOGS.c.note,
    )
    .select_from(_HABITS.outerjoin(_LOGS, _LOGS.c.habit_id == _HABITS.c.id))
    .where(_HABITS.c.user_id == bindparam("user_id"))
    .order_by(_HABITS.c.position, _HABITS.c.created_at, _HABITS.c.id, _LOGS.c.date)
)


def habits_of(*, connection: Connection, user_id: uuid.UUID) -> list[HabitRecord]:
    """Every habit of the user, archived ones too, in their order, with all their logs."""
    habits: list[HabitRecord] = []
    current: uuid.UUID | None = None
    logs: dict[date, DayLog] = {}
    for row in connection.execute(_HISTORY, {"user_id": user_id}):
        if row.id != current:
            current, logs = row.id, {}
            habits.append(
                HabitRecord(
                    title=row.title,
                    frequency=row.frequency,
                    target=row.target,
                    archived=row.archived,
                    position=row.position,
                    logs=logs,
                    created_at=row.created_at,
                )
            )
        if row.date is not None:
            logs[row.date] = DayLog(row.status.value, row.note)
    return habits


def json_file(*, connection: Connection, user: Account) -> bytes:
    """The JSON export (§2.2): the profile, every habit with its logs, the badges."""
    profile = UserProfile(
        email=user.email, name=user.name, timezone=user.timezone, day_start_hour=user.day_start_hour
    )
    earned = badges.earned(connection=connection, user_id=user.id)
    return write_json(
        user=profile,
        habits=habits_of(connection=connection, user_id=user.id),
        badges=[BadgeRecord(badge.code, badge.achieved_at) for badge in earned],
        exported_at=datetime.now(UTC),
    )


def loop_file(*, connection: Connection, user_id: uuid.UUID, today: date) -> bytes:
    """The Loop Habit Tracker 2.3 CSV zip (§2.2), strengths as of each day."""
    habits = habits_of(connection=connection, user_id=user_id)
    return write_loop_zip(habits, [_strengths(habit, today) for habit in habits], today=today)


def _strengths(habit: HabitRecord, today: date) -> dict[date, float]:
    """The habit's strength on each day from its first log to today (or its last log)."""
    if not habit.logs:
        return {}
    statuses = {day: log.status for day, log in habit.logs.items()}
    last = max(today, max(statuses))
    return dict(scores.series(statuses, habit.frequency, habit.target, min(statuses), last))


def filename(today: date, export_format: str) -> str:
    """The name the file is saved under: `habits-YYYY-MM-DD.json` (§2.2) or `...-loop.zip`."""
    stem = f"habits-{today.isoformat()}"
    return f"{stem}.json" if export_format == "json" else f"{stem}-loop.zip"
