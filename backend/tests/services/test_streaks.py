"""Streak scenarios over done days only (skipped days: test_habit_state.py),
through the stored state as the API keeps it: `summarize` on the day of the
last write, then `view` on the reader's today."""

from datetime import date, timedelta

from app.models import Frequency
from app.services.habit_state import read_window_start, summarize, view
from app.services.streaks import period_start

DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=offset) for offset in range(count)]


def streaks(
    dates: list[date],
    frequency: Frequency,
    today: date,
    target: int = 1,
    *,
    written: date | None = None,
) -> tuple[int, int, int]:
    """(current, longest, total) on `today` for a habit last written on
    `written` (default: `today`)."""
    logs = dict.fromkeys(dates, "done")
    state = summarize(logs, frequency, target, written or today)
    start = read_window_start(state.anchor)
    recent = {day: status for day, status in logs.items() if day >= start}
    figures = view(state, recent, frequency, target, today)
    return figures.current_streak, figures.longest_streak, figures.total_logs


def test_no_logs_means_no_streak() -> None:
    assert streaks([], DAILY, date(2026, 5, 1)) == (0, 0, 0)


def test_daily_streak_counts_consecutive_days_up_to_today() -> None:
    assert streaks(days(date(2026, 5, 6), 5), DAILY, date(2026, 5, 10)) == (5, 5, 5)


def test_daily_streak_survives_a_today_not_yet_logged() -> None:
    assert streaks(days(date(2026, 5, 6), 4), DAILY, date(2026, 5, 10))[0] == 4


def test_daily_streak_breaks_after_a_missed_day() -> None:
    assert streaks(days(date(2026, 5, 5), 4), DAILY, date(2026, 5, 10))[:2] == (0, 4)


def test_a_streak_read_days_or_months_after_the_last_write() -> None:
    dates = days(date(2026, 5, 1), 9)  # up to 9 May
    assert streaks(dates, DAILY, date(2026, 5, 10), written=date(2026, 5, 9))[0] == 9
    assert streaks(dates, DAILY, date(2026, 5, 11), written=date(2026, 5, 9))[0] == 0
    assert streaks(dates, DAILY, date(2026, 9, 1), written=date(2026, 5, 9))[:2] == (0, 9)


def test_gap_splits_runs_and_longest_is_kept() -> None:
    dates = days(date(2026, 1, 1), 10) + days(date(2026, 1, 15), 3)
    assert streaks(dates, DAILY, date(2026, 1, 18)) == (3, 10, 13)


def test_leap_day_links_february_and_march() -> None:
    dates = [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]
    assert streaks(dates, DAILY, date(2024, 3, 1))[0] == 3
    # In a common year 28 February and 1 March are consecutive.
    assert streaks([date(2025, 2, 28), date(2025, 3, 1)], DAILY, date(2025, 3, 1))[0] == 2


def test_daily_streak_crosses_a_year_boundary() -> None:
    assert streaks(days(date(2025, 12, 29), 6), DAILY, date(2026, 1, 3))[0] == 6


def test_period_start_is_the_iso_monday() -> None:
    assert period_start(date(2026, 11, 28), WEEKLY) == date(2026, 11, 23)  # a Saturday
    assert period_start(date(2026, 11, 23), WEEKLY) == date(2026, 11, 23)
    assert period_start(date(2027, 1, 1), WEEKLY) == date(2026, 12, 28)  # ISO week 53 of 2026
    assert period_start(date(2026, 11, 28), DAILY) == date(2026, 11, 28)


def test_weekly_target_decides_which_weeks_are_kept() -> None:
    # Week of 2 March: 3 logs; week of 9 March: 2 logs.
    dates = [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 9)]
    dates.append(date(2026, 3, 10))
    today = date(2026, 3, 18)
    assert streaks(dates, WEEKLY, today, target=3) == (0, 1, 5)
    assert streaks(dates, WEEKLY, today, target=2) == (2, 2, 5)


def test_weekly_streak_through_iso_week_53_and_new_year() -> None:
    # 2026 has 53 ISO weeks: Mondays 14, 21 and 28 December 2026, then 4 January 2027.
    mondays = [date(2026, 12, 14), date(2026, 12, 21), date(2026, 12, 28), date(2027, 1, 4)]
    dates = [monday + timedelta(days=offset) for monday in mondays for offset in (0, 2)]
    assert streaks(dates, WEEKLY, date(2027, 1, 6), target=2)[:2] == (4, 4)


def test_weekly_week_in_progress_does_not_break_the_streak() -> None:
    # Two kept weeks ending last week; this week has one of three logs so far.
    dates = [
        *[date(2026, 3, 2) + timedelta(days=offset) for offset in (0, 1, 2)],
        *[date(2026, 3, 9) + timedelta(days=offset) for offset in (0, 1, 2)],
        date(2026, 3, 16),
    ]
    assert streaks(dates, WEEKLY, date(2026, 3, 19), target=3)[0] == 2


def test_weekly_streak_breaks_after_a_missed_week() -> None:
    dates = [date(2026, 3, 2) + timedelta(days=offset) for offset in (0, 1, 2)]
    assert streaks(dates, WEEKLY, date(2026, 3, 16), target=3)[0] == 0  # none in week of 9 March


def test_weekly_gap_between_runs() -> None:
    mondays = [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 26)]
    assert streaks(mondays, WEEKLY, date(2026, 1, 28))[:2] == (1, 2)
