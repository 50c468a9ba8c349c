import json
from datetime import UTC, date, datetime, timedelta

import pytest

from app.errors import UnreadableFile, UnsupportedFileFormat
from app.models import Frequency
from app.services.transfer import (
    BadgeRecord,
    DayLog,
    HabitRecord,
    UserProfile,
    read_import,
    write_json,
)
from app.services.transfer.json_format import read_json

TODAY = date(2024, 6, 15)
USER = UserProfile(email="ana@example.com", name="Ana", timezone="Europe/Lisbon", day_start_hour=4)
HABITS = (
    HabitRecord(
        title="Meditate",
        frequency=Frequency.DAILY,
        target=1,
        archived=False,
        position=0,
        created_at=datetime(2024, 1, 2, 3, 4, 5, 600_000, tzinfo=UTC),
        logs={
            date(2024, 6, 14): DayLog("done", 'Calm, "finally"'),
            date(2024, 6, 12): DayLog("skipped"),
            date(2024, 6, 13): DayLog("done"),
        },
    ),
    HabitRecord(
        title="Gym",
        frequency=Frequency.WEEKLY,
        target=3,
        archived=True,
        position=1,
        created_at=datetime(2024, 1, 3, tzinfo=UTC),
        logs={date(2024, 7, 1): DayLog("skipped", "holiday")},
    ),
)
BADGES = (BadgeRecord(code="first_log", achieved_at=datetime(2024, 6, 12, 8, tzinfo=UTC)),)
EXPORTED_AT = datetime(2024, 6, 15, 9, 30, tzinfo=UTC)


def export() -> bytes:
    return write_json(user=USER, habits=HABITS, badges=BADGES, exported_at=EXPORTED_AT)


def document(**changes: object) -> bytes:
    return json.dumps({**json.loads(export()), **changes}).encode()


def test_the_export_has_the_shape_of_the_contract() -> None:
    assert json.loads(export()) == {
        "format": "fitness-habit-tracker",
        "version": 1,
        "exportedAt": "2024-06-15T09:30:00Z",
        "user": {
            "email": "ana@example.com",
            "name": "Ana",
            "timezone": "Europe/Lisbon",
            "dayStartHour": 4,
        },
        "habits": [
            {
                "title": "Meditate",
                "frequency": "daily",
                "target": 1,
                "archived": False,
                "position": 0,
                "createdAt": "2024-01-02T03:04:05.600000Z",
                "logs": [
                    {"date": "2024-06-12", "status": "skipped", "note": None},
                    {"date": "2024-06-13", "status": "done", "note": None},
                    {"date": "2024-06-14", "status": "done", "note": 'Calm, "finally"'},
                ],
            },
            {
                "title": "Gym",
                "frequency": "weekly",
                "target": 3,
                "archived": True,
                "position": 1,
                "createdAt": "2024-01-03T00:00:00Z",
                "logs": [{"date": "2024-07-01", "status": "skipped", "note": "holiday"}],
            },
        ],
        "badges": [{"code": "first_log", "achievedAt": "2024-06-12T08:00:00Z"}],
    }


def test_an_export_reads_back_as_the_same_habits_logs_statuses_and_notes() -> None:
    imported = read_import(export(), today=TODAY)
    assert imported.format == "json"
    assert imported.habits == HABITS
    assert imported.warnings == ()


def test_habits_are_read_in_position_order_and_optional_fields_default() -> None:
    data = document(
        habits=[
            {"title": "B", "frequency": "weekly", "target": 2, "position": 5, "logs": []},
            {"title": "A", "frequency": "daily", "position": 1, "logs": [{"date": "2024-06-01"}]},
        ]
    )
    habits = read_json(data, today=TODAY).habits
    assert [(h.title, h.position, h.archived, h.target) for h in habits] == [
        ("A", 0, False, 1),
        ("B", 1, False, 2),
    ]
    assert habits[0].logs == {date(2024, 6, 1): DayLog("done")}
    assert habits[0].created_at is None


def test_the_day_window_applies_to_json_too() -> None:
    logs = [
        {"date": "1999-12-31", "status": "done", "note": None},
        {"date": (TODAY + timedelta(days=1)).isoformat(), "status": "done", "note": None},
        {"date": (TODAY + timedelta(days=91)).isoformat(), "status": "skipped", "note": None},
    ]
    data = document(habits=[{"title": "Read", "frequency": "daily", "target": 1, "logs": logs}])
    imported = read_json(data, today=TODAY)
    assert imported.habits[0].logs == {}
    assert imported.warnings == (
        '"Read": 1 day before 2000-01-01 left out',
        '"Read": 1 day done after today left out',
        '"Read": 1 day skipped more than 90 days ahead left out',
    )


def test_another_version_is_refused_with_a_clear_detail() -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_import(document(version=2), today=TODAY)
    assert caught.value.status == 422
    assert caught.value.title == "Unprocessable Content"
    assert caught.value.detail == (
        "file: is an export of version 2; this server reads version 1 only"
    )
    assert caught.value.errors == {"file": [caught.value.detail.removeprefix("file: ")]}


@pytest.mark.parametrize("version", [None, "1", True, 1.5])
def test_a_missing_or_odd_version_is_refused(version: object) -> None:
    with pytest.raises(UnreadableFile, match="is an export of version"):
        read_import(document(version=version), today=TODAY)


@pytest.mark.parametrize(
    "data",
    [
        b'{"format": "something-else", "version": 1}',
        b'{"habits": []}',
        b"{}",
    ],
)
def test_json_of_another_app_is_an_unsupported_format(data: bytes) -> None:
    with pytest.raises(UnsupportedFileFormat) as caught:
        read_import(data, today=TODAY)
    assert (caught.value.status, caught.value.title) == (415, "Unsupported Media Type")


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (export()[:-40], "file: is not valid JSON (line 1 column"),
        (b'{"format": "fitness-habit-tracker",', "file: is not valid JSON (line 1 column"),
        (b'{"a": NaN}', "file: is not valid JSON (NaN is not a JSON number)"),
        (b'{"a":' + b"[" * 100_000, "file: is not valid JSON (nested too deeply)"),
        (b'{"format": "fitness-habit-tracker", "\xff": 1}', "file: the JSON file is not UTF-8"),
    ],
)
def test_broken_json_is_refused(data: bytes, detail: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_import(data, today=TODAY)
    assert caught.value.detail.startswith(detail)


def habit(**changes: object) -> dict[str, object]:
    return {"title": "Read", "frequency": "weekly", "target": 3, "logs": [], **changes}


@pytest.mark.parametrize(
    ("habits", "detail"),
    [
        ("none", "habits: Input should be a valid list"),
        ([habit(target=8)], "habits[0].target: Input should be less than or equal to 7"),
        ([habit(target="3")], "habits[0].target: Input should be a valid integer"),
        ([habit(frequency="monthly")], "habits[0].frequency: Input should be 'daily' or 'weekly'"),
        (
            [habit(frequency="daily", target=3)],
            "habits[0]: a daily habit has a target of exactly 1 day",
        ),
        ([habit(title=None)], "habits[0].title: Input should be a valid string"),
        ([habit(archived="yes")], "habits[0].archived: Input should be a valid boolean"),
        (
            [habit(logs=[{"date": "2024-02-30"}])],
            "habits[0].logs[0].date: Input should be a valid date",
        ),
        (
            [habit(logs=[{"date": "15/06/2024"}])],
            "habits[0].logs[0].date: must be a date in the format YYYY-MM-DD",
        ),
        (
            [habit(logs=[{"date": "2024-06-01", "status": "maybe"}])],
            "habits[0].logs[0].status: Input should be 'done' or 'skipped'",
        ),
        (
            [habit(logs=[{"date": "2024-06-01"}, {"date": "2024-06-01", "status": "skipped"}])],
            "habits[0]: two logs on 2024-06-01",
        ),
        ([habit(createdAt=1700000000)], "habits[0].createdAt: must be an ISO 8601 date and time"),
    ],
)
def test_a_wrong_shape_is_refused_naming_the_place(habits: object, detail: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_import(document(habits=habits), today=TODAY)
    assert caught.value.detail.startswith(f"file: is not a valid export: {detail}")


def test_missing_habits_and_a_wrong_badge_are_refused() -> None:
    with pytest.raises(UnreadableFile, match=r"is not a valid export: habits: Field required"):
        read_import(b'{"format": "fitness-habit-tracker", "version": 1}', today=TODAY)
    with pytest.raises(UnreadableFile, match=r"badges\[0\]\.achievedAt: Field required"):
        read_import(document(badges=[{"code": "first_log"}]), today=TODAY)


def test_many_errors_are_summed_up() -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_import(document(habits=[habit(target=9)] * 5), today=TODAY)
    assert caught.value.detail.endswith("(and 2 more)")
