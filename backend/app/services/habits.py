"""Habits: CRUD and the figures every habit is shown with."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, bindparam, select
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlalchemy.orm import Session

from app.db.prepared import Prepared
from app.errors import InvalidInput, NotFound, Unauthorized
from app.models import Frequency, Habit, HabitLog, LogStatus, User
from app.schemas.fields import UUID_TEXT
from app.services import habit_order, habit_state, scores, users
from app.services.stored_state import (
    RECENT_LOGS,
    STATE_COLUMNS,
    state_of,
    state_values,
    statuses_of,
)


# Not frozen: a frozen dataclass of 14 fields costs 1.5 µs to build, and
# GET /habits builds one per habit.
@dataclass(slots=True)
class HabitSummary:
    """A habit as the API shows it: the row plus its figures on its owner's today."""

    id: uuid.UUID
    title: str
    frequency: Frequency
    target: int
    created_at: datetime
    archived: bool
    position: int
    current_streak: int
    longest_streak: int
    total_logs: int
    logged_today: bool
    today_status: str | None
    period_count: int
    score: float


def habit_key(habit_id: str) -> uuid.UUID | None:
    """The id from the path; None for one that is not a UUID as the document
    writes them (answered as not found)."""
    if "\x00" in habit_id:
        raise InvalidInput("habit_id", "must not contain NUL characters")
    return uuid.UUID(habit_id) if UUID_TEXT.fullmatch(habit_id) else None


def not_found(habit_id: object) -> NotFound:
    """Someone else's habit answers exactly like a missing one."""
    return NotFound(f"Habit {habit_id} does not exist.")


_USERS, _HABITS, _LOGS = User.__table__, Habit.__table__, HabitLog.__table__
_OWNED = select(_HABITS.c.id).where(
    _HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id")
)


def owned_id(*, connection: Connection, user_id: uuid.UUID, habit_id: str) -> uuid.UUID:
    """The id of the user's habit `habit_id`; 404 when it is not the user's."""
    key = habit_key(habit_id)
    params = {"habit_id": key, "user_id": user_id}
    found = connection.execute(_OWNED, params).scalar() if key else None
    if found is None:
        raise not_found(habit_id)
    return found


# The columns a habit is shown with: its row, its stored state and its
# recent logs, which `_summary` folds into today's figures. One statement
# whatever the number of habits or the length of their history.
_SHOWN_COLUMNS = (
    _HABITS.c.id,
    _HABITS.c.title,
    _HABITS.c.frequency,
    _HABITS.c.target,
    _HABITS.c.created_at,
    _HABITS.c.archived,
    _HABITS.c.position,
    *STATE_COLUMNS,
    RECENT_LOGS,
)
_IN_ORDER = (_HABITS.c.position, _HABITS.c.created_at, _HABITS.c.id)
_SHOWN: Select[Any] = (
    select(*_SHOWN_COLUMNS).where(_HABITS.c.user_id == bindparam("user_id")).order_by(*_IN_ORDER)
)
_ONE = _SHOWN.where(_HABITS.c.id == bindparam("habit_id"))
# GET /habits, on every dashboard load, prepared on PostgreSQL
# (app.db.prepared): the account (the credential's check and its today) and
# its habits in one statement; one row with no habit when it has none.
_LISTED = Prepared(
    "habit_summaries",
    select(*users.ACCOUNT_TODAY_COLUMNS, *_SHOWN_COLUMNS)
    .select_from(
        _USERS.outerjoin(
            _HABITS,
            and_(
                _HABITS.c.user_id == _USERS.c.id,
                _HABITS.c.archived == bindparam("archived"),
            ),
        )
    )
    .where(users.ACCOUNT_MATCHES)
    .order_by(*_IN_ORDER),
)


def _summary(row: Row, today: date) -> HabitSummary:
    figures = habit_state.view(
        state_of(row), statuses_of(row.recent_logs), row.frequency, row.target, today
    )
    return HabitSummary(
        id=row.id,
        title=row.title,
        frequency=row.frequency,
        target=row.target,
        created_at=row.created_at,
        archived=row.archived,
        position=row.position,
        current_streak=figures.current_streak,
        longest_streak=figures.longest_streak,
        total_logs=figures.total_logs,
        logged_today=figures.today_status == LogStatus.DONE,
        today_status=figures.today_status,
        period_count=figures.period_count,
        score=scores.shown(figures.score),
    )


def list_summaries(
    *, connection: Connection, user_id: uuid.UUID, version: int, archived: bool = False
) -> list[HabitSummary]:
    """The user's habits that are (`archived`) or are not archived, in their
    order, on the account's today. Checks the credential (`users.ACCOUNT_MATCHES`):
    401 when its account is gone or its version is not the account's."""
    rows = _LISTED.rows(connection, {"user_id": user_id, "version": version, "archived": archived})
    if not rows:
        raise Unauthorized()
    today = users.today_in(rows[0].timezone, rows[0].day_start_hour)
    return [_summary(row, today) for row in rows if row.id is not None]


def all_summaries(*, connection: Connection, user_id: uuid.UUID, today: date) -> list[HabitSummary]:
    """Every habit of the user, archived ones too, in their order."""
    rows = connection.execute(_SHOWN, {"user_id": user_id})
    return [_summary(row, today) for row in rows]


def summary(
    *, connection: Connection, user_id: uuid.UUID, habit_id: uuid.UUID, today: date
) -> HabitSummary:
    """The user's habit as the API shows it; 404 when it is not there."""
    row = connection.execute(_ONE, {"user_id": user_id, "habit_id": habit_id}).first()
    if row is None:
        raise not_found(habit_id)
    return _summary(row, today)


def create(
    *,
    session: Session,
    user_id: uuid.UUID,
    today: date,
    title: str,
    frequency: Frequency,
    target: int,
) -> HabitSummary:
    """A new habit of the user's, last in their order."""
    position = habit_order.lock_next_position(session=session, user_id=user_id)
    state = habit_state.summarize({}, frequency, target, today)
    habit = Habit(
        user_id=user_id,
        title=title,
        frequency=frequency,
        target=target,
        position=position,
        **state_values(state),
    )
    session.add(habit)
    session.flush()
    created = summary(
        connection=session.connection(), user_id=user_id, habit_id=habit.id, today=today
    )
    session.commit()
    return created


_FOR_UPDATE = (
    select(_HABITS.c.id, _HABITS.c.frequency, _HABITS.c.target)
    .where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id"))
    .with_for_update()
)
_ALL_LOGS = select(_LOGS.c.date, _LOGS.c.status).where(_LOGS.c.habit_id == bindparam("habit_id"))


def all_logs(*, connection: Connection, habit_id: uuid.UUID) -> dict[date, str]:
    """Date → status of every log of the habit."""
    return {day: status for day, status in connection.execute(_ALL_LOGS, {"habit_id": habit_id})}


def update(
    *, session: Session, user_id: uuid.UUID, habit_id: str, today: date, changes: dict[str, Any]
) -> HabitSummary:
    """Change the user's habit (`title`, `frequency`, `target`, `archived`; a
    PUT sends the first three, a PATCH some). Switching to daily sets the
    target to 1; a new frequency or target re-rates the habit's whole
    history. 404 when it is not the user's, including when a concurrent
    DELETE removed it first: the row stays locked until the answer is read,
    so a DELETE waits for this update.
    """
    key = habit_key(habit_id)
    params = {"habit_id": key, "user_id": user_id}
    connection = session.connection()
    current = connection.execute(_FOR_UPDATE, params).first() if key else None
    if current is None:
        session.rollback()
        raise not_found(habit_id)
    frequency = changes.get("frequency", current.frequency)
    target = 1 if frequency is Frequency.DAILY else changes.get("target", current.target)
    if frequency is Frequency.DAILY and changes.get("target", 1) != 1:
        session.rollback()
        raise InvalidInput("target", "a daily habit has a target of exactly 1 day")
    values: dict[str, Any] = {"frequency": frequency, "target": target}
    values.update((field, changes[field]) for field in ("title", "archived") if field in changes)
    if (frequency, target) != (current.frequency, current.target):
        logs = all_logs(connection=connection, habit_id=current.id)
        values.update(state_values(habit_state.summarize(logs, frequency, target, today)))
    connection.execute(sa_update(_HABITS).where(_HABITS.c.id == key).values(**values))
    updated = summary(connection=connection, user_id=user_id, habit_id=current.id, today=today)
    session.commit()
    return updated


def reorder(
    *, session: Session, user_id: uuid.UUID, today: date, ids: list[uuid.UUID]
) -> list[HabitSummary]:
    """Put the user's habits in the order of `ids` (each of them exactly once,
    archived ones too; 422 otherwise); all of them, in that order."""
    habit_order.reorder(session=session, user_id=user_id, ids=ids)
    ordered = all_summaries(connection=session.connection(), user_id=user_id, today=today)
    session.commit()
    return ordered


_DELETE = (
    sa_delete(_HABITS)
    .where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id"))
    .returning(_HABITS.c.position)
)


def delete(*, session: Session, user_id: uuid.UUID, habit_id: str) -> None:
    """Delete the user's habit (the database cascades to its logs); the
    habits after it move up one place. Of several concurrent deletes
    exactly one finds the row; the others answer 404."""
    key = habit_key(habit_id)
    habit_order.lock(session=session, user_id=user_id)
    connection = session.connection()
    params = {"habit_id": key, "user_id": user_id}
    deleted = connection.execute(_DELETE, params).first() if key else None
    if deleted is None:
        session.rollback()
        raise not_found(habit_id)
    habit_order.close_gap(session=session, user_id=user_id, position=deleted.position)
    session.commit()
