"""Streaks: pure functions over dates, no database.

A *period* is a day for daily habits and an ISO week (Monday first) for weekly
ones; it is *kept* when it holds at least `target` done days. A streak is a
run of kept periods. The period in progress never breaks the current streak:
a daily habit not yet logged today keeps yesterday's streak.

With skipped days (`Runs`, `tally`, `extend_runs`, `with_open_periods`;
contract §2.1) a period that is not kept is *bridged* when its done and
skipped days together reach `target`: it neither breaks the run nor counts.
Any other period that is over breaks the run; one that is not over yet
(today's or later) never does. A skipped day after today is not reached yet
and counts for nothing.

`StreakState`, `summarize`, `apply_change` and `current_streak` are the older
model of done days only, which the log writes still store.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.models.habit import Frequency


@dataclass(frozen=True)
class StreakState:
    """What the habit row stores so that reads need no history scan."""

    last_run_end: date | None  # first day of the last kept period of the latest run
    last_run_length: int
    longest_streak: int
    total_logs: int


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


def neighbourhood(day: date, frequency: Frequency) -> tuple[date, date]:
    """First and last day of `day`'s period and the periods either side of it,
    within the calendar (`date.min` to `date.max`)."""
    step, start = _period_step(frequency), period_start(day, frequency)
    first = start - step if start - date.min >= step else date.min
    last = start + 2 * step - timedelta(days=1) if date.max - start >= 2 * step else date.max
    return first, last


def apply_change(
    state: StreakState,
    frequency: Frequency,
    target: int,
    day: date,
    *,
    added: bool,
    nearby: Iterable[date],
) -> StreakState | None:
    """The state after logging (`added`) or unlogging `day`, without the history.

    `state` is `summarize` of the dates before the change; `nearby` holds the
    logged dates *after* the change within `neighbourhood(day, frequency)`
    (others are ignored). The answer equals `summarize` of the dates after the
    change, or is None when the neighbourhood cannot tell (a run merges with
    or splits off one whose length is unknown): recompute with `summarize`.
    """
    step = _period_step(frequency)
    period = period_start(day, frequency)
    low, high = neighbourhood(day, frequency)
    counts = Counter(period_start(d, frequency) for d in set(nearby) if low <= d <= high)
    after = counts[period]
    before = after - 1 if added else after + 1
    total = state.total_logs + (1 if added else -1)
    if (before >= target) == (after >= target):  # the kept periods are unchanged
        return replace(state, total_logs=total)
    end, run, longest = state.last_run_end, state.last_run_length, state.longest_streak
    isolated = counts[period - step] < target and counts[period + step] < target
    if end is None or run < 1:
        # No kept period before: the only possible change is the first one.
        return StreakState(period, 1, 1, total) if after >= target else None
    start = end - step * (run - 1)
    if after >= target:  # `period` becomes kept
        if period > end:
            run = run + 1 if period - end == step else 1
            return StreakState(period, run, max(longest, run), total)
        if period == start - step and counts[period - step] < target:
            return StreakState(end, run + 1, max(longest, run + 1), total)
        if period < start - step and isolated:
            return StreakState(end, run, max(longest, 1), total)
        return None
    # `period` is no longer kept.
    if period == end and 1 < run < longest:  # a longer run elsewhere stays the longest
        return StreakState(end - step, run - 1, longest, total)
    if period < start and isolated:  # a run of one period disappears
        return StreakState(end, run, longest, total)
    return None


def current_streak(
    last_run_end: date | None, last_run_length: int, frequency: Frequency, today: date
) -> int:
    """The latest run counts while it reaches the current or the previous period."""
    if last_run_end is None:
        return 0
    previous_period = period_start(today, frequency) - _period_step(frequency)
    return last_run_length if last_run_end >= previous_period else 0


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
    for day, status in logs.items():
        period = counts.setdefault(period_start(day, frequency), [0, 0])
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
    kept = sum(1 for period, (done, _) in counts.items() if period >= first and done >= target)
    return Runs(runs.current + kept, max(runs.longest, runs.current + kept))
