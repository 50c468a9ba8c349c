"""Breaks: skipped days over a date range, for several habits in one request
(`POST /habits/skip`): a holiday, an illness, a planned pause."""

import uuid
from datetime import date, timedelta

from sqlalchemy import bindparam, false, insert, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Habit, HabitLog, LogStatus
from app.models._columns import utc_now
from app.services import badges, habit_state, habits
from app.services.habit_logs import SKIP_AHEAD_DAYS
from app.services.habit_state import Change
from app.services.stored_state import (
    RECENT_LOGS,
    SAVE_STATE,
    STATE_COLUMNS,
    state_of,
    state_params,
    statuses_of,
)

MAX_BREAK_DAYS = 90

_HABITS, _LOGS = Habit.__table__, HabitLog.__table__
# The habits of the break are locked first, in the order of their ids (two
# breaks never wait for each other in a circle), and read once locked: a
# statement that waited for a lock would still see the logs as they were
# when it began.
_LOCK = (
    select(_HABITS.c.id)
    .where(_HABITS.c.user_id == bindparam("user_id"))
    .order_by(_HABITS.c.id)
    .with_for_update()
)
_LOCK_NAMED = _LOCK.where(_HABITS.c.id.in_(bindparam("habit_ids", expanding=True)))
_LOCK_NOT_ARCHIVED = _LOCK.where(_HABITS.c.archived == false())
# As a log write reads them.
_FOR_BREAK = select(
    _HABITS.c.id,
    _HABITS.c.frequency,
    _HABITS.c.target,
    *STATE_COLUMNS,
    RECENT_LOGS,
    badges.HELD_CODES,
).where(
    _HABITS.c.user_id == bindparam("user_id"),
    _HABITS.c.id.in_(bindparam("habit_ids", expanding=True)),
)


def check_span(first: date, last: date, today: date) -> None:
    """422 unless `first`..`last` is a break: in order, at most MAX_BREAK_DAYS
    days, ending at most SKIP_AHEAD_DAYS after `today`."""
    if first > last:
        raise InvalidInput("from", "must not be after to")
    if (last - first).days + 1 > MAX_BREAK_DAYS:
        raise InvalidInput("to", f"a break spans at most {MAX_BREAK_DAYS} days, both included")
    if last > today + timedelta(days=SKIP_AHEAD_DAYS):
        raise InvalidInput(
            "to", f"a break ends at most {SKIP_AHEAD_DAYS} days after today ({today.isoformat()})"
        )


def take(
    *,
    session: Session,
    user_id: uuid.UUID,
    today: date,
    first: date,
    last: date,
    habit_ids: list[uuid.UUID] | None,
) -> int:
    """A skipped log on every day from `first` to `last` that has no log yet,
    for each of the user's `habit_ids` (default: every habit not archived);
    how many were written. 404 and nothing written when an id is not one of
    the user's habits."""
    check_span(first, last, today)
    connection = session.connection()
    if habit_ids is None:
        locked = list(connection.execute(_LOCK_NOT_ARCHIVED, {"user_id": user_id}).scalars())
    else:
        wanted = set(habit_ids)
        params = {"user_id": user_id, "habit_ids": sorted(wanted)}
        locked = list(connection.execute(_LOCK_NAMED, params).scalars()) if wanted else []
        missing = wanted - set(locked)
        if missing:
            session.rollback()
            raise habits.not_found(min(missing))
    params = {"user_id": user_id, "habit_ids": locked}
    rows = connection.execute(_FOR_BREAK, params).all() if locked else []

    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    new_logs: list[dict[str, object]] = []
    new_states: list[dict[str, object]] = []
    codes: set[str] = set()
    for habit in rows:
        state = state_of(habit)
        # A break from the anchor on is within the recent logs; an earlier
        # one needs the whole history.
        if first >= state.anchor:
            logs = statuses_of(habit.recent_logs)
        else:
            logs = habits.all_logs(connection=connection, habit_id=habit.id)
        free = [day for day in days if day not in logs]
        if not free:
            continue
        logs.update(dict.fromkeys(free, LogStatus.SKIPPED))
        changes = [Change(day, None, LogStatus.SKIPPED) for day in free]
        frequency, target = habit.frequency, habit.target
        new = habit_state.apply_change(state, changes, logs, frequency, target, today)
        if new is None:
            new = habit_state.summarize(logs, frequency, target, today)
        new_states.append({"habit_id": habit.id, **state_params(new)})
        new_logs.extend(_skipped_log(habit.id, day) for day in free)
        if not badges.holds_all(habit.held_codes):
            # A skipped day adds no done day, but it may bridge two runs.
            figures = habit_state.view(new, logs, frequency, target, today)
            codes |= badges.due(
                frequency=frequency,
                current_streak=figures.current_streak,
                total_logs=new.total_logs,
                other_habits_logs=0,
                held_codes=habit.held_codes,
            )

    if new_logs:
        connection.execute(insert(_LOGS), new_logs)
        connection.execute(SAVE_STATE, new_states)
        badges.award(session=session, user_id=user_id, codes=codes)
    session.commit()
    return len(new_logs)


def _skipped_log(habit_id: uuid.UUID, day: date) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "habit_id": habit_id,
        "date": day,
        "status": LogStatus.SKIPPED,
        "note": None,
        "created_at": utc_now(),
    }
