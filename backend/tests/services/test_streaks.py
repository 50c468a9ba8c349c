from datetime import date, timedelta

import pytest

from app.models import Frequency
from app.services.streaks import current_streak, kept_periods, period_start, summarize

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
