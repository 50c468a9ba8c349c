"""POST /import: the habits and days of a file added to the user's (contract §2.2).

All or nothing, in one transaction, top to bottom:

1. read the file (`transfer.read_import`): a file it cannot read is 415 or
   422 before anything is touched;
2. lock the user's list of habits (`habit_order.lock`: none created,
   deleted or reordered meanwhile), then every habit row in id order, as a
   break does (`app.services.breaks`): a log write waits, and an optimistic
   one that read before finds the row changed and takes its locked branch;
3. match each habit of the file with one of the user's (`match`) and each
   log with the day's log, if any, which is kept;
4. insert the new habits as one multi-row INSERT, then the new logs, 10,000
   rows at a time (SQLAlchemy's insertmanyvalues: a statement per 1,000
   rows, not one per log);
5. store the state of every habit that gained days (`habit_state.summarize`
   over its whole history) and award the badges that history earns;
6. commit.

So a second import of the same file matches every habit and every day and
creates nothing.
"""

import uuid
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from app.models import Badge, Frequency, Habit, HabitLog, LogStatus
from app.models._columns import utc_now
from app.services import badges, habit_order, habit_state
from app.services.habit_state import HabitState
from app.services.stored_state import SAVE_STATE, state_params, state_values
from app.services.transfer import HabitRecord, read_import

MAX_FILE_BYTES = 10 * 1024 * 1024
# The multipart body around the file: boundaries and the part's headers.
MAX_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024

_HABITS, _LOGS, _BADGES = Habit.__table__, HabitLog.__table__, Badge.__table__
_LOCK_AND_READ = (
    select(
        _HABITS.c.id,
        _HABITS.c.title,
        _HABITS.c.frequency,
        _HABITS.c.target,
        _HABITS.c.position,
        _HABITS.c.created_at,
        _HABITS.c.total_logs,
    )
    .where(_HABITS.c.user_id == bindparam("user_id"))
    .order_by(_HABITS.c.id)
    .with_for_update()
)
# Read once the habits are locked: no log of theirs can change any more.
_LOGS_OF = select(_LOGS.c.habit_id, _LOGS.c.date, _LOGS.c.status).where(
    _LOGS.c.habit_id.in_(bindparam("habit_ids", expanding=True))
)
_HELD = select(_BADGES.c.code).where(_BADGES.c.user_id == bindparam("user_id"))


@dataclass(frozen=True, slots=True)
class ImportSummary:
    habits_created: int
    habits_matched: int
    logs_created: int
    logs_existing: int
    warnings: list[str]


@dataclass(slots=True)
class _Target:
    """One of the user's habits as the import sees it: `logs` are date → status."""

    id: uuid.UUID
    title: str
    frequency: Frequency
    target: int
    total_logs: int
    logs: dict[date, str] = field(default_factory=dict)
    # Given days by the import: its state is to be stored.
    gained: bool = False


def match(titles: Iterable[str], habits: Sequence[_Target]) -> list[_Target | None]:
    """For each title of the file, in its order, the user's habit it is (None:
    a new one): the same title, case-insensitively; among habits sharing a
    title, the n-th of the file is the n-th of the user's (`habits` are in
    the user's order)."""
    waiting: dict[str, deque[_Target]] = defaultdict(deque)
    for habit in habits:
        waiting[habit.title.casefold()].append(habit)
    matched = []
    for title in titles:
        queue = waiting.get(title.casefold())
        matched.append(queue.popleft() if queue else None)
    return matched


def run(*, session: Session, user_id: uuid.UUID, today: date, data: bytes) -> ImportSummary:
    """Import the file `data` into the user's account (see the module's docstring)."""
    imported = read_import(data, today=today)

    habit_order.lock(session=session, user_id=user_id)
    connection = session.connection()
    rows = sorted(
        connection.execute(_LOCK_AND_READ, {"user_id": user_id}),
        key=lambda row: (row.position, row.created_at, row.id),
    )
    existing = [
        _Target(row.id, row.title, row.frequency, row.target, row.total_logs) for row in rows
    ]
    matches = match((record.title for record in imported.habits), existing)
    matched = [habit for habit in matches if habit is not None]
    if matched:
        by_id = {habit.id: habit for habit in matched}
        params = {"habit_ids": list(by_id)}
        for habit_id, day, status in connection.execute(_LOGS_OF, params):
            by_id[habit_id].logs[day] = status

    now = utc_now()
    created = [
        (_Target(uuid.uuid4(), record.title, record.frequency, record.target, 0), record)
        for record, found in zip(imported.habits, matches, strict=True)
        if found is None
    ]
    if created:
        first = max((row.position for row in rows), default=-1) + 1
        new_habits = [
            _habit_row(habit, record, user_id, first + offset, now, today)
            for offset, (habit, record) in enumerate(created)
        ]
        connection.execute(insert(_HABITS), new_habits)
    new_ones = iter(habit for habit, _ in created)

    logs = _LogWriter(connection, now)
    logs_existing = 0
    for record, found in zip(imported.habits, matches, strict=True):
        habit = found if found is not None else next(new_ones)
        for day, log in record.logs.items():
            if day in habit.logs:
                logs_existing += 1
                continue
            habit.logs[day] = log.status
            habit.gained = True
            logs.add(habit.id, day, log.status, log.note)
    logs.flush()

    everyone = existing + [habit for habit, _ in created]
    states = {
        habit.id: habit_state.summarize(habit.logs, habit.frequency, habit.target, today)
        for habit in everyone
        if habit.gained
    }
    if states:
        saved = [{"habit_id": key, **state_params(state)} for key, state in states.items()]
        connection.execute(SAVE_STATE, saved)
    codes = _earned(connection, user_id, everyone, states, today)
    badges.award(session=session, user_id=user_id, codes=codes)
    session.commit()
    return ImportSummary(
        habits_created=len(created),
        habits_matched=len(matched),
        logs_created=logs.written,
        logs_existing=logs_existing,
        warnings=list(imported.warnings),
    )


def _habit_row(
    habit: _Target,
    record: HabitRecord,
    user_id: uuid.UUID,
    position: int,
    now: datetime,
    today: date,
) -> dict[str, object]:
    """A new habit's row, its state that of no logs (`run` stores the real one)."""
    empty = habit_state.summarize({}, record.frequency, record.target, today)
    return {
        "id": habit.id,
        "user_id": user_id,
        "title": record.title,
        "frequency": record.frequency,
        "target": record.target,
        "archived": record.archived,
        "position": position,
        # This app's own exports keep it; Loop's files have none.
        "created_at": record.created_at or now,
        **state_values(empty),
    }


class _LogWriter:
    """The new logs, inserted ROWS_PER_INSERT at a time: a long history never
    sits in memory as rows all at once (SQLAlchemy then sends them 1,000 to a
    statement)."""

    ROWS_PER_INSERT = 10_000

    def __init__(self, connection: Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now
        self.rows: list[dict[str, object]] = []
        self.written = 0

    def add(self, habit_id: uuid.UUID, day: date, status: str, note: str | None) -> None:
        self.rows.append(
            {
                "id": uuid.uuid4(),
                "habit_id": habit_id,
                "date": day,
                "status": LogStatus(status),
                "note": note,
                "created_at": self.now,
            }
        )
        if len(self.rows) >= self.ROWS_PER_INSERT:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.connection.execute(insert(_LOGS), self.rows)
            self.written += len(self.rows)
            self.rows = []


def _earned(
    connection: Connection,
    user_id: uuid.UUID,
    habits: list[_Target],
    states: dict[uuid.UUID, HabitState],
    today: date,
) -> set[str]:
    """The badges the imported history earns that the user does not hold.

    Had the days been logged one by one, each streak would have been current
    on its last day: so a habit's longest streak counts here where a log
    write counts the current one.
    """
    if not states:
        return set()
    held = set(connection.execute(_HELD, {"user_id": user_id}).scalars())
    total = sum(
        states[habit.id].total_logs if habit.id in states else habit.total_logs for habit in habits
    )
    codes: set[str] = set()
    for habit in habits:
        state = states.get(habit.id)
        if state is None:
            continue
        start = habit_state.read_window_start(state.anchor, habit.frequency)
        recent = {day: status for day, status in habit.logs.items() if day >= start}
        figures = habit_state.view(state, recent, habit.frequency, habit.target, today)
        codes |= badges.milestones(
            frequency=habit.frequency, current_streak=figures.longest_streak, total_logs=total
        )
    return codes - held
