import uuid
from datetime import date

from app.services.analytics import Window, build_overview, days_of, window_days


def test_week_window_is_seven_days_ending_on_the_end_date() -> None:
    days = window_days(Window.WEEK, date(2026, 3, 2))
    assert days == [date(2026, 2, d) for d in range(24, 29)] + [date(2026, 3, 1), date(2026, 3, 2)]


def test_month_window_is_thirty_days_across_a_year_boundary() -> None:
    days = window_days(Window.MONTH, date(2026, 1, 10))
    assert len(days) == 30
    assert days[0] == date(2025, 12, 12)
    assert days[-1] == date(2026, 1, 10)
    assert days == sorted(days)


def test_overview_marks_logged_days_per_habit() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    days = window_days(Window.WEEK, date(2026, 3, 7))
    overview = build_overview(
        days,
        [
            (first, "Read", {date(2026, 3, 1), date(2026, 3, 7), date(2026, 2, 28)}),
            (second, "Run", {date(2026, 3, 4)}),
        ],
    )
    assert overview.labels == days
    assert [dataset.label for dataset in overview.datasets] == ["Read", "Run"]
    assert overview.datasets[0].data == [1, 0, 0, 0, 0, 0, 1]
    assert overview.datasets[1].data == [0, 0, 0, 1, 0, 0, 0]
    assert overview.datasets[1].habit_id == second


def test_overview_without_habits_still_has_labels() -> None:
    overview = build_overview(window_days(Window.MONTH, date(2026, 3, 7)), [])
    assert len(overview.labels) == 30
    assert overview.datasets == []


def test_days_of_an_aggregated_string() -> None:
    assert days_of(None) == set() == days_of("")
    assert days_of("2026-01-05,2026-01-02,2026-01-05") == {date(2026, 1, 2), date(2026, 1, 5)}
