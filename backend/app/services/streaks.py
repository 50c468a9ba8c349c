"""Streaks: pure functions over dates, no database.

A *period* is a day for daily habits and an ISO week (Monday first) for weekly
ones; it is *kept* when it holds at least `target` done days. A streak is a
run of kept periods. The period in progress never breaks the current streak:
a daily habit not yet logged today keeps yesterday's streak.

With skipped days (contract §2.1) a period that is not kept is *bridged*
when its done and skipped days together reach `target`: it neither breaks
the run nor counts. Any other period that is over breaks the run; one that
is not over yet (today's or later) never does. A skipped day after today is
not reached yet and counts for nothing.

`Runs`, `tally`, `extend_runs` and `with_open_periods` fold periods into
runs; `app.services.habit_state` stores where they stand.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from app.models.habit import Frequency

_BACK_TO_MONDAY = tuple(
    timedelta(days=weekday) for weekday in range(7)
)  # built once: reads call it per log


def period_start(day: date, frequency: Frequency) -> date:
    """First day of the period holding `day`."""
    if frequency is Frequency.WEEKLY:
        return day - _BACK_TO_MONDAY[day.weekday()]
    return day


def _period_step(frequency: Frequency) -> timedelta:
    return timedelta(weeks=1) if frequency is Frequency.WEEKLY else timedelta(days=1)


DONE, SKIPPED = "done", "skipped"


@dataclass(frozen=True)
class Runs:
    """Where the streaks stand after some periods."""

    current: int  # kept periods since the last period that broke the run
    longest: int  # the most kept periods one run has held


def tally(logs: Mapping[date, str], frequency: Frequency) -> dict[date, list[int]]:
    """`[done, skipped]` days per period start.

    A skipped day after today, not reached yet, needs no leaving out: its
    period is not over, so it cannot break whether the day bridges it or not.
    """
    counts: dict[date, list[int]] = {}
    weekly = frequency is Frequency.WEEKLY
    for day, status in logs.items():  # every read of a habit: kept lean
        start = day - _BACK_TO_MONDAY[day.weekday()] if weekly else day
        period = counts.get(start)
        if period is None:
            period = counts[start] = [0, 0]
        period[0 if status == DONE else 1] += 1
    return counts


def extend_runs(
    runs: Runs,
    counts: Mapping[date, list[int]],
    frequency: Frequency,
    target: int,
    *,
    start: date,
    stop: date,
) -> Runs:
    """`runs` carried over the periods from `start` up to `stop` (excluded),
    all of them over, each as `counts` (`tally`) has it. `start` and `stop`
    are period starts."""
    step = _period_step(frequency)
    current, longest = runs.current, runs.longest
    expected = start  # the first period not folded in yet
    for period in sorted(counts):
        if not start <= period < stop:
            continue
        if expected < period:  # empty periods in between
            current = 0
        done, skipped = counts[period]
        if done >= target:
            current += 1
            longest = max(longest, current)
        elif done + skipped < target:
            current = 0
        expected = period + step
    if expected < stop:
        current = 0
    return Runs(current, longest)


def with_open_periods(
    runs: Runs, counts: Mapping[date, list[int]], target: int, first: date
) -> Runs:
    """`runs` carried over the periods from `first` on, which are not over
    (today's, and later ones holding a done day logged from a time zone
    ahead): the kept ones count and the others never break."""
    current = runs.current
    for period, (done, _) in counts.items():
        if done >= target and period >= first:
            current += 1
    return Runs(current, max(runs.longest, current))
