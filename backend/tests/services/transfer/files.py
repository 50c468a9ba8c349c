"""Test inputs: the real Loop 2.3 export (a shared fixture) and zips and Loop backups built here."""

import io
import sqlite3
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FIXTURE = Path("shared") / "fixtures" / "loop-csv-2.3"


def fixture_dir() -> Path:
    """The Loop 2.3 export, beside the repository (`../shared/fixtures` of the repo root)."""
    for folder in Path(__file__).resolve().parents:
        if (folder / FIXTURE / "Habits.csv").is_file():
            return folder / FIXTURE
    raise FileNotFoundError(f"{FIXTURE} is in no folder above {__file__}")


def make_zip(files: Mapping[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def fixture_files() -> dict[str, bytes]:
    root = fixture_dir()
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fixture_zip(prefix: str = "") -> bytes:
    """The fixture as Loop zips it (the folder holds it unzipped)."""
    return make_zip({prefix + name: content for name, content in fixture_files().items()})


# Loop's backup schema, version by version, as its migrations
# (uhabits-core/src/jvmMain/resources/migrations/NN.sql) leave it. Version 9 is
# what Loop 1.0 created through ActiveAndroid, hence the capitalised `Id`.
_V9 = (
    "CREATE TABLE Habits (Id INTEGER PRIMARY KEY AUTOINCREMENT, archived INTEGER, color INTEGER,"
    " description TEXT, freq_den INTEGER, freq_num INTEGER, highlight INTEGER, name TEXT,"
    " position INTEGER, reminder_hour INTEGER, reminder_min INTEGER);"
    "CREATE TABLE Checkmarks (Id INTEGER PRIMARY KEY AUTOINCREMENT, habit INTEGER REFERENCES"
    " Habits(Id), timestamp INTEGER, value INTEGER);"
    "CREATE TABLE Repetitions (Id INTEGER PRIMARY KEY AUTOINCREMENT, habit INTEGER REFERENCES"
    " Habits(Id), timestamp INTEGER);"
    "CREATE TABLE Streak (Id INTEGER PRIMARY KEY AUTOINCREMENT, end INTEGER, habit INTEGER"
    " REFERENCES Habits(Id), length INTEGER, start INTEGER);"
    "CREATE TABLE Score (Id INTEGER PRIMARY KEY AUTOINCREMENT, habit INTEGER REFERENCES"
    " Habits(Id), score INTEGER, timestamp INTEGER);"
)
_CHANGES = {
    11: "ALTER TABLE Habits ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 127;",
    13: "CREATE INDEX idx_repetitions_habit_timestamp ON Repetitions(habit, timestamp);",
    16: "ALTER TABLE Habits ADD COLUMN type INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE Repetitions ADD COLUMN value INTEGER NOT NULL DEFAULT 2;",
    18: "ALTER TABLE Habits ADD COLUMN target_type INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE Habits ADD COLUMN target_value REAL NOT NULL DEFAULT 0;"
    "ALTER TABLE Habits ADD COLUMN unit TEXT NOT NULL DEFAULT '';",
    19: "CREATE TABLE Events (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp INTEGER,"
    " message TEXT, server_id INTEGER);",
    20: "DROP TABLE Checkmarks; DROP TABLE Streak; DROP TABLE Score;",
    # 22 rebuilds Repetitions with NOT NULL columns and one row per habit and day.
    22: "ALTER TABLE Repetitions RENAME TO RepetitionsBak;"
    "CREATE TABLE Repetitions (id INTEGER PRIMARY KEY AUTOINCREMENT, habit INTEGER NOT NULL"
    " REFERENCES habits(id), timestamp INTEGER NOT NULL, value INTEGER NOT NULL);"
    "DROP INDEX IF EXISTS idx_repetitions_habit_timestamp;"
    "CREATE UNIQUE INDEX idx_repetitions_habit_timestamp ON Repetitions(habit, timestamp);"
    "INSERT INTO Repetitions SELECT * FROM RepetitionsBak; DROP TABLE RepetitionsBak;",
    23: "ALTER TABLE Habits ADD COLUMN question TEXT;",
    24: "ALTER TABLE Habits ADD COLUMN uuid TEXT;",
    25: "ALTER TABLE Repetitions ADD COLUMN notes TEXT;",
}
LOOP_VERSIONS = range(9, 26)
MS_PER_DAY = 86_400_000


@dataclass
class LoopHabit:
    name: str
    freq_num: int = 1
    freq_den: int = 1
    position: int = 0
    archived: int = 0
    type: int = 0  # 1: measurable (schema 16 on)


@dataclass
class LoopRepetition:
    habit: int  # the habit's id: its 1-based place in the list given to build_loop_db
    day: date
    value: int = 2  # schema 16 on
    notes: str | None = None  # schema 25 on


def timestamp(day: date) -> int:
    return (day - date(1970, 1, 1)).days * MS_PER_DAY


def build_loop_db(
    version: int, habits: Iterable[LoopHabit], repetitions: Iterable[LoopRepetition] = ()
) -> bytes:
    """A Loop backup of schema `version`, holding only what that version could store."""
    db = sqlite3.connect(":memory:")
    db.executescript(_V9)
    for step in range(10, version + 1):
        db.executescript(_CHANGES.get(step, ""))
    for habit in habits:
        row = {
            "name": habit.name,
            "freq_num": habit.freq_num,
            "freq_den": habit.freq_den,
            "position": habit.position,
            "archived": habit.archived,
            "color": 8,
            "highlight": 0,
            "description": "",
        }
        if version >= 16:
            row["type"] = habit.type
        _insert(db, "Habits", row)
    for repetition in repetitions:
        row = {"habit": repetition.habit, "timestamp": timestamp(repetition.day)}
        if version >= 16:
            row["value"] = repetition.value
        if version >= 25:
            row["notes"] = repetition.notes
        _insert(db, "Repetitions", row)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    data = db.serialize()
    db.close()
    return data


def _insert(db: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))  # noqa: S608
