import pytest

from app.models import Frequency
from app.services.badges import CATALOG, milestones


@pytest.mark.parametrize(
    ("frequency", "streak", "total", "expected"),
    [
        (Frequency.DAILY, 0, 0, set()),
        (Frequency.DAILY, 1, 1, {"first_log"}),
        (Frequency.DAILY, 6, 6, {"first_log"}),
        (Frequency.DAILY, 7, 7, {"first_log", "streak_7"}),
        (Frequency.DAILY, 30, 30, {"first_log", "streak_7", "streak_30", "logs_30"}),
        (Frequency.DAILY, 2, 100, {"first_log", "logs_30", "logs_100"}),
        # A weekly streak is counted in weeks: 7 weeks is no 7-day streak.
        (Frequency.WEEKLY, 7, 21, {"first_log", "weekly_4"}),
        (Frequency.WEEKLY, 3, 9, {"first_log"}),
        (Frequency.WEEKLY, 4, 4, {"first_log", "weekly_4"}),
    ],
)
def test_milestones(frequency: Frequency, streak: int, total: int, expected: set[str]) -> None:
    assert milestones(frequency=frequency, current_streak=streak, total_logs=total) == expected


def test_every_milestone_has_a_title_and_description() -> None:
    every = milestones(frequency=Frequency.DAILY, current_streak=30, total_logs=100)
    every |= milestones(frequency=Frequency.WEEKLY, current_streak=4, total_logs=1)
    assert every == set(CATALOG)
    assert all(kind.title and kind.description for kind in CATALOG.values())
