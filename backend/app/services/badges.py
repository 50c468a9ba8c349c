"""Badges: which milestones a log unlocks (pure), and awarding them once per user."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Badge, Frequency, Habit


@dataclass(frozen=True)
class BadgeKind:
    title: str
    description: str


CATALOG: dict[str, BadgeKind] = {
    "first_log": BadgeKind("First step", "Logged a habit for the first time."),
    "streak_7": BadgeKind("One week strong", "Kept a daily habit 7 days in a row."),
    "streak_30": BadgeKind("Thirty days", "Kept a daily habit 30 days in a row."),
    "weekly_4": BadgeKind("Four good weeks", "Met a weekly habit's target 4 weeks running."),
    "logs_30": BadgeKind("Thirty logs", "Logged 30 days in all."),
    "logs_100": BadgeKind("Centurion", "Logged 100 days in all."),
}


@dataclass(frozen=True)
class EarnedBadge:
    code: str
    title: str
    description: str
    achieved_at: datetime


def milestones(*, frequency: Frequency, current_streak: int, total_logs: int) -> set[str]:
    """Badge codes that this state of one habit and the user's log count deserve."""
    codes = set()
    if total_logs >= 1:
        codes.add("first_log")
    for threshold in (30, 100):
        if total_logs >= threshold:
            codes.add(f"logs_{threshold}")
    if frequency is Frequency.DAILY:
        codes.update(f"streak_{days}" for days in (7, 30) if current_streak >= days)
    elif current_streak >= 4:
        codes.add("weekly_4")
    return codes


# What `due` needs besides the written habit, as columns of the statement
# that reads that habit for a log write (`habits.FOR_LOG_WRITE`): the other
# habits' stored log counts (the written habit's own count is fresh only
# after the write) and the codes the user holds. No extra round trip, and no
# count(*) over every log the user ever wrote.
_HABITS, _BADGES = Habit.__table__, Badge.__table__
OTHER_HABITS_LOGS = (
    select(func.coalesce(func.sum(_HABITS.c.total_logs), 0))
    .where(_HABITS.c.user_id == bindparam("user_id"), _HABITS.c.id != bindparam("habit_id"))
    .scalar_subquery()
    .label("other_habits_logs")
)
HELD_CODES = (
    select(func.aggregate_strings(_BADGES.c.code, ","))
    .where(_BADGES.c.user_id == bindparam("user_id"))
    .scalar_subquery()
    .label("held_codes")
)


def holds_all(held_codes: str | None) -> bool:
    """Whether the user holds every badge already (`HELD_CODES`): then no
    write can earn one, and its figures need not be worked out for them."""
    return bool(held_codes) and set(held_codes.split(",")) >= CATALOG.keys()


def due(
    *,
    frequency: Frequency,
    current_streak: int,
    total_logs: int,
    other_habits_logs: int,
    held_codes: str | None,
) -> set[str]:
    """The codes that one habit's fresh figures (its current streak and done
    days) unlock and the user does not hold yet.

    `other_habits_logs` and `held_codes` are `OTHER_HABITS_LOGS` and
    `HELD_CODES`, read with the habit.
    """
    deserved = milestones(
        frequency=frequency,
        current_streak=current_streak,
        total_logs=other_habits_logs + total_logs,
    )
    return deserved - (set(held_codes.split(",")) if held_codes else set())


def award(*, session: Session, user_id: uuid.UUID, codes: set[str]) -> set[str]:
    """Award `codes` (from `due`) unless already held; returns the new ones."""
    awarded = set()
    for code in sorted(codes):
        try:
            with session.begin_nested():  # a concurrent log may award it first
                session.add(Badge(user_id=user_id, code=code))
            awarded.add(code)
        except IntegrityError:
            pass
    return awarded


def earned(*, connection: Connection, user_id: uuid.UUID) -> list[EarnedBadge]:
    """The user's badges, oldest first."""
    rows = connection.execute(
        select(Badge.code, Badge.achieved_at)
        .where(Badge.user_id == user_id)
        .order_by(Badge.achieved_at, Badge.code)
    ).all()
    return [
        EarnedBadge(code, CATALOG[code].title, CATALOG[code].description, achieved_at)
        for code, achieved_at in rows
        if code in CATALOG
    ]
