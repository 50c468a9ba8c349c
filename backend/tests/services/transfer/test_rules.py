from datetime import date, timedelta

import pytest

from app.models import Frequency
from app.services.transfer.records import DayLog
from app.services.transfer.rules import RawHabit, finish, from_loop

TODAY = date(2024, 6, 15)
DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY


def loop(numerator: int | None, denominator: int | None, name: str = "Read"):
    return from_loop(
        name=name,
        numerator=numerator,
        denominator=denominator,
        archived=False,
        measurable=False,
        days=[],
    )


@pytest.mark.parametrize(
    ("numerator", "denominator", "frequency", "target"),
    [
        (1, 1, DAILY, 1),
        (1, 7, WEEKLY, 1),
        (3, 7, WEEKLY, 3),
        (7, 7, WEEKLY, 7),
    ],
)
def test_loop_frequencies_with_an_exact_equivalent(
    numerator: int, denominator: int, frequency: Frequency, target: int
) -> None:
    imported = finish([loop(numerator, denominator)], today=TODAY, format="test")
    habit = imported.habits[0]
    assert (habit.frequency, habit.target) == (frequency, target)
    assert imported.warnings == ()


@pytest.mark.parametrize(
    ("numerator", "denominator", "target"),
    [
        (2, 3, 5),  # 4.67 a week
        (1, 30, 1),  # 0.23 a week, at least 1
        (5, 14, 3),  # exactly 2.5 a week: half up
        (3, 14, 2),  # 1.5 a week
        (3, 2, 7),  # 10.5 a week, at most 7
        (8, 7, 7),
        (2, 2, 7),
    ],
)
def test_other_loop_frequencies_become_weekly_with_a_warning(
    numerator: int, denominator: int, target: int
) -> None:
    imported = finish([loop(numerator, denominator)], today=TODAY, format="test")
    habit = imported.habits[0]
    assert (habit.frequency, habit.target) == (WEEKLY, target)
    assert imported.warnings == (
        f'"Read": Loop\'s frequency of {numerator} times in {denominator} days has no exact '
        f"equivalent; imported as weekly, {target} days a week",
    )


@pytest.mark.parametrize(("numerator", "denominator"), [(0, 7), (1, 0), (None, 1), (-1, -1)])
def test_an_impossible_loop_frequency_becomes_daily_with_a_warning(
    numerator: int | None, denominator: int | None
) -> None:
    imported = finish([loop(numerator, denominator)], today=TODAY, format="test")
    assert (imported.habits[0].frequency, imported.habits[0].target) == (DAILY, 1)
    assert imported.warnings == (
        f'"Read": frequency {numerator}/{denominator} is not valid; imported as daily',
    )


def raw(title: str = "Read", days=(), **changes) -> RawHabit:
    return RawHabit(
        title=title, frequency=DAILY, target=1, archived=False, days=list(days), **changes
    )


def test_the_day_window_keeps_2000_to_today_and_skips_90_days_ahead() -> None:
    days = [
        (date(1999, 12, 31), "done", None),
        (date(2000, 1, 1), "done", None),
        (TODAY, "done", None),
        (TODAY + timedelta(days=1), "done", None),
        (TODAY + timedelta(days=2), "done", None),
        (TODAY + timedelta(days=1), "skipped", None),
        (TODAY + timedelta(days=90), "skipped", None),
        (TODAY + timedelta(days=91), "skipped", None),
        (date(1970, 1, 1), "skipped", None),
    ]
    imported = finish([raw(days=days)], today=TODAY, format="test")
    assert imported.habits[0].logs == {
        date(2000, 1, 1): DayLog("done"),
        TODAY: DayLog("done"),
        TODAY + timedelta(days=1): DayLog("skipped"),
        TODAY + timedelta(days=90): DayLog("skipped"),
    }
    assert imported.warnings == (
        '"Read": 2 days before 2000-01-01 left out',
        '"Read": 2 days done after today left out',
        '"Read": 1 day skipped more than 90 days ahead left out',
    )


def test_the_first_entry_of_a_day_wins() -> None:
    days = [(TODAY, "skipped", "ill"), (TODAY, "done", None)]
    imported = finish([raw(days=days)], today=TODAY, format="test")
    assert imported.habits[0].logs == {TODAY: DayLog("skipped", "ill")}


def test_notes_are_trimmed_blank_ones_dropped_long_ones_shortened() -> None:
    days = [
        (TODAY, "done", "  Ran 5 km \n"),
        (TODAY - timedelta(days=1), "done", "   "),
        (TODAY - timedelta(days=2), "done", "x" * 501),
        (TODAY - timedelta(days=3), "done", "a\x00b"),
    ]
    imported = finish([raw(days=days)], today=TODAY, format="test")
    logs = imported.habits[0].logs
    assert logs[TODAY].note == "Ran 5 km"
    assert logs[TODAY - timedelta(days=1)].note is None
    assert logs[TODAY - timedelta(days=2)].note == "x" * 500
    assert logs[TODAY - timedelta(days=3)].note == "ab"
    assert imported.warnings == ('"Read": 1 note(s) shortened to 500 characters',)


def test_titles_are_trimmed_of_invisible_characters_blank_and_long_ones_fixed() -> None:
    imported = finish(
        [raw("\ufeff\u200b Yoga \u200b"), raw(" \u200b\t"), raw("a\x00" + "b" * 120)],
        today=TODAY,
        format="test",
    )
    assert [habit.title for habit in imported.habits] == ["Yoga", "Untitled habit", "a" + "b" * 99]
    assert imported.warnings == (
        '"Untitled habit": the habit had no name in the file',
        f'"{"a" + "b" * 99}": title shortened to 100 characters',
    )


def test_measurable_habits_are_left_out_and_positions_follow_the_file() -> None:
    imported = finish(
        [raw("Run", measurable=True), raw("Read"), raw("Read")],
        today=TODAY,
        format="test",
    )
    assert [(habit.title, habit.position) for habit in imported.habits] == [
        ("Read", 0),
        ("Read", 1),
    ]
    assert imported.warnings == ('"Run": measurable (numeric) habits are not imported; left out',)
