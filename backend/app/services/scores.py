"""Habit strength (`score`), exactly Loop Habit Tracker's: pure functions over dates.

From a habit's earliest log to day `d`,
`score(d) = score(d-1)·m + c(d)·(1-m)` with `m = 0.5^(√f/13)`, where `f` is
1 for daily habits and `target/7` for weekly ones. With `f = 1`, `c(d)` is 1
on a done day, else 0; with `f < 1`, `c(d) = min(1, R/(2·target))` where `R`
counts the done days among the 14 days ending on `d` (Loop doubles the
numerator and the denominator to smooth irregular schedules). On a skipped
day the score stays what it was the day before, and the day still takes its
place in the window. Before the first done day every `c` is 0, so the score
is 0 there whatever day the recurrence starts on.

Everything here is a function of the logs and the day asked about: a skipped
day after today only matters once the score of that day is asked for.
"""

import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from datetime import date

from app.models.habit import Frequency
from app.services.streaks import DONE, SKIPPED

WINDOW_DAYS = 14  # Loop's `den` for non-daily habits: the days `R` counts over


def ratio(frequency: Frequency, target: int) -> float:
    """Loop's frequency `f`: 1 for a daily habit, `target/7` for a weekly one."""
    return 1.0 if frequency is Frequency.DAILY else min(target, 7) / 7


def multiplier(f: float) -> float:
    """`m`: how much of yesterday's score is kept."""
    return 0.5 ** (math.sqrt(f) / 13)


def compute(f: float, previous: float, completion: float) -> float:
    """One day's step (Loop's `Score.compute`)."""
    m = multiplier(f)
    return previous * m + completion * (1 - m)


def _completion(day: int, done: Sequence[int], f: float, target: int) -> float:
    """`c(day)`, days as ordinals; `done` sorted, holding at least the window."""
    if f >= 1:
        index = bisect_left(done, day)
        return 1.0 if index < len(done) and done[index] == day else 0.0
    window = bisect_right(done, day) - bisect_left(done, day - WINDOW_DAYS + 1)
    return min(1.0, window / (2 * target))


def completion(day: date, done: Sequence[date], f: float, target: int) -> float:
    """`c(day)`; `done` holds the done days, sorted (at least those of the window)."""
    return _completion(day.toordinal(), [logged.toordinal() for logged in done], f, target)


def _active_days(done: Sequence[int], f: float, first: int, last: int) -> list[int]:
    """The days from `first` to `last` whose `c` may be above 0, ascending (ordinals)."""
    if f >= 1:
        return list(done[bisect_left(done, first) : bisect_right(done, last)])
    # The union of the spans [logged, logged + 13] (the days whose window
    # holds a done day), merged as it goes (done days ascend), within
    # `first`..`last`.
    days: list[int] = []
    begin = end = None
    for logged in done[bisect_left(done, first - WINDOW_DAYS + 1) : bisect_right(done, last)]:
        if end is not None and logged <= end + 1:
            end = logged + WINDOW_DAYS - 1
            continue
        if end is not None:
            days.extend(range(max(begin, first), min(end, last) + 1))
        begin, end = logged, logged + WINDOW_DAYS - 1
    if end is not None:
        days.extend(range(max(begin, first), min(end, last) + 1))
    return days


def _advance(
    score: float,
    low: int,
    high: int,
    done: Sequence[int],
    skipped: Sequence[int],
    f: float,
    target: int,
) -> float:
    """`advance` with days as ordinals.

    `c` of each day is worked out as `_completion` does, but from two indexes
    into `done` that only move forward (every read of a habit runs this).
    """
    m = multiplier(f)
    gain = 1 - m
    per_day = f >= 1
    num = 2 * target
    # done[oldest:newest]: the done days of the window of the day folded in.
    oldest = newest = bisect_left(done, low - WINDOW_DAYS + 1)
    cursor = low  # the first day not folded in yet
    for day in _active_days(done, f, low, high):
        skipped_before = bisect_left(skipped, day) if skipped else 0
        if day > cursor:  # days with no `c` above 0 in between
            quiet = day - cursor
            if skipped:
                quiet -= skipped_before - bisect_left(skipped, cursor)
            score *= m**quiet
        if skipped_before == len(skipped) or skipped[skipped_before] != day:
            if per_day:
                completion = 1.0  # an active day of a daily habit is a done day
            else:
                while newest < len(done) and done[newest] <= day:
                    newest += 1
                while done[oldest] < day - WINDOW_DAYS + 1:
                    oldest += 1
                completion = min(1.0, (newest - oldest) / num)
            score = score * m + completion * gain
        cursor = day + 1
    if cursor <= high:
        skipped_after = bisect_right(skipped, high) - bisect_left(skipped, cursor)
        score *= m ** (high + 1 - cursor - skipped_after)
    return score


def advance(
    score: float,
    first: date,
    last: date,
    done: Sequence[date],
    skipped: Sequence[date],
    f: float,
    target: int,
) -> float:
    """The score at the end of `last`, from `score` at the end of the day
    before `first` (`score` itself when `last` is before `first`).

    `done` and `skipped` are sorted; `done` holds every done day from 13 days
    before `first` to `last`, `skipped` every skipped day from `first` to
    `last`. Stretches without a done day in reach decay in one step, so the
    cost follows the done days, not the calendar.
    """
    if last < first:
        return score
    done_days = [day.toordinal() for day in done]
    skipped_days = [day.toordinal() for day in skipped]
    return _advance(score, first.toordinal(), last.toordinal(), done_days, skipped_days, f, target)


def advance_logs(
    score: float, first: date, last: date, logs: Mapping[date, str], f: float, target: int
) -> float:
    """`advance` over `logs` (date → status; every log from 13 days before
    `first` to `last`), without sorting dates first: every read of a habit
    runs it."""
    if last < first:
        return score
    done_days = sorted(day.toordinal() for day, status in logs.items() if status == DONE)
    skipped_days = sorted(day.toordinal() for day, status in logs.items() if status == SKIPPED)
    return _advance(score, first.toordinal(), last.toordinal(), done_days, skipped_days, f, target)


def split(logs: Mapping[date, str]) -> tuple[list[date], list[date]]:
    """The done days and the skipped days of `logs` (date → status), each sorted."""
    done = sorted(day for day, status in logs.items() if status == DONE)
    skipped = sorted(day for day, status in logs.items() if status == SKIPPED)
    return done, skipped


def series(
    logs: Mapping[date, str],
    frequency: Frequency,
    target: int,
    first: date,
    last: date,
    *,
    origin: tuple[date, float] = (date.min, 0.0),
) -> list[tuple[date, float]]:
    """`(day, score)` for every day from `first` to `last`, ascending, at full precision.

    By default from the whole history in `logs`. With `origin = (day0,
    score0)`, `score0` being the score at the end of the day before `day0`
    (e.g. `(state.anchor, state.score)` of `habit_state.HabitState`), `logs`
    need only hold the logs from 13 days before `day0` on; `first` must not
    be before `day0` then.
    """
    done, skipped = split(logs)
    done_days = [day.toordinal() for day in done]
    skipped_days = [day.toordinal() for day in skipped]
    f, low, high = ratio(frequency, target), first.toordinal(), last.toordinal()
    start, score = origin[0].toordinal(), origin[1]
    if score == 0.0:  # it stays 0 until the first done day
        start = max(start, done_days[0] if done_days else low)
    score = _advance(score, start, low - 1, done_days, skipped_days, f, target)
    m = multiplier(f)
    skipped_set = set(skipped_days)
    points = []
    for day in range(low, high + 1):
        if day not in skipped_set:
            score = score * m + _completion(day, done_days, f, target) * (1 - m)
        points.append((date.fromordinal(day), score))
    return points


def shown(score: float) -> float:
    """`score` as the API shows it: cut after 6 decimals.

    Not rounded to the nearest: the contract's vectors are the exact values
    cut (today 0.655747 for 0.65574764, 19 days ago 0.051922 for
    0.05192249), and 0.655748 is further than 1e-6 (Loop's tolerance) from
    0.655747. The 1e-4 millionth keeps a binary fraction just under an exact
    one (0.5 computed as 0.4999999999999998) from losing a millionth.
    """
    return math.floor(score * 1_000_000 + 1e-4) / 1_000_000
