from datetime import date, timedelta

import pytest

from app.models import Frequency
from app.services.habit_state import (
    Change,
    HabitState,
    HabitView,
    anchor_for,
    apply_change,
    read_window_start,
    summarize,
    view,
)
from tests.services.reference import reference_view

DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY
TODAY = date(2026, 5, 13)  # a Wednesday


def days(first: date, count: int, status: str = "done") -> dict[date, str]:
    return {first + timedelta(days=n): status for n in range(count)}


def read(
    logs: dict[date, str], frequency: Frequency, target: int, today: date, *, written: date = TODAY
) -> HabitView:
    """The figures on `today` of a habit whose state was last written on `written`."""
    state = summarize(logs, frequency, target, written)
    start = read_window_start(state.anchor)
    fast = view(state, {d: s for d, s in logs.items() if d >= start}, frequency, target, today)
    slow = reference_view(logs, frequency, target, today)
    assert fast.score == pytest.approx(slow.score, abs=1e-12)
    assert fast == HabitView(**{**slow.__dict__, "score": fast.score})
    return fast


def streaks_of(figures: HabitView) -> tuple[int, int]:
    return figures.current_streak, figures.longest_streak


@pytest.mark.parametrize(
    ("today", "anchor"),
    [
        (date(2026, 5, 13), date(2026, 5, 4)),
        (date(2026, 5, 11), date(2026, 5, 4)),  # a Monday
        (date(2026, 5, 17), date(2026, 5, 4)),  # a Sunday
        (date(2026, 5, 18), date(2026, 5, 11)),
        (date(2027, 1, 1), date(2026, 12, 21)),  # ISO week 53 of 2026
        (date.min, date.min),
    ],
)
def test_the_anchor_is_the_monday_a_week_before_this_weeks(today: date, anchor: date) -> None:
    assert anchor_for(today) == anchor == anchor_for(today, WEEKLY)
    assert anchor.weekday() == 0


def test_a_daily_habits_anchor_is_three_days_before_today() -> None:
    # Today moves back by at most two days between requests (UTC+14 to
    # UTC-12 with a day starting at 23:00): those days stay after the anchor.
    assert anchor_for(date(2026, 5, 13), DAILY) == date(2026, 5, 10)
    assert anchor_for(date(2026, 3, 1), DAILY) == date(2026, 2, 26)
    assert anchor_for(date(1, 1, 2), DAILY) == date.min


def test_reads_need_the_logs_from_13_days_before_the_anchor() -> None:
    assert read_window_start(date(2026, 5, 4)) == date(2026, 4, 21)
    assert read_window_start(date.min) == date.min


def test_a_skipped_day_bridges_a_daily_streak_and_does_not_count() -> None:
    logs = {date(2026, 5, 8): "done", date(2026, 5, 9): "skipped", **days(date(2026, 5, 10), 3)}
    figures = read(logs, DAILY, 1, TODAY)
    assert streaks_of(figures) == (4, 4)  # today not logged yet
    assert (figures.total_logs, figures.period_count, figures.today_status) == (4, 0, None)
    del logs[date(2026, 5, 9)]
    assert streaks_of(read(logs, DAILY, 1, TODAY)) == (3, 3)


def test_a_chain_of_skips_and_a_skipped_today() -> None:
    logs = {
        **days(date(2026, 4, 10), 5),
        **days(date(2026, 4, 15), 8, "skipped"),
        **days(date(2026, 4, 23), 20),
        TODAY: "skipped",
    }
    figures = read(logs, DAILY, 1, TODAY)
    assert streaks_of(figures) == (25, 25)
    assert (figures.total_logs, figures.period_count, figures.today_status) == (25, 0, "skipped")
    # The skipped days hold the strength where it was.
    assert read(logs, DAILY, 1, TODAY).score == pytest.approx(
        read(logs, DAILY, 1, TODAY - timedelta(days=1)).score
    )


def test_a_planned_break_across_today_keeps_the_streak_until_it_ends() -> None:
    logs = {**days(date(2026, 5, 1), 11), **days(date(2026, 5, 12), 5, "skipped")}  # 12-16 May
    for today in (TODAY, date(2026, 5, 16), date(2026, 5, 17)):
        assert streaks_of(read(logs, DAILY, 1, today)) == (11, 11)
    # Nothing logged on the 17th: once it is over, the run is broken.
    assert streaks_of(read(logs, DAILY, 1, date(2026, 5, 18))) == (0, 11)


def test_future_skips_change_nothing_until_they_are_reached() -> None:
    done = days(date(2026, 4, 1), 43)  # to today
    planned = {**done, **days(TODAY + timedelta(days=1), 10, "skipped")}
    assert read(planned, DAILY, 1, TODAY) == read(done, DAILY, 1, TODAY)
    assert read(planned, WEEKLY, 3, TODAY) == read(done, WEEKLY, 3, TODAY)
    # Reached, they bridge the days and hold the strength.
    later = TODAY + timedelta(days=11)
    assert streaks_of(read(planned, DAILY, 1, later)) == (43, 43)
    assert streaks_of(read(done, DAILY, 1, later)) == (0, 43)
    assert read(planned, DAILY, 1, later).score > read(done, DAILY, 1, later).score


def weeks(*patterns: str, first: date = date(2026, 4, 20)) -> dict[date, str]:
    """One pattern per ISO week from `first`: `d` done, `s` skipped, `.` nothing."""
    logs = {}
    for week, pattern in enumerate(patterns):
        for offset, mark in enumerate(pattern):
            day = first + timedelta(days=7 * week + offset)
            if mark != ".":
                logs[day] = {"d": "done", "s": "skipped"}[mark]
    return logs


@pytest.mark.parametrize(
    ("middle_week", "expected"),
    [
        ("d.ss...", (2, 2)),  # 1 done + 2 skipped reach 3: bridged
        ("sssssss", (2, 2)),  # a week off
        ("d.s....", (1, 1)),  # 1 + 1 < 3: broken
        ("ddd....", (3, 3)),
    ],
)
def test_weekly_bridged_and_broken_weeks(middle_week: str, expected: tuple[int, int]) -> None:
    # Weeks of 20 April, 27 April and 4 May 2026; today is in the week of 11 May.
    logs = weeks("ddd....", middle_week, ".d.d.d.")
    assert streaks_of(read(logs, WEEKLY, 3, TODAY)) == expected


def test_the_week_in_progress_neither_breaks_nor_counts_until_it_is_kept() -> None:
    logs = weeks("ddd....", "ddd....", ".d.d.d.", "ss.....")  # this week: 2 skipped so far
    figures = read(logs, WEEKLY, 3, TODAY)
    assert streaks_of(figures) == (3, 3)
    assert (figures.period_count, figures.total_logs) == (0, 9)
    logs |= {TODAY: "done", TODAY + timedelta(days=1): "done", TODAY + timedelta(days=2): "done"}
    figures = read(logs, WEEKLY, 3, TODAY + timedelta(days=2))
    assert streaks_of(figures) == (4, 4)
    assert figures.period_count == 3


def test_weekly_streak_through_iso_week_53_bridged_over_new_year() -> None:
    # Mondays 14, 21, 28 December 2026 (ISO week 53) and 4 January 2027.
    logs = weeks("dd.....", "dd.....", "d.....s", "dd.....", first=date(2026, 12, 14))
    figures = read(logs, WEEKLY, 2, date(2027, 1, 13), written=date(2027, 1, 13))
    assert streaks_of(figures) == (3, 3)
    figures = read(logs, WEEKLY, 2, date(2027, 1, 6), written=date(2027, 1, 6))
    assert streaks_of(figures) == (3, 3)


@pytest.mark.parametrize("target", range(1, 8))
def test_every_weekly_target(target: int) -> None:
    kept = "d" * target + "." * (7 - target)
    bridged = "d" * (target - 1) + "s" + "." * (7 - target)
    short = "d" * (target - 1) + "." * (8 - target)
    assert streaks_of(read(weeks(kept, bridged, kept), WEEKLY, target, TODAY)) == (2, 2)
    assert streaks_of(read(weeks(kept, short, kept), WEEKLY, target, TODAY)) == (1, 1)
    figures = read(weeks(kept, kept, kept, bridged), WEEKLY, target, TODAY + timedelta(days=4))
    assert figures.period_count == target - 1


def test_a_new_frequency_rerates_the_history() -> None:
    logs = days(date(2026, 4, 20), 23)  # every day to yesterday
    daily, weekly = read(logs, DAILY, 1, TODAY), read(logs, WEEKLY, 5, TODAY)
    assert streaks_of(daily) == (23, 23)
    assert streaks_of(weekly) == (3, 3)  # weeks of 20 April, 27 April, 4 May; this one goes on
    assert weekly.period_count == 2
    assert weekly.score != daily.score


def test_the_contracts_strength_vector() -> None:
    logs = days(TODAY - timedelta(days=19), 20)
    for back, expected in ((0, 0.655747), (7, 0.5), (19, 0.051922)):
        day = TODAY - timedelta(days=back)
        assert read(logs, DAILY, 1, day, written=day).score == pytest.approx(expected, abs=1e-6)


def test_days_pass_without_writes() -> None:
    logs = days(date(2026, 3, 1), 30)
    written = date(2026, 3, 31)
    for later in (written, date(2026, 4, 1), date(2026, 6, 30), date(2029, 1, 1)):
        read(logs, DAILY, 1, later, written=written)  # as the day-by-day computation says
        read(logs, WEEKLY, 4, later, written=written)


LONG = {
    day: status
    for day, status in (
        (date(2021, 5, 1) + timedelta(days=n), "skipped" if n % 11 == 0 else "done")
        for n in range(1838)  # to 12 May 2026, yesterday
    )
    if (day.toordinal() % 17) != 3
}


def written(
    state: HabitState,
    logs: dict[date, str],
    changes: list[Change],
    frequency: Frequency,
    target: int,
) -> tuple[HabitState | None, dict[date, str]]:
    after = dict(logs)
    for change in changes:
        if change.after is None:
            del after[change.day]
        else:
            after[change.day] = change.after
    start = read_window_start(state.anchor)
    recent = {day: status for day, status in after.items() if day >= start}
    return apply_change(state, changes, recent, frequency, target, TODAY), after


@pytest.mark.parametrize(("frequency", "target"), [(DAILY, 1), (WEEKLY, 3), (WEEKLY, 7)])
def test_writes_on_today_and_yesterday_need_no_history(frequency: Frequency, target: int) -> None:
    yesterday = TODAY - timedelta(days=1)
    logs = dict(LONG)
    state = summarize(logs, frequency, target, TODAY - timedelta(days=2))
    for changes in (
        [Change(TODAY, None, "done")],
        [Change(TODAY, "done", "skipped")],
        [Change(TODAY, "skipped", None)],
        [Change(yesterday, logs.get(yesterday), None)],
        [Change(yesterday, None, "skipped")],
        [Change(yesterday, "skipped", "done")],
        [Change(TODAY + timedelta(days=n), None, "skipped") for n in range(14)],  # a break
        [Change(TODAY + timedelta(days=n), "skipped", None) for n in range(14)],
    ):
        fast, logs = written(state, logs, changes, frequency, target)
        assert fast is not None
        full = summarize(logs, frequency, target, TODAY)
        assert fast.score == pytest.approx(full.score, rel=1e-12)
        assert (fast.anchor, fast.run, fast.longest, fast.total_logs) == (
            full.anchor,
            full.run,
            full.longest,
            full.total_logs,
        )
        state = fast
        read(logs, frequency, target, TODAY)


def test_a_change_before_the_anchor_asks_for_a_recompute() -> None:
    state = summarize(LONG, DAILY, 1, TODAY)
    far, eve = date(2022, 2, 2), state.anchor - timedelta(days=1)
    assert written(state, LONG, [Change(far, LONG.get(far), None)], DAILY, 1)[0] is None
    assert written(state, LONG, [Change(eve, LONG.get(eve), None)], DAILY, 1)[0] is None
    on_anchor = [Change(state.anchor, LONG.get(state.anchor), None)]
    assert written(state, LONG, on_anchor, DAILY, 1)[0] is not None


def test_a_reader_a_week_behind_the_anchor_gets_the_anchors_figures() -> None:
    # Not a real case (time zones are a day or two apart, the anchor a week
    # or more behind): the answer stays sane, the periods after the anchor
    # count as not over yet.
    # The daily anchor of a write on 13 May is 10 May.
    logs = {**days(date(2026, 4, 1), 30), date(2026, 5, 11): "done", date(2026, 5, 12): "done"}
    state = summarize(logs, DAILY, 1, date(2026, 5, 13))
    assert state.anchor == date(2026, 5, 10)
    before = view(state, logs, DAILY, 1, date(2026, 4, 28))
    assert (before.current_streak, before.longest_streak) == (state.run + 2, 30)
    assert before.score == state.score
