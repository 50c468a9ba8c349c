"""Rows made directly, for the tests that need the database without the API."""

import uuid
from datetime import date

from app.models import Frequency, Habit

# A Monday: a fresh habit's stored state (nothing folded up yet) may be
# anchored on any Monday before its first log.
FRESH_ANCHOR = date(2026, 1, 5)


def habit_row(
    user_id: uuid.UUID,
    *,
    title: str = "Read",
    frequency: Frequency = Frequency.DAILY,
    target: int = 1,
    position: int = 0,
) -> Habit:
    """A habit without logs, as the API would create it."""
    return Habit(
        user_id=user_id,
        title=title,
        frequency=frequency,
        target=target,
        position=position,
        anchor=FRESH_ANCHOR,
    )
