"""The contract's streaks and strength (§2, §2.1), day by day over the whole
history: slow and plain, for the tests to hold the stored, incremental path to."""

import math
from datetime import date, timedelta

from app.models import Frequency
from app.services.habit_state import HabitView


def period_start(day: date, frequency: Frequency) -> date:
    return day - timedelta(days=day.weekday()) if frequency is Frequency.WEEKLY else day


def reference_view(
    logs: dict[date, str], frequency: Frequency, target: int, today: date
) -> HabitView:
    done = {day for day, status in logs.items() if status == "done"}
    # A skipped day after today is not reached yet.
    skipped = {day for day, status in logs.items() if status == "skipped" and day <= today}
    length = 7 if frequency is Frequency.WEEKLY else 1
    this_period = period_start(today, frequency)

    current = longest = 0
    if done or skipped:
        period = period_start(min(done | skipped), frequency)
        last = max([this_period, *(period_start(day, frequency) for day in done)])
        while period <= last:
            days = [period + timedelta(days=n) for n in range(length)]
            done_days = sum(day in done for day in days)
            skipped_days = sum(day in skipped for day in days)
            if done_days >= target:
                current += 1
                longest = max(longest, current)
            elif done_days + skipped_days < target and period < this_period:
                current = 0  # a period that is over, neither kept nor bridged
            period += timedelta(days=length)

    f = 1.0 if frequency is Frequency.DAILY else target / 7
    m = 0.5 ** (math.sqrt(f) / 13)
    score = 0.0
    if done and min(done) <= today:
        # flags[i]: whether the day `origin + i` is done, from 13 days before
        # the first done day (the first one's window) to today.
        origin = min(done).toordinal() - 13
        flags = [0] * (today.toordinal() - origin + 1)
        for day in done:
            if day <= today:
                flags[day.toordinal() - origin] = 1
        skipped_days = {day.toordinal() - origin for day in skipped}
        for index in range(13, len(flags)):
            if index in skipped_days:
                continue
            if f == 1.0:
                completion = float(flags[index])
            else:
                completion = min(1.0, sum(flags[index - 13 : index + 1]) / (2 * target))
            score = score * m + completion * (1 - m)

    return HabitView(
        current_streak=current,
        longest_streak=longest,
        total_logs=len(done),
        period_count=sum(1 for day in done if period_start(day, frequency) == this_period),
        today_status=logs.get(today),
        score=score,
    )
