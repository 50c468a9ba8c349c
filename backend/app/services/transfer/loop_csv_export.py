"""The Loop CSV export (contract §2.2): a zip in the layout of Loop Habit Tracker 2.3.

Written as Loop's `HabitsCSVExporter` writes it: the same entries in the same
order, LF line ends, opencsv's quoting, a trailing comma on every line of the
top-level files, scores with 4 decimals, newest day first; a day before a
habit's first log is UNKNOWN in the top-level grid, as in Loop. One liberty:
Loop writes the top-level header's habit names unquoted, this quotes a name
holding a comma or a quote so that the file still parses.
"""

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.models.habit import Frequency
from app.services.transfer.loop_layout import (
    CHECKMARKS_COLUMNS,
    CHECKMARKS_FILE,
    DEFAULT_COLOR,
    HABITS_COLUMNS,
    HABITS_FILE,
    SCORES_COLUMNS,
    SCORES_FILE,
    csv_cell,
    csv_line,
    folder_name,
)
from app.services.transfer.records import HabitRecord

_TOKENS = {"done": "YES_MANUAL", "skipped": "SKIP"}
_NOT_DONE = "NO"
_NO_DATA = "UNKNOWN"
_FOUR_PLACES = Decimal("0.0001")


def write_loop_zip(
    habits: Sequence[HabitRecord], scores: Sequence[Mapping[date, float]], *, today: date
) -> bytes:
    """The zip, for `habits` in the given order, `scores[i]` being habit i's daily strength.

    A habit's files run from its first log to today, or to its last log when that
    is later (a planned break); the top-level files from the earliest first log.
    A day missing from a habit's scores keeps the day before's value.
    """
    if len(scores) != len(habits):
        raise ValueError("one score series per habit")
    firsts = [min(habit.logs) if habit.logs else None for habit in habits]
    end = max([today, *(max(habit.logs) for habit in habits if habit.logs)])
    files = {HABITS_FILE: _habits_csv(habits)}
    strengths: list[dict[date, float]] = []
    for number, (habit, series, first) in enumerate(zip(habits, scores, firsts, strict=True), 1):
        folder = folder_name(number, habit.title)
        checkmarks = [csv_line(list(CHECKMARKS_COLUMNS))]
        habit_scores = [csv_line(list(SCORES_COLUMNS))]
        if first is None:
            strengths.append({})
            habit_scores.append(csv_line([today.isoformat(), _score(series.get(today, 0.0))]))
        else:
            strength = _carried(series, first, end)
            strengths.append(strength)
            for day in _days_newest_first(first, max(today, max(habit.logs))):
                log = habit.logs.get(day)
                token, note = (_TOKENS[log.status], log.note or "") if log else (_NOT_DONE, "")
                iso = day.isoformat()
                checkmarks.append(f"{iso},{token},{csv_cell(note)}\n")
                habit_scores.append(f"{iso},{_score(strength[day])}\n")
        files[f"{folder}/{SCORES_FILE}"] = "".join(habit_scores)
        files[f"{folder}/{CHECKMARKS_FILE}"] = "".join(checkmarks)
    start = min((first for first in firsts if first), default=None)
    days = _days_newest_first(start, end) if start else []
    titles = [habit.title for habit in habits]
    files[SCORES_FILE] = _grid(
        titles, days, [[_score(strength.get(day, 0.0)) for strength in strengths] for day in days]
    )
    files[CHECKMARKS_FILE] = _grid(
        titles,
        days,
        [
            [_token(habit, first, day) for habit, first in zip(habits, firsts, strict=True)]
            for day in days
        ],
    )
    return _zip(files, today)


def _loop_frequency(habit: HabitRecord) -> tuple[int, int]:
    return (1, 1) if habit.frequency is Frequency.DAILY else (habit.target, 7)


def _habits_csv(habits: Sequence[HabitRecord]) -> str:
    lines = [csv_line(list(HABITS_COLUMNS))]
    for number, habit in enumerate(habits, 1):
        numerator, denominator = _loop_frequency(habit)
        # Question, description, unit and the numeric target stay empty.
        lines.append(
            csv_line(
                [
                    f"{number:03d}",
                    habit.title,
                    "YES_NO",
                    "",
                    "",
                    str(numerator),
                    str(denominator),
                    DEFAULT_COLOR,
                    "",
                    "",
                    "",
                    "true" if habit.archived else "false",
                ]
            )
        )
    return "".join(lines)


def _days_newest_first(first: date, last: date) -> list[date]:
    return [last - timedelta(days=offset) for offset in range((last - first).days + 1)]


def _carried(series: Mapping[date, float], first: date, last: date) -> dict[date, float]:
    values: dict[date, float] = {}
    value = 0.0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        value = series.get(day, value)
        values[day] = value
    return values


def _score(value: float) -> str:
    # Java's %.4f rounds the shortest decimal form of the double half up;
    # Python's would round the binary value half to even.
    return str(Decimal(repr(value)).quantize(_FOUR_PLACES, rounding=ROUND_HALF_UP))


def _token(habit: HabitRecord, first: date | None, day: date) -> str:
    if first is None or day < first:
        return _NO_DATA
    log = habit.logs.get(day)
    return _TOKENS[log.status] if log else _NOT_DONE


def _grid(titles: list[str], days: list[date], rows: list[list[str]]) -> str:
    # Loop writes these two files by hand: every line ends with a comma.
    lines = ["Date," + "".join(f"{csv_cell(title)}," for title in titles) + "\n"]
    lines += [
        f"{day.isoformat()}," + "".join(f"{cell}," for cell in row) + "\n"
        for day, row in zip(days, rows, strict=True)
    ]
    return "".join(lines)


def _zip(files: dict[str, str], today: date) -> bytes:
    buffer = io.BytesIO()
    stamp = (max(today.year, 1980), today.month, today.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, text.encode())
    return buffer.getvalue()
