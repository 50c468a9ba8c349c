"""Streaks over log dates: pure functions, no database.

A *period* is a day for daily habits and an ISO week (Monday first) for weekly
ones; it is *kept* when it holds at least `target` logged days. A streak is a
run of consecutive kept periods. The period in progress never breaks the
current streak: a daily habit not yet logged today keeps yesterday's streak.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.models.habit import Frequency


@dataclass(frozen=True)
class StreakState:
    """What the habit row stores so that reads need no history scan."""

    last_run_end: date | None  # first day of the last kept period of the latest run
    last_run_length: int
    longest_streak: int
    total_logs: int


def period_start(day: date, frequency: Frequency) -> date:
    """First day of the period holding `day`."""
    if frequency is Frequency.WEEKLY:
        return day - timedelta(days=day.weekday())
    return day


def _period_step(frequency: Frequency) -> timedelta:
    return timedelta(weeks=1) if frequency is Frequency.WEEKLY else timedelta(days=1)


def kept_periods(dates: Iterable[date], frequency: Frequency, target: int) -> list[date]:
    """Starts of the periods that reach the target, ascending."""
    per_period = Counter(period_start(day, frequency) for day in set(dates))
    return sorted(start for start, count in per_period.items() if count >= target)


def summarize(dates: Iterable[date], frequency: Frequency, target: int) -> StreakState:
    """One pass over the kept periods: the latest run and the longest one."""
    dates = list(dates)
    step = _period_step(frequency)
    previous: date | None = None
    run = longest = 0
    for start in kept_periods(dates, frequency, target):
        run = run + 1 if previous is not None and start - previous == step else 1
        longest = max(longest, run)
        previous = start
    return StreakState(
        last_run_end=previous,
        last_run_length=run,
        longest_streak=longest,
        total_logs=len(set(dates)),
    )


def current_streak(
    last_run_end: date | None, last_run_length: int, frequency: Frequency, today: date
) -> int:
    """The latest run counts while it reaches the current or the previous period."""
    if last_run_end is None:
        return 0
    previous_period = period_start(today, frequency) - _period_step(frequency)
    return last_run_length if last_run_end >= previous_period else 0
