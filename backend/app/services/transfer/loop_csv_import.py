"""Read a Loop Habit Tracker CSV export (.zip): 2.3.1's layout and the older ones.

Habits.csv lists the habits in Loop's order; each habit's history is in the
Checkmarks.csv of its folder `NNN Name/`, NNN being its place in that list
(see `loop_layout`). Scores and the top-level files are derived data and are
not read.
"""

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

from app.errors import UnreadableFile
from app.services.transfer._text import decode_utf8, parse_day
from app.services.transfer.loop_layout import CHECKMARKS_FILE, HABITS_FILE, folder_name
from app.services.transfer.records import ImportedData, LogStatus
from app.services.transfer.rules import (
    LOOP_TOKENS,
    LOOP_VALUES,
    RawHabit,
    finish,
    from_loop,
    loop_status,
)
from app.services.transfer.safe_zip import SafeZip

_LAYOUTS = {
    # 2.3.1 and later; 2.0 to 2.3.0 (and 1.x, with fewer columns).
    "2.3": ("Name", "FrequencyNumerator", "FrequencyDenominator"),
    "older": ("Name", "NumRepetitions", "Interval"),
}
_NEW_ONLY = {"Type", "FrequencyNumerator", "FrequencyDenominator", "Archived?"}
_FOLDER = re.compile(r"(\d+)(?: (.*))?")


def read_loop_zip(data: bytes, *, today: date) -> ImportedData:
    """The habits of a Loop CSV export; a zip that is not one → 422."""
    archive = SafeZip(data)
    root = _root(archive.names)
    folders = _Folders(archive, root)
    rows = _rows(archive.read(root + HABITS_FILE), HABITS_FILE)
    header = next(rows, None)
    if header is None:
        raise UnreadableFile(f"{HABITS_FILE} in the zip is empty")
    layout = "2.3" if _NEW_ONLY & set(header) else "older"
    missing = [column for column in _LAYOUTS[layout] if column not in header]
    if missing:
        raise UnreadableFile(f"{HABITS_FILE} lacks the column(s) {', '.join(missing)}")
    name_col, numerator_col, denominator_col = (header.index(c) for c in _LAYOUTS[layout])
    habits: list[RawHabit] = []
    for line, row in enumerate(rows, 2):
        if not row:
            continue
        if len(row) < len(header):
            raise UnreadableFile(
                f"{HABITS_FILE} line {line} has {len(row)} columns; its header has {len(header)}"
            )
        cells = dict(zip(header, row, strict=False))
        name = row[name_col]
        number = _whole(cells["Position"], HABITS_FILE, line) if "Position" in cells else None
        number = number or len(habits) + 1
        path = folders.find(number, name)
        values = _checkmarks(archive.read(path), path) if path else iter(())
        measurable = cells.get("Type", "").upper() == "NUMERICAL"
        days, numeric_values = _days(values)
        habit = from_loop(
            name=name,
            numerator=_whole(row[numerator_col], HABITS_FILE, line),
            denominator=_whole(row[denominator_col], HABITS_FILE, line),
            archived=_archived(cells.get("Archived?", ""), line),
            # The older layouts have no Type: a measurable habit shows in its values.
            measurable=measurable or ("Type" not in cells and numeric_values),
            days=days,
        )
        if path is None:
            habit.notices.append(f"no {CHECKMARKS_FILE} for it in the zip; imported without days")
        habits.append(habit)
    return finish(habits, today=today, format="loop-csv")


def _root(names: list[str]) -> str:
    """The folder holding Habits.csv: the archive's root, or one folder a re-zip added."""
    candidates = [name for name in names if name.rsplit("/", 1)[-1] == HABITS_FILE]
    if not candidates:
        raise UnreadableFile(f"is a zip without {HABITS_FILE}: not a Loop Habit Tracker CSV export")
    shallowest = min(candidates, key=lambda name: (name.count("/"), name))
    return shallowest[: -len(HABITS_FILE)]


class _Folders:
    """The habit folders of the export, found by number (and name when numbers are odd)."""

    def __init__(self, archive: SafeZip, root: str) -> None:
        self.by_number: dict[int, list[str]] = {}
        self.by_label: dict[str, list[str]] = {}
        for name in archive.names:
            folder, _, file = name.removeprefix(root).rpartition("/")
            if not name.startswith(root) or file != CHECKMARKS_FILE or not folder:
                continue
            if "/" in folder:
                continue
            self.by_label.setdefault(folder, []).append(name)
            if match := _FOLDER.fullmatch(folder):
                self.by_number.setdefault(int(match.group(1)), []).append(name)

    def find(self, number: int, name: str) -> str | None:
        exact = self.by_label.get(folder_name(number, name), [])
        numbered = self.by_number.get(number, [])
        for paths in (exact, numbered):
            if len(paths) == 1:
                return paths[0]
        return None


def _rows(data: bytes, where: str) -> Iterator[list[str]]:
    text = decode_utf8(data, where)
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as error:
        raise UnreadableFile(f"{where} is not valid CSV ({error})") from None


def _checkmarks(data: bytes, where: str) -> Iterator[tuple[date, int, str | None]]:
    """(day, Loop value, note) of each line: 2.3.1 has a header, older files have none."""
    rows = _rows(data, where)
    first = next(rows, None)
    notes_col = None
    if first and first[0] == "Date":
        if "Value" not in first:
            raise UnreadableFile(f"{where} lacks the column Value")
        value_col = first.index("Value")
        notes_col = first.index("Notes") if "Notes" in first else None
        line, numbered = 2, rows
    else:
        value_col, line = 1, 1
        numbered = iter([first, *rows]) if first else rows
    for line_number, row in enumerate(numbered, line):
        if not row:
            continue
        if len(row) <= max(value_col, notes_col or 0):
            raise UnreadableFile(f"{where} line {line_number} lacks a column")
        day = parse_day(row[0], f"{where} line {line_number}")
        value = _value(row[value_col], where, line_number)
        yield day, value, row[notes_col] if notes_col is not None else None


def _days(
    values: Iterator[tuple[date, int, str | None]],
) -> tuple[list[tuple[date, LogStatus, str | None]], bool]:
    """The checked and skipped days, and whether any value was a measurement."""
    days: list[tuple[date, LogStatus, str | None]] = []
    measured = False
    for day, value, note in values:
        status = loop_status(value)
        if status:
            days.append((day, status, note))
        elif value not in LOOP_VALUES:
            measured = True
    return days, measured


def _value(text: str, where: str, line: int) -> int:
    token = text.strip()
    if token in LOOP_TOKENS:
        return LOOP_TOKENS[token]
    if re.fullmatch(r"-?\d{1,18}", token):
        return int(token)
    raise UnreadableFile(f"{where} line {line}: {token[:40]!r} is not a Loop checkmark value")


def _whole(text: str, where: str, line: int) -> int:
    if not re.fullmatch(r"\s*-?\d{1,9}\s*", text):
        raise UnreadableFile(f"{where} line {line}: {text[:40]!r} is not a whole number")
    return int(text)


def _archived(text: str, line: int) -> bool:
    flag = text.strip().lower()
    if flag not in ("", "true", "false"):
        raise UnreadableFile(f"{HABITS_FILE} line {line}: Archived? is {text[:40]!r}")
    return flag == "true"
