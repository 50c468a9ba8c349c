import io
import zipfile
from datetime import date, timedelta

import pytest

from app.models import Frequency
from app.services.transfer import DayLog, HabitRecord, read_import, write_loop_zip
from tests.services.transfer.files import fixture_files

# The fixture is Loop's export as of 2015-01-25.
TODAY = date(2015, 1, 25)


def habit(title: str, logs: dict[date, DayLog], **changes: object) -> HabitRecord:
    fields: dict[str, object] = {
        "frequency": Frequency.DAILY,
        "target": 1,
        "archived": False,
        "position": 0,
    }
    return HabitRecord(title=title, logs=logs, **{**fields, **changes})  # type: ignore[arg-type]


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def fixture_scores(folder: str) -> dict[date, float]:
    lines = fixture_files()[f"{folder}/Scores.csv"].decode().splitlines()[1:]
    return {
        date.fromisoformat(day): float(score) for day, score in (line.split(",") for line in lines)
    }


DONE = [16, 17, 20, 21, 22, 25]
MEDITATE = habit("Meditate", {})
WAKE_UP = habit(
    "Wake up early",
    {date(2015, 1, day): DayLog("done") for day in DONE},
    position=1,
)


def export() -> dict[str, bytes]:
    scores = [{}, fixture_scores("002 Wake up early")]
    return entries(write_loop_zip([MEDITATE, WAKE_UP], scores, today=TODAY))


def test_the_entries_are_loops_in_loops_order() -> None:
    assert list(export()) == [
        "Habits.csv",
        "001 Meditate/Scores.csv",
        "001 Meditate/Checkmarks.csv",
        "002 Wake up early/Scores.csv",
        "002 Wake up early/Checkmarks.csv",
        "Scores.csv",
        "Checkmarks.csv",
    ]


def test_files_loop_would_write_alike_are_byte_for_byte_the_fixture() -> None:
    files, expected = export(), fixture_files()
    for name in (
        "001 Meditate/Checkmarks.csv",
        "001 Meditate/Scores.csv",
        "002 Wake up early/Scores.csv",
        "Scores.csv",
    ):
        assert files[name] == expected[name], name


def test_habits_csv_has_loops_header_and_our_frequencies() -> None:
    gym = habit("Gym, weights", {}, frequency=Frequency.WEEKLY, target=3, archived=True)
    files = entries(write_loop_zip([MEDITATE, gym], [{}, {}], today=TODAY))
    assert files["Habits.csv"] == (
        b"Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
        b"Color,Unit,Target Type,Target Value,Archived?\n"
        b"001,Meditate,YES_NO,,,1,1,#00897B,,,,false\n"
        b'002,"Gym, weights",YES_NO,,,3,7,#00897B,,,,true\n'
    )
    assert fixture_files()["Habits.csv"].splitlines()[0] == files["Habits.csv"].splitlines()[0]
    # Loop writes names unquoted here; quoting one with a comma keeps the grid parseable.
    assert files["Checkmarks.csv"] == b'Date,Meditate,"Gym, weights",\n'


def test_checkmarks_run_newest_first_with_notes_quoted_as_loop_does() -> None:
    logs = {
        date(2015, 1, 25): DayLog("done"),
        date(2015, 1, 23): DayLog("done", "Forgot to do it, really"),
        date(2015, 1, 22): DayLog("skipped", '"Vacation"'),
        date(2015, 1, 21): DayLog("done", "Sick"),
    }
    files = entries(write_loop_zip([habit("Wake up early", logs)], [{}], today=TODAY))
    assert files["001 Wake up early/Checkmarks.csv"] == (
        b"Date,Value,Notes\n"
        b"2015-01-25,YES_MANUAL,\n"
        b"2015-01-24,NO,\n"
        b'2015-01-23,YES_MANUAL,"Forgot to do it, really"\n'
        b'2015-01-22,SKIP,"""Vacation"""\n'
        b"2015-01-21,YES_MANUAL,Sick\n"
    )
    fixture = fixture_files()["002 Wake up early/Checkmarks.csv"].splitlines()
    assert b'2015-01-23,YES_AUTO,"Forgot to do it, really"' in fixture
    assert b'2015-01-19,YES_AUTO,"""Vacation"""' in fixture


def test_the_top_level_checkmarks_are_loops_grid() -> None:
    assert export()["Checkmarks.csv"] == (
        b"Date,Meditate,Wake up early,\n"
        + b"".join(
            f"2015-01-{day},UNKNOWN,{'YES_MANUAL' if day in DONE else 'NO'},\n".encode()
            for day in range(25, 15, -1)
        )
    )


def test_a_planned_break_after_today_is_exported_and_scores_carry_over() -> None:
    logs = {TODAY: DayLog("done"), TODAY + timedelta(days=2): DayLog("skipped")}
    data = write_loop_zip([habit("Read", logs)], [{TODAY: 0.051922}], today=TODAY)
    files = entries(data)
    assert files["001 Read/Checkmarks.csv"] == (
        b"Date,Value,Notes\n2015-01-27,SKIP,\n2015-01-26,NO,\n2015-01-25,YES_MANUAL,\n"
    )
    assert files["001 Read/Scores.csv"] == (
        b"Date,Score\n2015-01-27,0.0519\n2015-01-26,0.0519\n2015-01-25,0.0519\n"
    )
    assert files["Checkmarks.csv"].splitlines()[1] == b"2015-01-27,SKIP,"


def test_scores_round_half_up_like_java() -> None:
    data = write_loop_zip([habit("Read", {TODAY: DayLog("done")})], [{TODAY: 0.00015}], today=TODAY)
    assert entries(data)["001 Read/Scores.csv"] == b"Date,Score\n2015-01-25,0.0002\n"


def test_folder_names_are_sanitized_as_loop_does() -> None:
    habits = [habit("Café / gym: 5km!", {}), habit("冥想", {}), habit("a" * 150, {})]
    names = list(entries(write_loop_zip(habits, [{}, {}, {}], today=TODAY)))
    assert names[1:7] == [
        "001 Caf  gym 5km/Scores.csv",
        "001 Caf  gym 5km/Checkmarks.csv",
        "002/Scores.csv",
        "002/Checkmarks.csv",
        f"003 {'a' * 100}/Scores.csv",
        f"003 {'a' * 100}/Checkmarks.csv",
    ]


def test_no_habits_and_no_logs_give_headers_only() -> None:
    assert entries(write_loop_zip([], [], today=TODAY)) == {
        "Habits.csv": fixture_files()["Habits.csv"].splitlines(keepends=True)[0],
        "Scores.csv": b"Date,\n",
        "Checkmarks.csv": b"Date,\n",
    }
    with pytest.raises(ValueError, match="one score series per habit"):
        write_loop_zip([MEDITATE], [], today=TODAY)


def test_a_loop_export_reads_back_as_the_same_habits_and_days() -> None:
    habits = [
        habit("Meditate", {TODAY: DayLog("done", "calm"), date(2015, 1, 2): DayLog("skipped")}),
        habit("Meditate", {}, position=1, archived=True),
        habit(
            'Gym, "heavy" / legs',
            {date(2014, 12, 1): DayLog("done"), TODAY + timedelta(days=3): DayLog("skipped")},
            frequency=Frequency.WEEKLY,
            target=3,
            position=2,
        ),
        habit(
            "冥想",
            {date(2015, 1, 20): DayLog("done")},
            frequency=Frequency.WEEKLY,
            target=7,
            position=3,
        ),
    ]
    imported = read_import(write_loop_zip(habits, [{}] * 4, today=TODAY), today=TODAY)
    assert imported.format == "loop-csv"
    assert imported.habits == tuple(habits)
    assert imported.warnings == ()
