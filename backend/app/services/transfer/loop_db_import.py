"""Read a Loop Habit Tracker backup (.db, SQLite), of any schema version Loop has shipped.

Loop 1.0 (2016) shipped schema version 9 and 2.3 ships 25; the migrations in
uhabits-core/src/jvmMain/resources/migrations/ only add to two tables:
- `Habits(id, name, description, freq_num, freq_den, color, position,
  reminder_hour, reminder_min, highlight, archived)`, then `reminder_days` (11),
  `type` (16: 0 yes/no, 1 measurable), `target_type, target_value, unit` (18),
  `question` (23), `uuid` (24);
- `Repetitions(id, habit, timestamp)`: one row per checked day, `timestamp` the
  day's midnight UTC in milliseconds; then `value` (16: default 2 = checked;
  2.x also stores 0 no, 3 skip, -1 unknown, and amount times 1000 for measurable
  habits) and `notes` (25). Before 22 a day could have two rows: Loop's
  migration kept the first, and so does this reader.
So the reader asks for columns, not versions: what a version lacks takes the
value Loop's migration gave it.
"""

import sqlite3
from collections import defaultdict
from datetime import date, timedelta

from app.errors import UnreadableFile
from app.services.transfer.records import ImportedData, LogStatus
from app.services.transfer.rules import LOOP_YES_MANUAL, finish, from_loop, loop_status

_EPOCH = date(1970, 1, 1)
_MS_PER_DAY = 86_400_000
_HEADER_SIZE = 100
_MEASURABLE = 1
_NEEDED = {"habits": ("id", "name", "freq_num", "freq_den"), "repetitions": ("habit", "timestamp")}

Day = tuple[date, LogStatus, str | None]


def read_loop_db(data: bytes, *, today: date) -> ImportedData:
    """The habits of a Loop backup, in Loop's order; damaged or not Loop's → 422."""
    db = _open(data)
    try:
        tables = _tables(db)
        columns = {table: _columns(db, tables[table]) for table in _NEEDED}
        habit_rows = db.execute(_habits_query(tables["habits"], columns["habits"])).fetchall()
        days = _days(db, tables["repetitions"], columns["repetitions"])
    except sqlite3.Error as error:
        raise UnreadableFile(f"is a damaged SQLite database ({error})") from None
    finally:
        db.close()
    habits = [
        from_loop(
            name=name if isinstance(name, str) else "",
            numerator=numerator if isinstance(numerator, int) else None,
            denominator=denominator if isinstance(denominator, int) else None,
            archived=archived not in (None, 0),
            measurable=kind == _MEASURABLE,
            days=days.get(habit_id, []),
        )
        for habit_id, name, numerator, denominator, archived, kind in habit_rows
    ]
    return finish(habits, today=today, format="loop-db")


def _open(data: bytes) -> sqlite3.Connection:
    if len(data) < _HEADER_SIZE:
        raise UnreadableFile("is a truncated SQLite database")
    image = bytearray(data)
    # A WAL-mode file cannot be opened from memory; its main file is whole without
    # the log once checkpointed, which a backup copy is, so read it as a rollback one.
    if image[18] == 2 and image[19] == 2:
        image[18] = image[19] = 1
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(bytes(image))
        db.execute("PRAGMA query_only = ON")
        verdict = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as error:
        db.close()
        raise UnreadableFile(f"is a damaged SQLite database ({error})") from None
    if verdict != [("ok",)]:
        db.close()
        raise UnreadableFile(f"is a damaged SQLite database ({verdict[0][0]})")
    return db


def _tables(db: sqlite3.Connection) -> dict[str, str]:
    names = {
        name.lower(): name
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not all(table in names for table in _NEEDED):
        raise UnreadableFile(
            "is an SQLite database but not a Loop Habit Tracker backup "
            "(it has no Habits and Repetitions tables)"
        )
    return names


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    found = {row[1].lower() for row in db.execute(f"PRAGMA table_info({_quoted(table)})")}
    missing = [column for column in _NEEDED[table.lower()] if column not in found]
    if missing:
        raise UnreadableFile(
            f"is not a Loop Habit Tracker backup (its {table} table lacks {', '.join(missing)})"
        )
    return found


def _habits_query(table: str, columns: set[str]) -> str:
    archived = "archived" if "archived" in columns else "0"
    kind = "type" if "type" in columns else "0"
    order = "position IS NULL, position, id" if "position" in columns else "id"
    return (
        f"SELECT id, name, freq_num, freq_den, {archived}, {kind} "  # noqa: S608
        f"FROM {_quoted(table)} ORDER BY {order}"
    )


def _days(db: sqlite3.Connection, table: str, columns: set[str]) -> dict[int, list[Day]]:
    value = "value" if "value" in columns else "NULL"
    notes = "notes" if "notes" in columns else "NULL"
    query = (
        f"SELECT habit, timestamp, {value}, {notes} "  # noqa: S608
        f"FROM {_quoted(table)} ORDER BY habit, rowid"
    )
    days: dict[int, list[Day]] = defaultdict(list)
    for habit_id, timestamp, raw_value, note in db.execute(query):
        # Before schema 16 a row was a check; its value column then defaulted to 2.
        status = loop_status(LOOP_YES_MANUAL if raw_value is None else _number(raw_value))
        if status is not None:
            text = note if isinstance(note, str) else None
            days[habit_id].append((_day(_number(timestamp)), status, text))
    return days


def _number(value: object) -> int:
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise UnreadableFile(f"is a damaged Loop backup (a repetition holds {str(value)[:40]!r})")


def _day(timestamp: int) -> date:
    """The day of a Loop timestamp; one out of the calendar's range becomes its edge."""
    try:
        return _EPOCH + timedelta(days=timestamp // _MS_PER_DAY)
    except OverflowError:
        return date.min if timestamp < 0 else date.max


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
