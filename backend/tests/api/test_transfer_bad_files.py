"""POST /import with every file it cannot read: a 4xx problem naming the
trouble, and not one row written (the tables are counted before and after)."""

import io
import sqlite3
import zipfile
from collections.abc import Callable

import pytest
from httpx import AsyncClient
from sqlalchemy.orm import Session

from app.services.data_import import MAX_FILE_BYTES
from tests.services.transfer.files import (
    LoopHabit,
    LoopRepetition,
    build_loop_db,
    fixture_files,
    fixture_zip,
    make_zip,
)
from tests.services.transfer.test_loop_db_import import damaged, other_database
from tests.utils.api import assert_problem, create_habit, days_ago, import_file, log, register
from tests.utils.database import row_counts

WAKE = "002 Wake up early/Checkmarks.csv"
HEADER = fixture_files()["Habits.csv"].decode().splitlines()[0]
LOOP_DB = build_loop_db(25, [LoopHabit("Walk")], [LoopRepetition(1, days_ago(1))])


def with_file(name: str, content: str | bytes) -> bytes:
    return make_zip({**fixture_files(), name: content})


def too_many_entries() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Habits.csv", fixture_files()["Habits.csv"])
        for number in range(10_000):
            archive.writestr(f"d/{number}", b"")
    return buffer.getvalue()


def not_loops_schema() -> bytes:
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE Habits (id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE Repetitions (id INTEGER PRIMARY KEY, habit INTEGER, timestamp INTEGER);"
    )
    return db.serialize()


# (name, the file, status, the start of the problem's `detail`)
BAD_FILES: list[tuple[str, Callable[[], bytes], int, str]] = [
    ("empty", lambda: b"", 422, "file: is empty"),
    ("blank", lambda: b" \n\t ", 422, "file: is empty"),
    ("truncated zip", lambda: fixture_zip()[: len(fixture_zip()) // 2], 422, "file: is not a"),
    ("truncated JSON", lambda: b'{"format": "fitness-habit-tracker", "vers', 422, "file: is not"),
    (
        "zip bomb, over 50 MiB uncompressed",
        lambda: make_zip({"Habits.csv": b"0" * (51 * 2**20)}),
        422,
        "file: is a zip over 50 MiB uncompressed",
    ),
    (
        "zip of over 10,000 entries",
        too_many_entries,
        422,
        "file: is a zip with more than 10,000 entries",
    ),
    (
        "zip entry with ../",
        lambda: with_file("../Habits.csv", "x"),
        422,
        "file: holds the zip entry '../Habits.csv', a path outside the archive",
    ),
    (
        "zip entry with an absolute path",
        lambda: with_file("/etc/Habits.csv", "x"),
        422,
        "file: holds the zip entry '/etc/Habits.csv', a path outside the archive",
    ),
    (
        "CSV missing columns",
        lambda: with_file("Habits.csv", HEADER.replace(",FrequencyDenominator", "") + "\n"),
        422,
        "file: Habits.csv lacks the column(s) FrequencyDenominator",
    ),
    (
        "CSV with a bad date",
        lambda: with_file(WAKE, "Date,Value,Notes\n2015-01-25,YES_MANUAL,\n2015-13-01,NO,\n"),
        422,
        f"file: {WAKE} line 3: '2015-13-01' is not a date in the format YYYY-MM-DD",
    ),
    (
        "SQLite that is not Loop's",
        other_database,
        422,
        "file: is an SQLite database but not a Loop Habit Tracker backup",
    ),
    (
        "SQLite with another Habits table",
        not_loops_schema,
        422,
        "file: is not a Loop Habit Tracker backup (its Habits table lacks",
    ),
    ("damaged SQLite", damaged, 422, "file: is a damaged SQLite database"),
    ("truncated SQLite", lambda: LOOP_DB[:99], 422, "file: is a truncated SQLite database"),
    (
        "JSON export of another version",
        lambda: b'{"format": "fitness-habit-tracker", "version": 2, "habits": []}',
        422,
        "file: is an export of version 2; this server reads version 1 only",
    ),
    (
        "JSON of a wrong shape",
        lambda: b'{"format": "fitness-habit-tracker", "version": 1, "habits": [{"title": 1}]}',
        422,
        "file: is not a valid export: habits[0].title",
    ),
    (
        "JSON of another app",
        lambda: b'{"habits": []}',
        415,
        "The JSON file is not an export of this app",
    ),
    ("an image", lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), 415, "The file is none of the formats"),
]


@pytest.fixture
async def account(client: AsyncClient) -> dict[str, str]:
    """A user who has a habit, a log and a badge already: none of them may change."""
    headers = await register(client)
    habit = await create_habit(client, headers, title="Wake up early")
    assert (await log(client, headers, habit["id"], days_ago(1))).status_code == 201
    return headers


@pytest.mark.parametrize(
    ("data", "status", "detail"),
    [pytest.param(make, status, detail, id=name) for name, make, status, detail in BAD_FILES],
)
async def test_a_file_it_cannot_read_is_refused_and_nothing_is_written(
    client: AsyncClient,
    session: Session,
    account: dict[str, str],
    data: Callable[[], bytes],
    status: int,
    detail: str,
) -> None:
    before = row_counts(session)
    problem = assert_problem(await import_file(client, account, data()), status)
    assert problem["detail"].startswith(detail), problem["detail"]
    if status == 422:
        assert list(problem["errors"]) == ["file"]
    assert row_counts(session) == before


async def test_a_file_over_10_mib_is_413_and_nothing_is_written(
    client: AsyncClient, session: Session, account: dict[str, str]
) -> None:
    before = row_counts(session)
    # A valid export padded past the limit: the size alone refuses it.
    padded = b'{"format": "fitness-habit-tracker", "version": 1, "habits": []}'
    padded += b" " * (MAX_FILE_BYTES + 1 - len(padded))
    problem = assert_problem(await import_file(client, account, padded), 413)
    assert problem["detail"] == "The file is larger than 10 MiB."
    # As a text field too, and a body far past the limit is refused before it is read.
    response = await client.post("/import", data={"file": padded.decode()}, headers=account)
    assert_problem(response, 413)
    assert_problem(await import_file(client, account, padded + bytes(2**20)), 413)
    assert row_counts(session) == before


async def test_exactly_10_mib_is_read(client: AsyncClient, account: dict[str, str]) -> None:
    padded = b'{"format": "fitness-habit-tracker", "version": 1, "habits": []}'
    padded += b" " * (MAX_FILE_BYTES - len(padded))
    response = await import_file(client, account, padded)
    assert response.status_code == 200, response.text
    assert response.json()["habitsCreated"] == 0


async def test_other_routes_keep_the_1_mib_limit(client: AsyncClient) -> None:
    headers = await register(client)
    big = {"title": "x" * (2**20), "frequency": "daily"}
    assert_problem(await client.post("/habits", json=big, headers=headers), 413)
