"""What a habit row stores so that neither reads nor writes walk its history.

`HabitState` is the habit folded up to an *anchor*: every period before it
(streaks, `streaks.Runs`) and the strength at the end of the day before it
(`scores`). The anchor is far enough before the last write's today
(`anchor_for`: a weekly habit's is the Monday a week before that week's, a
daily habit's three days before that day) that every period before it is
over for good, even for a reader whose today is two days behind the
writer's (a time zone moved west, a later start of the day). What comes
after the anchor is folded in when needed, from the logs dated
`read_window_start(anchor, frequency)` or later: the read of `GET /habits` takes
them in the same statement as the habit row (`view`), and a log write reads
them to bring the state forward (`apply_change`). Those logs are the recent
ones and the planned skips only, so both stay small however long the history.

`logs` arguments map a date to its status, `"done"` or `"skipped"`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.models.habit import Frequency
from app.services import scores, streaks
from app.services.streaks import DONE

# How far the anchor stays behind the week (weekly) or the day (daily) of the
# last write: beyond any move of `today` between two requests (time zones
# span 26 hours, the start of the day 23 more). A daily habit's anchor stays
# close: every read folds in the days after it.
ANCHOR_LAG_DAYS = 7
DAILY_ANCHOR_LAG_DAYS = 3


@dataclass(frozen=True)
class HabitState:
    """The stored state: all of it is as of the anchor except `total_logs`."""

    anchor: date  # a period start (a Monday, weekly); the state holds every day before it
    run: int  # `streaks.Runs.current` over the periods before the anchor
    longest: int  # `streaks.Runs.longest` over the periods before the anchor
    score: float  # the strength at the end of the day before the anchor
    total_logs: int  # done days, every date


@dataclass(frozen=True)
class Change:
    """One day's log as it was and as it is: a status, or None for no log."""

    day: date
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HabitView:
    """The habit's figures as of a day (contract §2 and §2.1)."""

    current_streak: int
    longest_streak: int
    total_logs: int
    period_count: int  # done days in the period holding the day
    today_status: str | None
    score: float  # full precision


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, held within the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def anchor_for(today: date, frequency: Frequency = Frequency.WEEKLY) -> date:
    """The anchor a write on `today` moves the state to: the Monday a week
    before this week's, or for a daily habit the day three days before."""
    if frequency is Frequency.DAILY:
        return _shift(today, -DAILY_ANCHOR_LAG_DAYS)
    return _shift(streaks.period_start(today, Frequency.WEEKLY), -ANCHOR_LAG_DAYS)


def read_window_start(anchor: date, frequency: Frequency = Frequency.WEEKLY) -> date:
    """The first log date that `view` and `apply_change` need: 13 days before
    the anchor (`scores.WINDOW_DAYS` - 1), for the strength's window of a
    weekly habit; the anchor itself for a daily one, whose strength looks at
    each day alone (and whose periods before the anchor are folded up).

    In SQL: `habit_logs.date >= habits.<anchor> - 13` (no bound on today is
    needed, as the anchor is before every reader's today).
    """
    if frequency is Frequency.DAILY:
        return anchor
    return _shift(anchor, 1 - scores.WINDOW_DAYS)


def _advance(
    state: HabitState,
    logs: Mapping[date, str],
    frequency: Frequency,
    target: int,
    anchor: date,
) -> HabitState:
    """`state` moved forward to `anchor`; an anchor never moves back (a
    clock behind the last write's keeps it). `logs` holds every log from
    `read_window_start(state.anchor)` to the day before `anchor`; the days
    before `anchor` are all over."""
    if anchor <= state.anchor:
        return state
    runs = streaks.extend_runs(
        streaks.Runs(state.run, state.longest),
        streaks.tally(logs, frequency),
        frequency,
        target,
        start=state.anchor,
        stop=anchor,
    )
    f = scores.ratio(frequency, target)
    last = anchor - timedelta(days=1)
    score = scores.advance_logs(state.score, state.anchor, last, logs, f, target)
    return replace(state, anchor=anchor, run=runs.current, longest=runs.longest, score=score)


def summarize(
    logs: Mapping[date, str], frequency: Frequency, target: int, today: date
) -> HabitState:
    """The state computed from every log of the habit, as a write on `today`
    leaves it. Also what a new frequency or target needs."""
    anchor = anchor_for(today, frequency)
    first = min(logs, default=anchor)
    start = min(anchor, streaks.period_start(first, Frequency.WEEKLY))
    total = sum(1 for status in logs.values() if status == DONE)
    empty = HabitState(anchor=start, run=0, longest=0, score=0.0, total_logs=total)
    return _advance(empty, logs, frequency, target, anchor)


def apply_change(
    state: HabitState,
    changes: Iterable[Change],
    logs: Mapping[date, str],
    frequency: Frequency,
    target: int,
    today: date,
) -> HabitState | None:
    """The state after `changes` (each day's log added, removed or its status
    changed) written on `today`, without the history; None when a change is
    dated before `state.anchor`, which only `summarize` can tell.

    `state` is the stored one, from before the changes; `logs` holds every
    log dated `read_window_start(state.anchor)` or later, after the changes.
    Today's and yesterday's logs are always after the anchor.
    """
    changes = list(changes)
    if any(change.day < state.anchor for change in changes):
        return None
    done_delta = sum((change.after == DONE) - (change.before == DONE) for change in changes)
    moved = replace(state, total_logs=state.total_logs + done_delta)
    return _advance(moved, logs, frequency, target, anchor_for(today, frequency))


def view(
    state: HabitState,
    logs: Mapping[date, str],
    frequency: Frequency,
    target: int,
    today: date,
) -> HabitView:
    """The habit's figures on `today`. `logs` holds every log dated
    `read_window_start(state.anchor)` or later.

    `today` may be any day from the anchor on (days pass without writes).
    Before it (a clock put back by a week) the periods after the anchor
    count as not over yet and the strength is that of the anchor's eve.
    """
    this_period = streaks.period_start(today, frequency)
    counts = streaks.tally(logs, frequency)
    open_from = max(this_period, state.anchor)
    runs = streaks.extend_runs(
        streaks.Runs(state.run, state.longest),
        counts,
        frequency,
        target,
        start=state.anchor,
        stop=open_from,
    )
    runs = streaks.with_open_periods(runs, counts, target, open_from)
    f = scores.ratio(frequency, target)
    score = scores.advance_logs(state.score, state.anchor, today, logs, f, target)
    period_count = counts.get(this_period, [0, 0])[0]
    return HabitView(
        current_streak=runs.current,
        longest_streak=runs.longest,
        total_logs=state.total_logs,
        period_count=period_count,
        today_status=logs.get(today),
        score=score,
    )
