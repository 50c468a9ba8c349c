"""The order of a user's habits: `position` 0, 1, 2... archived habits included.

Changes to the list itself (a habit created or deleted, the order replaced)
lock the owner's account row first, so that two of them never interleave: a
new habit always goes last, a deletion closes its gap, and a new order is
checked against the habits that are really there. The lock is `FOR NO KEY
UPDATE`, which log writes and badge inserts (`FOR KEY SHARE` through their
foreign keys) do not wait for.
"""

import uuid
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from app.errors import InvalidInput, Unauthorized
from app.models import Habit, User

_HABITS, _USERS = Habit.__table__, User.__table__
_LOCK = (
    select(_USERS.c.id).where(_USERS.c.id == bindparam("user_id")).with_for_update(key_share=True)
)
_NEXT = select(func.coalesce(func.max(_HABITS.c.position) + 1, 0)).where(
    _HABITS.c.user_id == bindparam("user_id")
)
_CLOSE_GAP = (
    update(_HABITS)
    .where(_HABITS.c.user_id == bindparam("owner"), _HABITS.c.position > bindparam("gap"))
    .values(position=_HABITS.c.position - 1)
)
_IDS = select(_HABITS.c.id).where(_HABITS.c.user_id == bindparam("user_id"))
_MOVE = (
    update(_HABITS)
    .where(_HABITS.c.id == bindparam("habit_id"))
    .values(position=bindparam("new_position"))
)


def lock(*, session: Session, user_id: uuid.UUID) -> None:
    """Hold the user's list of habits until the transaction ends; 401 when
    the account was deleted since the token was checked."""
    if session.connection().execute(_LOCK, {"user_id": user_id}).first() is None:
        session.rollback()
        raise Unauthorized()


def lock_next_position(*, session: Session, user_id: uuid.UUID) -> int:
    """`lock`, then the position after the user's last habit."""
    lock(session=session, user_id=user_id)
    return session.connection().execute(_NEXT, {"user_id": user_id}).scalar_one()


def close_gap(*, session: Session, user_id: uuid.UUID, position: int) -> None:
    """Move the habits after a deleted one up one place (under `lock`)."""
    session.connection().execute(_CLOSE_GAP, {"owner": user_id, "gap": position})


def reorder(*, session: Session, user_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> None:
    """Give the user's habits the order of `ids`, which must name each of them
    exactly once (archived ones too); 422 and nothing written otherwise. The
    caller commits."""
    lock(session=session, user_id=user_id)
    connection = session.connection()
    present = set(connection.execute(_IDS, {"user_id": user_id}).scalars())
    repeated = sorted(str(habit) for habit, count in Counter(ids).items() if count > 1)
    unknown = sorted(str(habit) for habit in set(ids) - present)
    missing = sorted(str(habit) for habit in present - set(ids))
    for problem, listed in (
        ("names a habit more than once", repeated),
        ("names habits that are not yours or do not exist", unknown),
        ("leaves out some of your habits", missing),
    ):
        if listed:
            session.rollback()
            raise InvalidInput("ids", f"{problem}: {', '.join(listed)}")
    if ids:
        rows = [{"habit_id": habit, "new_position": place} for place, habit in enumerate(ids)]
        connection.execute(_MOVE, rows)
