"""Loop Habit Tracker's own score vectors (uhabits-core `ScoreTest`, `YesNoScoreListTest`).

Loop's tests count days back from today (`check(offset)` is a done day
`offset` days ago, `addSkip(offset)` a skipped one) and expect the scores of
today, yesterday, ... within 1e-6. A weekly habit with target `t` is Loop's
`Frequency(t, 7)`.
"""

from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from app.models import Frequency
from app.services import scores
from app.services.scores import compute, ratio, series

DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY
TODAY = date(2026, 5, 13)
E = 1e-6


def ago(offset: int) -> date:
    return TODAY - timedelta(days=offset)


def history(done: Iterable[int], skipped: Iterable[int] = ()) -> dict[date, str]:
    logs = {ago(offset): "done" for offset in done}
    logs.update({ago(offset): "skipped" for offset in skipped})  # a skip replaces a check
    return logs


def scores_back(logs: dict[date, str], frequency: Frequency, target: int, days: int) -> list[float]:
    """The scores of today, yesterday, ... `days` values, as Loop's tests list them."""
    points = series(logs, frequency, target, ago(days - 1), TODAY)
    return [score for _, score in reversed(points)]


def today_score(logs: dict[date, str], frequency: Frequency, target: int) -> float:
    return scores_back(logs, frequency, target, 1)[0]


# ScoreTest
@pytest.mark.parametrize(
    ("f", "check", "previous", "expected"),
    [
        (1.0, 1, 0.0, 0.051922),
        (1.0, 1, 0.5, 0.525961),
        (1.0, 1, 0.75, 0.762981),
        (1.0, 0, 0.0, 0.0),
        (1.0, 0, 0.5, 0.474039),
        (1.0, 0, 0.75, 0.711058),
        (1 / 3, 1, 0.0, 0.030314),
        (1 / 3, 1, 0.5, 0.515157),
        (1 / 3, 1, 0.75, 0.757578),
        (1 / 3, 0, 0.0, 0.0),
        (1 / 3, 0, 0.5, 0.484842),
        (1 / 3, 0, 0.75, 0.727263),
    ],
)
def test_compute(f: float, check: int, previous: float, expected: float) -> None:
    assert compute(f, previous, check) == pytest.approx(expected, abs=E)


DAILY_20 = [
    0.655747,
    0.636894,
    0.617008,
    0.596033,
    0.573910,
    0.550574,
    0.525961,
    0.500000,
    0.472617,
    0.443734,
    0.413270,
    0.381137,
    0.347244,
    0.311495,
    0.273788,
    0.234017,
    0.192067,
    0.147820,
    0.101149,
    0.051922,
    0.000000,
    0.000000,
    0.000000,
]


def test_daily_checks_on_the_20_days_ending_today() -> None:
    # YesNoScoreListTest.test_getValue, and the contract's vector (§2.1).
    values = scores_back(history(range(20)), DAILY, 1, 23)
    assert values == pytest.approx(DAILY_20, abs=E)
    assert (values[0], values[7], values[19]) == pytest.approx(
        (0.655747, 0.500000, 0.051922), abs=E
    )


def test_daily_with_skips() -> None:
    # YesNoScoreListTest.test_getValueWithSkip: a skipped day keeps the day before's score.
    values = scores_back(history(range(20), skipped=[5, 10, 11]), DAILY, 1, 23)
    expected = [
        *(0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.472617),
        *(0.443734, 0.413270, 0.381137, 0.347244, 0.347244, 0.347244, 0.311495),
        *(0.273788, 0.234017, 0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0),
    ]
    assert values == pytest.approx(expected, abs=E)


def test_daily_skip_right_after_the_first_check() -> None:
    # YesNoScoreListTest.test_getValueWithSkip2.
    values = scores_back(history([5], skipped=[4]), DAILY, 1, 7)
    expected = [0.041949, 0.044247, 0.046670, 0.049226, 0.051922, 0.051922, 0.0]
    assert values == pytest.approx(expected, abs=E)


def test_non_daily_with_skips() -> None:
    # YesNoScoreListTest.test_getValueNonDailyWithSkip (Frequency(6, 7)), from a
    # uhabits version whose ScoreList leaves skipped days out of the 14-day
    # window (it reaches further back by as many days: its
    # getNumberOfSkipsByInterval). Loop 2.3.1's ScoreList, like the contract,
    # keeps a skipped day in its place in the window. From 4 days ago back the
    # two agree (Loop's values); over the last 4 days the window holds skipped
    # days, so fewer done days: Loop's 0.365222, 0.333100, 0.299354, 0.263899
    # become the contract's values below.
    values = scores_back(history(range(18), skipped=[10, 11, 12]), WEEKLY, 6, 21)
    loop = [
        *(0.226651, 0.191734, 0.159268, 0.129375, 0.102187, 0.077839, 0.056477),
        *(0.056477, 0.056477, 0.056477, 0.038251, 0.023319, 0.011848, 0.004014, 0.0, 0.0, 0.0),
    ]
    assert values[4:] == pytest.approx(loop, abs=E)
    assert values[:4] == pytest.approx([0.350290, 0.321630, 0.291519, 0.259885], abs=E)


def test_perfect_with_skips() -> None:
    # YesNoScoreListTest.test_perfectDailyWithSkips: done or skipped every day
    # converges to 100 %.
    weekends = [7 * week + day for week in range(100) for day in (5, 6)]
    logs = history(range(500), skipped=weekends)
    assert today_score(logs, DAILY, 1) == pytest.approx(1.0, abs=E)
    # Its test_perfectNonDailyWithSkips (Frequency(6, 7)) expects 100 % too, from
    # the version that leaves skipped days out of the window. Under the
    # contract each 14-day window holds its 4 skipped days: R = 10 of 12.
    assert today_score(logs, WEEKLY, 6) == pytest.approx(10 / 12, abs=E)


def test_imperfect_non_daily_and_a_new_target() -> None:
    # YesNoScoreListTest.test_imperfectNonDaily: 2 of 3 a week converges to 2/3;
    # the same history re-rated at 4 a week converges to 1/2.
    logs = history([7 * week + day for week in range(100) for day in (0, 1)])
    assert today_score(logs, WEEKLY, 3) == pytest.approx(2 / 3, abs=E)
    assert today_score(logs, WEEKLY, 4) == pytest.approx(0.5, abs=E)


def test_irregular_non_daily() -> None:
    # YesNoScoreListTest.test_irregularNonDaily: once a week on different weekdays.
    logs = history([14 * block + day for block in range(100) for day in (0, 13)])
    assert today_score(logs, WEEKLY, 1) == pytest.approx(1.0, abs=1e-3)


def test_high_score_in_reasonable_time() -> None:
    # YesNoScoreListTest.shouldAchieveHighScoreInReasonableTime: 99 % after 3
    # months of a daily habit, or 9 months of a weekly one.
    assert today_score(history(range(90)), DAILY, 1) > 0.99
    assert today_score(history([7 * week for week in range(39)]), WEEKLY, 1) > 0.99


def test_recompute_and_add_then_remove() -> None:
    # YesNoScoreListTest.test_recompute and test_addThenRemove.
    assert today_score({}, DAILY, 1) == 0.0
    assert today_score(history(range(2)), DAILY, 1) == pytest.approx(0.101149, abs=E)
    assert today_score(history([0]), DAILY, 1) == pytest.approx(0.051922, abs=E)


def test_weekly_target_7_is_rated_like_a_daily_habit() -> None:
    # f = 7/7 = 1: Loop's Frequency(7, 7) is Frequency(1, 1).
    assert ratio(WEEKLY, 7) == ratio(DAILY, 1) == 1.0
    logs = history(range(20))
    assert scores_back(logs, WEEKLY, 7, 23) == pytest.approx(DAILY_20, abs=E)


def test_non_daily_completion_counts_the_14_days_ending_on_the_day() -> None:
    done = [ago(offset) for offset in (20, 13, 5, 0)]
    done.sort()
    # Today's window holds 13, 5 and 0 days ago (20 is out): R = 3, of num = 2·target.
    assert scores.completion(TODAY, done, 1 / 7, 1) == 1.0
    assert scores.completion(TODAY, done, 2 / 7, 2) == 0.75
    assert scores.completion(TODAY, done, 3 / 7, 3) == 0.5
    assert scores.completion(ago(1), done, 3 / 7, 3) == pytest.approx(2 / 6)
    assert scores.completion(ago(14), done, 3 / 7, 3) == pytest.approx(1 / 6)


def test_score_is_zero_before_the_first_log_and_today_counts() -> None:
    logs = history([3, 2], skipped=[6])
    values = scores_back(logs, DAILY, 1, 8)
    assert values[4:] == [0.0, 0.0, 0.0, 0.0]
    # Today is not logged yet and counts as a day without a check.
    assert values[0] < values[1] < values[2]


def test_series_from_an_origin_equals_the_full_history() -> None:
    logs = history(range(0, 300, 2), skipped=list(range(1, 40, 6)))
    full = series(logs, WEEKLY, 3, ago(30), TODAY)
    anchor = ago(60)
    eve = anchor - timedelta(days=1)
    [(_, before_anchor)] = series(logs, WEEKLY, 3, eve, eve)
    recent = {day: status for day, status in logs.items() if day >= anchor - timedelta(days=13)}
    resumed = series(recent, WEEKLY, 3, ago(30), TODAY, origin=(anchor, before_anchor))
    assert [day for day, _ in resumed] == [day for day, _ in full]
    assert [score for _, score in resumed] == pytest.approx([score for _, score in full], abs=1e-12)


def test_series_at_the_ends_of_the_calendar() -> None:
    logs = {date.min: "done", date(1, 1, 3): "skipped"}
    points = series(logs, WEEKLY, 2, date.min, date(1, 1, 5))
    assert [day for day, _ in points] == [date.min + timedelta(days=n) for n in range(5)]
    assert points[1][1] == points[2][1] > 0
    assert series({}, DAILY, 1, date(9999, 12, 30), date.max) == [
        (date(9999, 12, 30), 0.0),
        (date.max, 0.0),
    ]


def test_advance_jumps_quiet_stretches_like_day_by_day_steps() -> None:
    done = [ago(400), ago(399), ago(200)]
    skipped = [ago(300), ago(100)]
    f = ratio(WEEKLY, 2)
    by_days = 0.0
    day = ago(400)
    while day <= TODAY:
        if day not in skipped:
            by_days = compute(f, by_days, scores.completion(day, done, f, 2))
        day += timedelta(days=1)
    assert scores.advance(0.0, ago(400), TODAY, done, skipped, f, 2) == pytest.approx(by_days)
