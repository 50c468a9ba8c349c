"""Logging a habit's days: add, change and undo one day's log.

Every write takes the same path, `_write`, top to bottom:

1. read the habit: its stored state and recent logs (`stored_state`), the
   written day's log, and what the badge rules need;
2. `decide` (the request's own rule) turns the day's log as it is into the
   log as it will be, or refuses (404, 409);
3. work out the new state from the recent logs (`habit_state.apply_change`);
4. write the log and the state together.

On PostgreSQL this first runs optimistically, on the autocommit connection:
one prepared statement reads, and one atomic statement writes the state and
the log only if the habit's row is still the version read (its `xmin`, which
every committed update of the row changes; every log write updates it). So a
read made stale by a concurrent write writes nothing. Otherwise (the row
changed, the change is dated before the state's anchor so only the whole
history tells the state, a badge is due, or SQLite) the write takes the
locked branch: a transaction locks the habit's row, then reads, writes (the
state recomputed from every log when needed), awards badges and commits.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    Connection,
    Row,
    String,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from app.db.prepared import Prepared
from app.errors import Conflict, DomainError, InvalidInput, NotFound, Unauthorized
from app.models import Habit, HabitLog, LogStatus, User
from app.models._columns import utc_now
from app.services import badges, habit_state, habits, users
from app.services.habit_state import Change, HabitState
from app.services.stored_state import (
    RECENT_LOGS,
    SAVE_STATE,
    STATE_COLUMNS,
    state_of,
    state_params,
    statuses_of,
    with_log,
)

if TYPE_CHECKING:
    from app.db.session import Database

# How far ahead a day may be skipped (a planned break).
SKIP_AHEAD_DAYS = 90


@dataclass(frozen=True)
class LogEntry:
    """One day's log, as the API shows it."""

    id: uuid.UUID
    habit_id: uuid.UUID
    date: date
    status: LogStatus
    note: str | None
    created_at: datetime


# What a write leaves on its day: a log, or none.
Written = TypeVar("Written", bound=LogEntry | None)

_USERS, _HABITS, _LOGS = User.__table__, Habit.__table__, HabitLog.__table__
_DAY_LOG = _LOGS.alias("day_log")

# What a write needs, as plain columns (no ORM entity): the habit's stored
# state and recent logs, the written day's log, and what `badges.due` needs.
# Parameters: `habit_id`, `user_id`, `day`.
_FOR_WRITE_COLUMNS = (
    _HABITS.c.id,
    _HABITS.c.frequency,
    _HABITS.c.target,
    *STATE_COLUMNS,
    RECENT_LOGS,
    _DAY_LOG.c.id.label("log_id"),
    _DAY_LOG.c.status.label("log_status"),
    _DAY_LOG.c.note.label("log_note"),
    _DAY_LOG.c.created_at.label("log_created_at"),
    badges.OTHER_HABITS_LOGS,
    badges.HELD_CODES,
)
_WITH_DAY_LOG = and_(_DAY_LOG.c.habit_id == _HABITS.c.id, _DAY_LOG.c.date == bindparam("day"))
_FOR_WRITE = (
    select(*_FOR_WRITE_COLUMNS)
    .select_from(_HABITS.outerjoin(_DAY_LOG, _WITH_DAY_LOG))
    .where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id"))
)
# The locked branch locks the habit's row until the transaction ends, which
# serialises writes to one habit, and only then reads (`_FOR_WRITE`): a
# statement sees the logs as they were when it began, so a read that waited
# for the lock in the same statement would miss what the lock's holder wrote.
_LOCK = (
    select(_HABITS.c.id)
    .where(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == bindparam("user_id"))
    .with_for_update()
)
# xmin: the transaction that wrote this version of the row (as text, to bind).
_VERSION = cast(literal_column("habits.xmin"), String)
# The optimistic branch's read also checks the credential (`users.ACCOUNT_MATCHES`,
# parameter `version`) and brings the account's today: the account
# outer-joined to the habit, so no row is a dead credential and a row with
# no habit one the user does not have.
_READ_UNLOCKED = Prepared(
    "read_for_log_write",
    select(*users.ACCOUNT_TODAY_COLUMNS, *_FOR_WRITE_COLUMNS, _VERSION.label("row_version"))
    .select_from(
        _USERS.outerjoin(
            _HABITS,
            and_(_HABITS.c.id == bindparam("habit_id"), _HABITS.c.user_id == _USERS.c.id),
        ).outerjoin(_DAY_LOG, _WITH_DAY_LOG)
    )
    .where(users.ACCOUNT_MATCHES),
)

_INSERT_LOG = insert(_LOGS)
# Not named after the columns: an UPDATE would set those itself.
_THE_DAY = and_(
    _LOGS.c.habit_id == bindparam("log_habit_id"), _LOGS.c.date == bindparam("log_date")
)
_UPDATE_LOG = (
    update(_LOGS).where(_THE_DAY).values(status=bindparam("new_status"), note=bindparam("new_note"))
)
_DELETE_LOG = delete(_LOGS).where(_THE_DAY)

# The optimistic branch's writes (PostgreSQL), each one atomic statement:
# the state saved only if the row is still the version read (an UPDATE that
# finds a newer version waits for its writer, then matches nothing), and the
# log written only if the state was. Each answers how many states were
# saved (0 or 1).
_UNCHANGED = _VERSION == bindparam("row_version")  # noqa: SIM300 (SQL, not a Python constant)
_SAVED = SAVE_STATE.where(_UNCHANGED).returning(_HABITS.c.id).cte("saved")
_SAVED_IDS = select(_SAVED.c.id)
_COUNT_SAVED = select(func.count()).select_from(_SAVED)
_INSERT_IF_UNCHANGED = Prepared(
    "insert_log_if_unchanged",
    _COUNT_SAVED.add_cte(
        insert(_LOGS)
        .from_select(
            ["id", "habit_id", "date", "status", "note", "created_at"],
            select(
                bindparam("log_id", type_=_LOGS.c.id.type),
                _SAVED.c.id,
                bindparam("day", type_=_LOGS.c.date.type),
                bindparam("new_status", type_=_LOGS.c.status.type),
                bindparam("new_note", type_=_LOGS.c.note.type),
                bindparam("logged_at", type_=_LOGS.c.created_at.type),
            ),
        )
        .cte("written")
    ),
)
_ON_SAVED = and_(_LOGS.c.habit_id.in_(_SAVED_IDS), _LOGS.c.date == bindparam("day"))
_UPDATE_IF_UNCHANGED = Prepared(
    "update_log_if_unchanged",
    _COUNT_SAVED.add_cte(
        update(_LOGS)
        .where(_ON_SAVED)
        .values(status=bindparam("new_status"), note=bindparam("new_note"))
        .cte("written")
    ),
)
_DELETE_IF_UNCHANGED = Prepared(
    "delete_log_if_unchanged",
    _COUNT_SAVED.add_cte(delete(_LOGS).where(_ON_SAVED).cte("written")),
)


def add(
    *,
    database: "Database",
    user_id: uuid.UUID,
    version: int,
    habit_id: str,
    day: date | None,
    status: LogStatus = LogStatus.DONE,
    note: str | None = None,
    now: datetime | None = None,
) -> LogEntry:
    """Log `day` (default: the user's today) of the user's habit as `status`.
    422 for a done day after today or a skipped day more than
    SKIP_AHEAD_DAYS ahead, 404 for a habit that is not the user's, 409 when
    the day has a log already."""

    def check(day: date, today: date) -> None:
        _check_day(day, status, today)

    def decide(before: LogEntry | None, key: uuid.UUID, day: date) -> LogEntry:
        if before is not None:
            raise Conflict(f"Habit already logged on {day.isoformat()}.")
        return LogEntry(uuid.uuid4(), key, day, status, note, utc_now())

    return _write(
        database,
        account=(user_id, version),
        habit_id=habit_id,
        day=day,
        check=check,
        decide=decide,
        now=now,
    )


def edit(
    *,
    database: "Database",
    user_id: uuid.UUID,
    version: int,
    habit_id: str,
    day: date,
    changes: dict[str, Any],
    now: datetime | None = None,
) -> LogEntry:
    """Change the `status` and/or `note` of the log of `day` (a note of None
    clears it); 404 when there is none, 422 for a done day after today."""

    def check(day: date, today: date) -> None:
        if "status" in changes:
            _check_day(day, changes["status"], today, field="status")

    def decide(before: LogEntry | None, _habit_id: uuid.UUID, day: date) -> LogEntry:
        if before is None:
            raise NotFound(f"Habit has no log on {day.isoformat()}.")
        return replace(before, **changes)

    return _write(
        database,
        account=(user_id, version),
        habit_id=habit_id,
        day=day,
        check=check,
        decide=decide,
        now=now,
    )


def remove(
    *,
    database: "Database",
    user_id: uuid.UUID,
    version: int,
    habit_id: str,
    day: date,
    now: datetime | None = None,
) -> None:
    """Undo the log of `day`; 404 when there is none."""

    def decide(before: LogEntry | None, _habit_id: uuid.UUID, day: date) -> None:
        if before is None:
            raise NotFound(f"Habit has no log on {day.isoformat()}.")

    _write(
        database,
        account=(user_id, version),
        habit_id=habit_id,
        day=day,
        check=lambda _day, _today: None,
        decide=decide,
        now=now,
    )


def _check_day(day: date, status: LogStatus, today: date, *, field: str = "date") -> None:
    """A done day is not after `today`; a skipped one at most SKIP_AHEAD_DAYS after it."""
    if status is LogStatus.DONE and day > today:
        raise InvalidInput(
            field, f"a day after today ({today.isoformat()}) can only be skipped, not done"
        )
    if day > today + timedelta(days=SKIP_AHEAD_DAYS):
        raise InvalidInput(
            field, f"a day can be skipped at most {SKIP_AHEAD_DAYS} days ahead of today"
        )


def _write(
    database: "Database",
    *,
    account: tuple[uuid.UUID, int],
    habit_id: str,
    day: date | None,
    check: Callable[[date, date], None],
    decide: Callable[[LogEntry | None, uuid.UUID, date], Written],
    now: datetime | None,
) -> Written:
    """The one data path of a log write (see the module's docstring): the
    optimistic branch, then, when it cannot answer, the locked one.

    Checks the credential first (`account`: the user's id and the token
    version, `users.ACCOUNT_MATCHES`; 401), then `check(day, today)` (422),
    then that the habit is the user's (404). Today is the account's at `now`
    (default: this instant); `day` None is today.
    `decide` turns the day's log as it is (None: none) into the log as it
    will be (None: none), or refuses with a DomainError.
    """
    user_id, version = account
    key = habits.habit_key(habit_id)
    connection = database.connection
    optimistic = connection.dialect.name == "postgresql"
    if day is None or key is None or not optimistic:
        # The day is today, which only the account tells, or no read of the
        # habit follows to check the credential: read the account first.
        found = users.account(connection=connection, user_id=user_id, version=version)
        today = users.today_in(found.timezone, found.day_start_hour, now=now)
        day = day or today
        check(day, today)
        if key is None:
            raise habits.not_found(habit_id)
    if optimistic:
        params = {"habit_id": key, "user_id": user_id, "version": version, "day": day}
        habit = _first(_READ_UNLOCKED.rows(connection, params))
        if habit is None:
            raise Unauthorized()
        today = users.today_in(habit.timezone, habit.day_start_hour, now=now)
        check(day, today)
        if habit.id is None:
            raise habits.not_found(habit_id)
        before = _day_log(habit, day)
        after = decide(before, key, day)
        state, logs = _next_state(habit, day, before, after, today)
        if (
            state is not None
            and not _due_badges(habit, state, logs, today)
            and _save_if_unchanged(connection, habit, day, before, after, state)
        ):
            return after

    params = {"habit_id": key, "user_id": user_id, "day": day}
    session = database.session
    connection = session.connection()
    if connection.execute(_LOCK, params).first() is None:
        session.rollback()
        raise habits.not_found(habit_id)
    habit = connection.execute(_FOR_WRITE, params).one()
    before = _day_log(habit, day)
    try:
        after = decide(before, key, day)
        _write_log(connection, key, day, before, after)
    except IntegrityError as error:  # nothing but the lock is held yet
        session.rollback()
        raise Conflict(f"Habit already logged on {day.isoformat()}.") from error
    except DomainError:
        session.rollback()
        raise
    state, logs = _next_state(habit, day, before, after, today)
    if state is None:  # a change before the anchor: the whole history tells
        logs = habits.all_logs(connection=connection, habit_id=key)
        state = habit_state.summarize(logs, habit.frequency, habit.target, today)
    connection.execute(SAVE_STATE, state_params(key, state))
    badges.award(session=session, user_id=user_id, codes=_due_badges(habit, state, logs, today))
    session.commit()
    return after


def _first(rows: list[Any]) -> Any:
    return rows[0] if rows else None


def _status(log: LogEntry | None) -> LogStatus | None:
    return log.status if log else None


def _day_log(habit: Row, day: date) -> LogEntry | None:
    if habit.log_id is None:
        return None
    return LogEntry(
        habit.log_id, habit.id, day, habit.log_status, habit.log_note, habit.log_created_at
    )


def _next_state(
    habit: Row, day: date, before: LogEntry | None, after: LogEntry | None, today: date
) -> tuple[HabitState | None, dict[date, str]]:
    """The habit's state after the write, worked out from its recent logs
    (None when the change is dated before the stored state's anchor), and
    those recent logs after the write."""
    change = Change(day, _status(before), _status(after))
    logs = with_log(statuses_of(habit.recent_logs), day, change.after)
    state = habit_state.apply_change(
        state_of(habit), [change], logs, habit.frequency, habit.target, today
    )
    return state, logs


def _due_badges(habit: Row, state: HabitState, logs: dict[date, str], today: date) -> set[str]:
    """`badges.due` for the habit with its new `state` (`logs`: its recent
    logs after the write, or all of them)."""
    if badges.holds_all(habit.held_codes):
        return set()
    figures = habit_state.view(state, logs, habit.frequency, habit.target, today)
    return badges.due(
        frequency=habit.frequency,
        current_streak=figures.current_streak,
        total_logs=state.total_logs,
        other_habits_logs=habit.other_habits_logs,
        held_codes=habit.held_codes,
    )


def _log_params(log: LogEntry) -> dict[str, object]:
    return {"new_status": log.status, "new_note": log.note}


def _save_if_unchanged(
    connection: Connection,
    habit: Row,
    day: date,
    before: LogEntry | None,
    after: LogEntry | None,
    state: HabitState,
) -> bool:
    """The optimistic write; False when the habit's row changed since it was read."""
    params = {**state_params(habit.id, state), "row_version": habit.row_version, "day": day}
    if after is None:
        statement = _DELETE_IF_UNCHANGED
    elif before is None:
        statement = _INSERT_IF_UNCHANGED
        params.update(_log_params(after), log_id=after.id, logged_at=after.created_at)
    else:
        statement = _UPDATE_IF_UNCHANGED
        params.update(_log_params(after))
    [(saved,)] = statement.rows(connection, params)
    return bool(saved)


def _write_log(
    connection: Connection,
    habit_id: uuid.UUID,
    day: date,
    before: LogEntry | None,
    after: LogEntry | None,
) -> None:
    """The locked branch's write of the log."""
    params = {"log_habit_id": habit_id, "log_date": day}
    if after is None:
        connection.execute(_DELETE_LOG, params)
    elif before is None:
        connection.execute(
            _INSERT_LOG,
            {
                "id": after.id,
                "habit_id": habit_id,
                "date": day,
                "status": after.status,
                "note": after.note,
                "created_at": after.created_at,
            },
        )
    else:
        connection.execute(_UPDATE_LOG, {**params, **_log_params(after)})
