import random
from datetime import date, timedelta

import pytest

from app.models import Frequency
from app.services.streaks import (
    StreakState,
    apply_change,
    current_streak,
    kept_periods,
    neighbourhood,
    period_start,
    summarize,
)

DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=offset) for offset in range(count)]


def current(dates: list[date], frequency: Frequency, today: date, target: int = 1) -> int:
    state = summarize(dates, frequency, target)
    return current_streak(state.last_run_end, state.last_run_length, frequency, today)


def test_no_logs_means_no_streak() -> None:
    state = summarize([], DAILY, 1)
    assert (state.last_run_end, state.last_run_length, state.longest_streak) == (None, 0, 0)
    assert current([], DAILY, date(2026, 5, 1)) == 0


def test_daily_streak_counts_consecutive_days_up_to_today() -> None:
    today = date(2026, 5, 10)
    assert current(days(date(2026, 5, 6), 5), DAILY, today) == 5


def test_daily_streak_survives_a_today_not_yet_logged() -> None:
    today = date(2026, 5, 10)
    assert current(days(date(2026, 5, 6), 4), DAILY, today) == 4  # up to yesterday


def test_daily_streak_breaks_after_a_missed_day() -> None:
    today = date(2026, 5, 10)
    assert current(days(date(2026, 5, 5), 4), DAILY, today) == 0  # last log 2 days ago


def test_gap_splits_runs_and_longest_is_kept() -> None:
    dates = days(date(2026, 1, 1), 10) + days(date(2026, 1, 15), 3)
    state = summarize(dates, DAILY, 1)
    assert state.longest_streak == 10
    assert state.last_run_length == 3
    assert state.last_run_end == date(2026, 1, 17)
    assert state.total_logs == 13


def test_duplicate_and_unsorted_dates_count_once() -> None:
    dates = [date(2026, 3, 3), date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 2)]
    state = summarize(dates, DAILY, 1)
    assert (state.last_run_length, state.total_logs) == (3, 3)


def test_leap_day_links_february_and_march() -> None:
    dates = [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]
    assert current(dates, DAILY, date(2024, 3, 1)) == 3
    # In a common year 28 February and 1 March are consecutive.
    assert current([date(2025, 2, 28), date(2025, 3, 1)], DAILY, date(2025, 3, 1)) == 2


def test_daily_streak_crosses_a_year_boundary() -> None:
    assert current(days(date(2025, 12, 29), 6), DAILY, date(2026, 1, 3)) == 6


def test_period_start_is_the_iso_monday() -> None:
    assert period_start(date(2026, 11, 28), WEEKLY) == date(2026, 11, 23)  # a Saturday
    assert period_start(date(2026, 11, 23), WEEKLY) == date(2026, 11, 23)
    assert period_start(date(2027, 1, 1), WEEKLY) == date(2026, 12, 28)  # ISO week 53 of 2026
    assert period_start(date(2026, 11, 28), DAILY) == date(2026, 11, 28)


def test_weekly_target_decides_which_weeks_are_kept() -> None:
    # Week of 2 March: 3 logs; week of 9 March: 2 logs.
    dates = [
        date(2026, 3, 2),
        date(2026, 3, 4),
        date(2026, 3, 6),
        date(2026, 3, 9),
        date(2026, 3, 10),
    ]
    assert kept_periods(dates, WEEKLY, 3) == [date(2026, 3, 2)]
    assert kept_periods(dates, WEEKLY, 2) == [date(2026, 3, 2), date(2026, 3, 9)]


def test_weekly_streak_through_iso_week_53_and_new_year() -> None:
    # 2026 has 53 ISO weeks: Mondays 14, 21 and 28 December 2026, then 4 January 2027.
    mondays = [date(2026, 12, 14), date(2026, 12, 21), date(2026, 12, 28), date(2027, 1, 4)]
    dates = [monday + timedelta(days=offset) for monday in mondays for offset in (0, 2)]
    assert current(dates, WEEKLY, date(2027, 1, 6), target=2) == 4
    assert summarize(dates, WEEKLY, 2).longest_streak == 4


def test_weekly_week_in_progress_does_not_break_the_streak() -> None:
    # Two kept weeks ending last week; this week has one of three logs so far.
    dates = [
        *[date(2026, 3, 2) + timedelta(days=offset) for offset in (0, 1, 2)],
        *[date(2026, 3, 9) + timedelta(days=offset) for offset in (0, 1, 2)],
        date(2026, 3, 16),
    ]
    assert current(dates, WEEKLY, date(2026, 3, 19), target=3) == 2


def test_weekly_streak_breaks_after_a_missed_week() -> None:
    dates = [date(2026, 3, 2) + timedelta(days=offset) for offset in (0, 1, 2)]
    assert current(dates, WEEKLY, date(2026, 3, 16), target=3) == 0  # nothing in week of 9 March


def test_weekly_gap_between_runs() -> None:
    mondays = [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 26)]
    state = summarize(mondays, WEEKLY, 1)
    assert (state.longest_streak, state.last_run_length) == (2, 1)


@pytest.mark.parametrize(
    ("last_run_end", "today", "expected"),
    [
        (date(2026, 5, 10), date(2026, 5, 10), 4),
        (date(2026, 5, 9), date(2026, 5, 10), 4),
        (date(2026, 5, 8), date(2026, 5, 10), 0),
        # A log dated after today (a time zone moved back) still counts.
        (date(2026, 5, 11), date(2026, 5, 10), 4),
    ],
)
def test_current_streak_window(last_run_end: date, today: date, expected: int) -> None:
    assert current_streak(last_run_end, 4, DAILY, today) == expected


# apply_change: the incremental update must equal summarize() whenever it answers.

CASES = [(DAILY, 1), *((WEEKLY, target) for target in range(1, 8))]


def changed_state(
    dates: set[date], frequency: Frequency, target: int, day: date, *, added: bool
) -> tuple[StreakState | None, StreakState]:
    """apply_change's answer and summarize's for adding (or removing) `day`."""
    before = summarize(dates, frequency, target)
    after_dates = dates | {day} if added else dates - {day}
    low, high = neighbourhood(day, frequency)
    nearby = [d for d in after_dates if low <= d <= high]
    fast = apply_change(before, frequency, target, day, added=added, nearby=nearby)
    return fast, summarize(after_dates, frequency, target)


@pytest.mark.parametrize(("frequency", "target"), CASES)
def test_apply_change_equals_summarize_on_random_histories(
    frequency: Frequency, target: int
) -> None:
    answered = fallbacks = 0
    for seed in range(60):
        rng = random.Random(seed * 31 + target)
        origin = date(2026, 1, 1)
        span = rng.choice([10, 40, 120])
        density = rng.random()
        dates = {origin + timedelta(days=n) for n in range(span) if rng.random() < density}
        for _ in range(40):
            day = origin + timedelta(days=rng.randrange(-10, span + 10))
            added = day not in dates
            fast, full = changed_state(dates, frequency, target, day, added=added)
            if fast is None:
                fallbacks += 1
            else:
                answered += 1
                assert fast == full, (seed, sorted(dates), day, added)
            dates = dates | {day} if added else dates - {day}
    assert answered and fallbacks  # both paths are exercised


@pytest.mark.parametrize(("frequency", "target"), CASES)
def test_apply_change_on_runs_at_the_end_and_isolated_days(
    frequency: Frequency, target: int
) -> None:
    rng = random.Random(target)
    step = 7 if frequency is WEEKLY else 1
    for _ in range(200):
        # Consecutive kept periods, then log or undo around their end and far before.
        start = date(2025, 6, 2) + timedelta(days=7 * rng.randrange(20))
        periods = rng.randrange(1, 12)
        dates: set[date] = set()
        for index in range(periods):
            monday = start + timedelta(days=step * index)
            dates |= {
                monday + timedelta(days=n) for n in rng.sample(range(step), min(step, target))
            }
        last = max(dates)
        for day in (
            last,
            last + timedelta(days=1),
            last + timedelta(days=step),
            start - timedelta(days=step),
            start - timedelta(days=400),
            start,
        ):
            for added in (True, False):
                if (day in dates) == added:
                    continue
                fast, full = changed_state(dates, frequency, target, day, added=added)
                assert fast is None or fast == full, (sorted(dates), day, added)


def test_apply_change_handles_the_common_cases_without_history() -> None:
    history = set(days(date(2026, 1, 1), 10))
    # The day after a run, a day after a gap, a far-away day: all answer.
    for day in (date(2026, 1, 11), date(2026, 1, 20), date(2020, 1, 1)):
        fast, full = changed_state(history, DAILY, 1, day, added=True)
        assert fast == full
    # Undoing a far-away day answers too, and so does shortening a run that is
    # not the longest.
    fast, full = changed_state(
        history | {date(2020, 1, 1)}, DAILY, 1, date(2020, 1, 1), added=False
    )
    assert fast == full
    longer = history | set(days(date(2026, 1, 20), 3))
    fast, full = changed_state(longer, DAILY, 1, date(2026, 1, 22), added=False)
    assert fast == full == StreakState(date(2026, 1, 21), 2, 10, 12)
    # A run that splits in two needs the full history.
    fast, _ = changed_state(history, DAILY, 1, date(2026, 1, 5), added=False)
    assert fast is None


def test_apply_change_first_log_and_unchanged_weeks() -> None:
    fast, full = changed_state(set(), WEEKLY, 3, date(2026, 3, 4), added=True)
    assert fast == full == StreakState(None, 0, 0, 1)
    kept = {date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 5)}
    fast, full = changed_state(kept, WEEKLY, 3, date(2026, 3, 5), added=False)
    assert fast == full
    fast, full = changed_state(set(), DAILY, 1, date(2026, 3, 4), added=True)
    assert fast == full == StreakState(date(2026, 3, 4), 1, 1, 1)


@pytest.mark.parametrize(
    ("day", "frequency", "expected"),
    [
        (date(2026, 11, 28), DAILY, (date(2026, 11, 27), date(2026, 11, 29))),
        (date(2026, 11, 28), WEEKLY, (date(2026, 11, 16), date(2026, 12, 6))),
        # At the ends of the calendar the periods either side do not exist.
        (date.max, DAILY, (date(9999, 12, 30), date.max)),
        (date.max, WEEKLY, (date(9999, 12, 20), date.max)),
        (date.min, DAILY, (date.min, date(1, 1, 2))),
        (date.min, WEEKLY, (date.min, date(1, 1, 14))),
    ],
)
def test_neighbourhood_stays_within_the_calendar(
    day: date, frequency: Frequency, expected: tuple[date, date]
) -> None:
    assert neighbourhood(day, frequency) == expected
