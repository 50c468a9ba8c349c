"""The import rules of contract §2.2, in one place for every reader.

A reader turns its file into `RawHabit`s, as close to the file as it can; `finish`
then applies what every format shares: the day window, clean titles and notes,
measurable habits left out, positions in file order, and the warnings.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction

from app.models.habit import Frequency
from app.services.transfer.records import DayLog, HabitRecord, ImportedData, LogStatus

EARLIEST_DAY = date(2000, 1, 1)
SKIP_HORIZON_DAYS = 90
TITLE_MAX = 100
NOTE_MAX = 500
UNTITLED = "Untitled habit"

# Loop's entry values (uhabits-core models/Entry.kt); older versions stored only 2.
LOOP_YES_MANUAL = 2
LOOP_SKIP = 3
LOOP_VALUES = frozenset({-1, 0, 1, 2, 3})  # UNKNOWN, NO, YES_AUTO, YES_MANUAL, SKIP
LOOP_TOKENS = {"YES_MANUAL": 2, "YES_AUTO": 1, "NO": 0, "SKIP": 3, "UNKNOWN": -1}

# Whitespace plus the invisible characters that make a title look blank.
_EDGE = r"[\s\u200b\u200c\u200d\u2060\ufeff]+"
_EDGES = re.compile(f"^{_EDGE}|{_EDGE}$")


@dataclass
class RawHabit:
    """A habit as a reader found it. `days` may repeat a date: the first one wins."""

    title: str
    frequency: Frequency
    target: int
    archived: bool
    days: Iterable[tuple[date, LogStatus, str | None]]
    created_at: datetime | None = None
    measurable: bool = False
    notices: list[str] = field(default_factory=list)


def loop_status(value: int) -> LogStatus | None:
    """A Loop checkmark value as a log status; automatic, unchecked and unknown → None."""
    if value == LOOP_YES_MANUAL:
        return "done"
    if value == LOOP_SKIP:
        return "skipped"
    return None


def from_loop(
    *,
    name: str,
    numerator: int | None,
    denominator: int | None,
    archived: bool,
    measurable: bool,
    days: Iterable[tuple[date, LogStatus, str | None]],
) -> RawHabit:
    """A Loop habit, its frequency `numerator` times in `denominator` days mapped to ours."""
    habit = RawHabit(
        title=name,
        frequency=Frequency.DAILY,
        target=1,
        archived=archived,
        days=days,
        measurable=measurable,
    )
    num, den = numerator, denominator
    if num is None or den is None or num <= 0 or den <= 0:
        habit.notices.append(f"frequency {num}/{den} is not valid; imported as daily")
    elif (num, den) == (1, 1):
        pass
    elif den == 7 and num <= 7:
        habit.frequency, habit.target = Frequency.WEEKLY, num
    else:
        # Half up, exactly: 5 times in 14 days is 2.5 a week → 3.
        per_week = int(Fraction(7 * num, den) + Fraction(1, 2))
        habit.frequency, habit.target = Frequency.WEEKLY, min(7, max(1, per_week))
        habit.notices.append(
            f"Loop's frequency of {num} times in {den} days has no exact equivalent; "
            f"imported as weekly, {habit.target} days a week"
        )
    return habit


def clean_title(title: str) -> tuple[str, str | None]:
    """The title as the API accepts it, and a notice when it had to change."""
    text = _EDGES.sub("", title.replace("\x00", ""))
    if not text:
        return UNTITLED, "the habit had no name in the file"
    if len(text) > TITLE_MAX:
        short = _EDGES.sub("", text[:TITLE_MAX])
        return short, f"title shortened to {TITLE_MAX} characters"
    return text, None


def finish(raw_habits: Iterable[RawHabit], *, today: date, format: str) -> ImportedData:
    """Apply the shared rules to a reader's habits, in file order."""
    habits: list[HabitRecord] = []
    warnings: list[str] = []
    latest_skip = today + timedelta(days=SKIP_HORIZON_DAYS)
    for raw in raw_habits:
        title, title_notice = clean_title(raw.title)
        notices = [title_notice] if title_notice else []
        if raw.measurable:
            warnings.append(f'"{title}": measurable (numeric) habits are not imported; left out')
            continue
        notices += raw.notices
        logs: dict[date, DayLog] = {}
        left_out: Counter[str] = Counter()
        shortened = 0
        for day, status, note in raw.days:
            if day in logs:
                continue
            if day < EARLIEST_DAY:
                left_out["before 2000-01-01"] += 1
            elif status == "done" and day > today:
                left_out["done after today"] += 1
            elif day > latest_skip:
                left_out[f"skipped more than {SKIP_HORIZON_DAYS} days ahead"] += 1
            else:
                text, cut = _clean_note(note)
                shortened += cut
                logs[day] = DayLog(status, text)
        for reason, count in left_out.items():
            notices.append(f"{_days(count)} {reason} left out")
        if shortened:
            notices.append(f"{shortened} note(s) shortened to {NOTE_MAX} characters")
        warnings += [f'"{title}": {notice}' for notice in notices]
        habits.append(
            HabitRecord(
                title=title,
                frequency=raw.frequency,
                target=raw.target,
                archived=raw.archived,
                position=len(habits),
                logs=logs,
                created_at=raw.created_at,
            )
        )
    return ImportedData(habits=tuple(habits), warnings=tuple(warnings), format=format)


def _clean_note(note: str | None) -> tuple[str | None, bool]:
    if note is None:
        return None, False
    text = note.replace("\x00", "").strip()
    if len(text) > NOTE_MAX:
        return text[:NOTE_MAX].rstrip(), True
    return text or None, False


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
