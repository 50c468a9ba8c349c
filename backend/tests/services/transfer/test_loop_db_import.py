import sqlite3
from datetime import date, timedelta

import pytest

from app.errors import UnreadableFile
from app.models import Frequency
from app.services.transfer import DayLog, HabitRecord, read_import
from tests.services.transfer.files import (
    LOOP_VERSIONS,
    MS_PER_DAY,
    LoopHabit,
    LoopRepetition,
    build_loop_db,
)

TODAY = date(2024, 6, 15)
D1, D2, D3 = date(2024, 6, 1), date(2024, 6, 2), date(2024, 6, 3)

# Ids 1..4 in this order; Loop's order is by `position`.
HABITS = [
    LoopHabit("Wake up early", freq_num=2, freq_den=3, position=2),
    LoopHabit("Gym", freq_num=3, freq_den=7, position=0, archived=1),
    LoopHabit("Read", position=1),
    LoopHabit("Read", position=3),
]
REPETITIONS = [
    LoopRepetition(2, D1),
    LoopRepetition(2, D2, value=3, notes="sore"),  # a skip from 2.0 on
    LoopRepetition(3, D1, notes="chapter 3"),
    LoopRepetition(3, D2, value=0),  # "no", stored by 2.x
    LoopRepetition(3, D3, value=-1),  # "unknown"
    LoopRepetition(1, D3, value=1),  # "automatic"
    LoopRepetition(4, D3),
    LoopRepetition(9, D3),  # a habit that is gone
]


def expected(version: int) -> tuple[HabitRecord, ...]:
    notes = version >= 25
    if version >= 16:
        gym = {D1: DayLog("done"), D2: DayLog("skipped", "sore" if notes else None)}
        read = {D1: DayLog("done", "chapter 3" if notes else None)}
        wake: dict[date, DayLog] = {}
    else:  # every row was a check
        gym = {D1: DayLog("done"), D2: DayLog("done")}
        read = {D1: DayLog("done"), D2: DayLog("done"), D3: DayLog("done")}
        wake = {D3: DayLog("done")}
    return (
        HabitRecord("Gym", Frequency.WEEKLY, 3, True, 0, gym),
        HabitRecord("Read", Frequency.DAILY, 1, False, 1, read),
        HabitRecord("Wake up early", Frequency.WEEKLY, 5, False, 2, wake),
        HabitRecord("Read", Frequency.DAILY, 1, False, 3, {D3: DayLog("done")}),
    )


@pytest.mark.parametrize("version", LOOP_VERSIONS)
def test_every_schema_version_loop_shipped_imports(version: int) -> None:
    imported = read_import(build_loop_db(version, HABITS, REPETITIONS), today=TODAY)
    assert imported.format == "loop-db"
    assert imported.habits == expected(version)
    assert imported.warnings == (
        '"Wake up early": Loop\'s frequency of 2 times in 3 days has no exact equivalent; '
        "imported as weekly, 5 days a week",
    )


@pytest.mark.parametrize("version", [16, 22, 25])
def test_measurable_habits_are_left_out(version: int) -> None:
    habits = [LoopHabit("Run", type=1), LoopHabit("Walk", position=1)]
    repetitions = [LoopRepetition(1, D1, value=5000), LoopRepetition(2, D1)]
    imported = read_import(build_loop_db(version, habits, repetitions), today=TODAY)
    assert [habit.title for habit in imported.habits] == ["Walk"]
    assert imported.warnings == ('"Run": measurable (numeric) habits are not imported; left out',)


@pytest.mark.parametrize("version", [9, 21])
def test_before_schema_22_the_first_row_of_a_day_wins(version: int) -> None:
    later_same_day = LoopRepetition(1, D1)
    db = build_loop_db(version, [LoopHabit("Walk")], [LoopRepetition(1, D1), later_same_day])
    assert read_import(db, today=TODAY).habits[0].logs == {D1: DayLog("done")}


def test_a_timestamp_within_the_day_and_out_of_range_ones() -> None:
    data = build_loop_db(25, [LoopHabit("Walk")])
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    base = (D1 - date(1970, 1, 1)).days * MS_PER_DAY
    for stamp in (base + 3_600_000, float(base), -(10**18), 10**18, 0):
        db.execute("INSERT INTO Repetitions (habit, timestamp, value) VALUES (1, ?, 2)", [stamp])
    db.commit()
    imported = read_import(db.serialize(), today=TODAY)
    assert imported.habits[0].logs == {D1: DayLog("done")}
    assert imported.warnings == (
        '"Walk": 2 days before 2000-01-01 left out',
        '"Walk": 1 day done after today left out',
    )


def test_a_wal_mode_backup_reads() -> None:
    data = bytearray(build_loop_db(25, [LoopHabit("Walk")], [LoopRepetition(1, D1)]))
    data[18] = data[19] = 2
    assert read_import(bytes(data), today=TODAY).habits[0].logs == {D1: DayLog("done")}


def test_a_five_year_backup_of_twenty_habits_reads_whole() -> None:
    days = [TODAY - timedelta(days=offset) for offset in range(5 * 365)]
    habits = [LoopHabit(f"Habit {n}", position=n) for n in range(20)]
    repetitions = [LoopRepetition(n + 1, day) for n in range(20) for day in days]
    imported = read_import(build_loop_db(25, habits, repetitions), today=TODAY)
    assert [len(habit.logs) for habit in imported.habits] == [len(days)] * 20


def other_database() -> bytes:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('hello')")
    db.commit()
    return db.serialize()


def without_column() -> bytes:
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE Habits (id INTEGER PRIMARY KEY, name TEXT, freq_num INTEGER);"
        "CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER);"
    )
    return db.serialize()


def text_timestamp() -> bytes:
    db = sqlite3.connect(":memory:")
    db.deserialize(build_loop_db(25, [LoopHabit("Walk")]))
    db.execute("INSERT INTO Repetitions (habit, timestamp, value) VALUES (1, 'yesterday', 2)")
    db.commit()
    return db.serialize()


def damaged() -> bytes:
    many = [LoopRepetition(1, D1 - timedelta(days=offset)) for offset in range(2000)]
    data = bytearray(build_loop_db(25, HABITS, many))
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):
        data[page * page_size : page * page_size + 8] = b"\xff" * 8
    return bytes(data)


def rows_out_of_order() -> bytes:
    """Sound enough to query, but quick_check finds the rowids of a page out of order."""
    many = [LoopRepetition(1, D1 - timedelta(days=offset)) for offset in range(3000)]
    data = bytearray(build_loop_db(25, [LoopHabit("Walk")], many))
    page_size = int.from_bytes(data[16:18], "big")
    for start in range(page_size, len(data), page_size):
        cells = int.from_bytes(data[start + 3 : start + 5], "big")
        if data[start] == 0x0D and cells > 10:  # a table leaf page: swap two cell pointers
            first, middle = start + 8, start + 8 + 2 * (cells // 2)
            data[first : first + 2], data[middle : middle + 2] = (
                data[middle : middle + 2],
                data[first : first + 2],
            )
            return bytes(data)
    raise AssertionError("no table leaf page")


LOOP_25 = build_loop_db(25, HABITS, REPETITIONS)


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (other_database(), "is an SQLite database but not a Loop Habit Tracker backup"),
        (without_column(), "is not a Loop Habit Tracker backup (its Habits table lacks freq_den)"),
        (text_timestamp(), "is a damaged Loop backup (a repetition holds 'yesterday')"),
        (LOOP_25[:99], "is a truncated SQLite database"),
        (LOOP_25[: len(LOOP_25) // 2], "is a damaged SQLite database"),
        (damaged(), "is a damaged SQLite database"),
        (rows_out_of_order(), "is a damaged SQLite database (*** in database main ***"),
        (b"SQLite format 3\x00" + bytes(4000), "is a damaged SQLite database"),
    ],
)
def test_a_database_that_is_not_a_sound_loop_backup_is_refused(data: bytes, detail: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_import(data, today=TODAY)
    assert caught.value.status == 422
    assert caught.value.detail.startswith(f"file: {detail}")
