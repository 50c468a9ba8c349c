"""Property: the stored state, kept up by `apply_change` (or `summarize` when it
cannot tell) and read with `view` from the recent logs only, equals the plain
day-by-day computation (`reference.reference_view`) over random histories."""

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.models import Frequency
from app.services.habit_state import (
    Change,
    HabitState,
    apply_change,
    read_window_start,
    summarize,
    view,
)
from tests.services.reference import reference_view

DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY
SETTINGS = [(DAILY, 1), *((WEEKLY, target) for target in range(1, 8))]


def recent(logs: dict[date, str], state: HabitState) -> dict[date, str]:
    """What the read statement brings: the logs from the state's window on."""
    start = read_window_start(state.anchor)
    return {day: status for day, status in logs.items() if day >= start}


def assert_reads_like_reference(
    state: HabitState, logs: dict[date, str], frequency: Frequency, target: int, today: date
) -> None:
    fast = view(state, recent(logs, state), frequency, target, today)
    slow = reference_view(logs, frequency, target, today)
    assert fast.score == pytest.approx(slow.score, rel=1e-9, abs=1e-12)
    assert replace(fast, score=0.0) == replace(slow, score=0.0)


def assert_same_state(fast: HabitState, full: HabitState) -> None:
    assert fast.score == pytest.approx(full.score, rel=1e-9, abs=1e-12)
    assert replace(fast, score=0.0) == replace(full, score=0.0)


def pick_day(rng: random.Random, today: date, anchor: date) -> date:
    """Mostly today and yesterday, as people log; sometimes the last weeks
    (and the days either side of the state's anchor), a far backfill or a
    planned break ahead."""
    kind = rng.random()
    if kind < 0.4:
        back = rng.choice([0, 0, 1])
    elif kind < 0.5:
        return anchor + timedelta(days=rng.randrange(-14, 14))
    elif kind < 0.7:
        back = rng.randrange(2, 25)
    elif kind < 0.85:
        back = rng.randrange(25, 700)
    else:
        back = -rng.randrange(1, 91)
    return today - timedelta(days=back)


def random_changes(
    rng: random.Random, logs: dict[date, str], today: date, anchor: date
) -> list[Change]:
    """One write, as the API allows it: a log added, undone or switched, or a break."""
    if rng.random() < 0.08:  # POST /habits/skip: skipped days where there is no log yet
        first = pick_day(rng, today, anchor)
        days = [first + timedelta(days=n) for n in range(rng.randrange(1, 15))]
        limit = today + timedelta(days=90)
        return [Change(day, None, "skipped") for day in days if day not in logs and day <= limit]
    day = pick_day(rng, today, anchor)
    before = logs.get(day)
    may_be_done = day <= today  # no done day in the future
    if before is None:
        after = "done" if may_be_done and rng.random() < 0.75 else "skipped"
    elif rng.random() < 0.5:
        after = None
    elif before == "skipped" and may_be_done:
        after = "done"
    else:
        after = "skipped"
    return [Change(day, before, after)]


def seed_history(rng: random.Random, today: date) -> dict[date, str]:
    """Some months or years of history with holes, skipped runs and a planned break."""
    logs: dict[date, str] = {}
    span = rng.choice([0, 10, 60, 300, 800])
    density, skips = rng.random(), rng.random() * 0.3
    for back in range(span):
        roll = rng.random()
        if roll < skips:
            logs[today - timedelta(days=back)] = "skipped"
        elif roll < skips + density:
            logs[today - timedelta(days=back)] = "done"
    for ahead in range(rng.randrange(4)):
        logs[today + timedelta(days=ahead + 1)] = "skipped"
    return logs


@pytest.mark.parametrize(("frequency", "target"), SETTINGS)
def test_incremental_state_reads_like_the_day_by_day_computation(
    frequency: Frequency, target: int
) -> None:
    answered = recomputed = 0
    for seed in range(8):
        rng = random.Random(f"{frequency}-{target}-{seed}")
        today = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
        logs = seed_history(rng, today)
        state = summarize(logs, frequency, target, today)
        assert_reads_like_reference(state, logs, frequency, target, today)
        for _ in range(18):
            # Days pass; now and then the clock reads a day or two behind
            # (a time zone moved west).
            today += timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 6, 30, 200, -1, -2]))
            changes = random_changes(rng, logs, today, state.anchor)
            for change in changes:
                if change.after is None:
                    del logs[change.day]
                else:
                    logs[change.day] = change.after
            fast = apply_change(state, changes, recent(logs, state), frequency, target, today)
            full = summarize(logs, frequency, target, today)
            if fast is None:
                recomputed += 1
                state = full
            else:
                answered += 1
                if fast.anchor == full.anchor:
                    assert_same_state(fast, full)
                state = fast
            assert_reads_like_reference(state, logs, frequency, target, today)
            later = today + timedelta(days=rng.choice([-2, 0, 1, 3, 9, 40, 200]))
            assert_reads_like_reference(state, logs, frequency, target, later)
    assert answered > recomputed > 0  # both paths are exercised, the fast one most


@pytest.mark.parametrize(("frequency", "target"), SETTINGS)
def test_summarize_reads_like_the_day_by_day_computation(frequency: Frequency, target: int) -> None:
    for seed in range(15):
        rng = random.Random(f"summary-{frequency}-{target}-{seed}")
        today = date(2024, 12, 23) + timedelta(days=rng.randrange(30))
        logs = seed_history(rng, today)
        state = summarize(logs, frequency, target, today)
        for ahead in (0, 1, 2, 5, 13, 90):
            assert_reads_like_reference(state, logs, frequency, target, today + timedelta(ahead))


def test_a_new_frequency_or_target_rerates_the_whole_history() -> None:
    rng = random.Random("rerate")
    today = date(2026, 3, 18)
    logs = seed_history(rng, today) | {today - timedelta(days=n): "done" for n in range(30)}
    for frequency, target in SETTINGS:
        state = summarize(logs, frequency, target, today)
        assert_reads_like_reference(state, logs, frequency, target, today)
