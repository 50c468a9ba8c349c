from datetime import date

import pytest

from app.errors import UnreadableFile
from app.models import Frequency
from app.services.transfer import DayLog, HabitRecord, read_import
from tests.services.transfer.files import fixture_files, fixture_zip, make_zip

TODAY = date(2025, 1, 1)
# Wake up early, by hand from "002 Wake up early/Checkmarks.csv": YES_MANUAL on
# these days; YES_AUTO (automatic), NO and their notes import nothing.
WAKE_UP_DONE = [date(2015, 1, day) for day in (16, 17, 20, 21, 22, 25)]
FREQUENCY_WARNING = (
    '"Wake up early": Loop\'s frequency of 2 times in 3 days has no exact equivalent; '
    "imported as weekly, 5 days a week"
)


def test_the_loop_2_3_fixture_imports_as_expected() -> None:
    imported = read_import(fixture_zip(), today=TODAY)
    assert imported.format == "loop-csv"
    assert imported.habits == (
        HabitRecord("Meditate", Frequency.DAILY, 1, archived=False, position=0, logs={}),
        HabitRecord(
            "Wake up early",
            Frequency.WEEKLY,
            5,  # 2 in 3 days = 4.67 a week
            archived=False,
            position=1,
            logs={day: DayLog("done", None) for day in WAKE_UP_DONE},
        ),
    )
    assert imported.warnings == (FREQUENCY_WARNING,)


def test_done_days_after_the_users_today_are_left_out() -> None:
    imported = read_import(fixture_zip(), today=date(2015, 1, 21))
    assert sorted(imported.habits[1].logs) == WAKE_UP_DONE[:4]
    assert imported.warnings == (
        FREQUENCY_WARNING,
        '"Wake up early": 2 days done after today left out',
    )


def test_a_zip_of_the_export_folder_reads_the_same() -> None:
    nested = read_import(fixture_zip("Loop Habits CSV 2015-01-25/"), today=TODAY)
    assert nested == read_import(fixture_zip(), today=TODAY)


def test_notes_skips_archived_measurable_and_same_names_in_the_2_3_layout() -> None:
    files = {
        "Habits.csv": (
            "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
            "Color,Unit,Target Type,Target Value,Archived?\n"
            "001,Read,YES_NO,,,3,7,#00897B,,,,true\n"
            "002,Run,NUMERICAL,How far?,,1,1,#00897B,km,AT_LEAST,5.0,false\n"
            "003,Read,YES_NO,,,1,1,#00897B,,,,false\n"
        ),
        "001 Read/Checkmarks.csv": (
            "Date,Value,Notes\n"
            '2024-06-03,SKIP,"Ill, in bed"\n'
            '2024-06-02,YES_MANUAL,"Line one\nline two"\n'
            "2024-06-01,UNKNOWN,\n"
        ),
        "002 Run/Checkmarks.csv": "Date,Value,Notes\n2024-06-01,5000,\n",
        "003 Read/Checkmarks.csv": "Date,Value,Notes\n2024-06-03,YES_MANUAL,\n",
    }
    imported = read_import(make_zip(files), today=TODAY)
    assert imported.habits == (
        HabitRecord(
            "Read",
            Frequency.WEEKLY,
            3,
            archived=True,
            position=0,
            logs={
                date(2024, 6, 3): DayLog("skipped", "Ill, in bed"),
                date(2024, 6, 2): DayLog("done", "Line one\nline two"),
            },
        ),
        HabitRecord(
            "Read",
            Frequency.DAILY,
            1,
            archived=False,
            position=1,
            logs={date(2024, 6, 3): DayLog("done")},
        ),
    )
    assert imported.warnings == ('"Run": measurable (numeric) habits are not imported; left out',)


OLD_HABITS = (
    "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
    "001,Meditate,Did you meditate?,,1,1,#FF8F00\n"
    "002,Wake up early,,,2,3,#00897B\n"
    "003,Distance,,,1,1,#00897B\n"
    "004,Stretch,,,5,7,#00897B\n"
)
# Loop 2.0 to 2.3.0: no header, numeric values (2 checked, 1 automatic, 0 not, 3 skipped).
OLD_FILES = {
    "Habits.csv": OLD_HABITS,
    "001 Meditate/Checkmarks.csv": "2024-06-03,2\n2024-06-02,3\n2024-06-01,0\n",
    "001 Meditate/Scores.csv": "2024-06-03,0.1000\n",
    "002 Wake up early/Checkmarks.csv": "2024-06-03,1\n2024-06-02,2\n",
    "003 Distance/Checkmarks.csv": "2024-06-03,12500\n2024-06-02,2\n",
    "Checkmarks.csv": "Date,Meditate,Wake up early,Distance,\n2024-06-03,2,1,12500,\n",
}
OLD_MEDITATE = {date(2024, 6, 3): DayLog("done"), date(2024, 6, 2): DayLog("skipped")}


def test_the_older_layout_imports() -> None:
    imported = read_import(make_zip(OLD_FILES), today=TODAY)
    assert imported.habits == (
        HabitRecord("Meditate", Frequency.DAILY, 1, False, 0, OLD_MEDITATE),
        HabitRecord(
            "Wake up early", Frequency.WEEKLY, 5, False, 1, {date(2024, 6, 2): DayLog("done")}
        ),
        HabitRecord("Stretch", Frequency.WEEKLY, 5, False, 2, {}),
    )
    assert imported.warnings == (
        FREQUENCY_WARNING,
        '"Distance": measurable (numeric) habits are not imported; left out',
        '"Stretch": no Checkmarks.csv for it in the zip; imported without days',
    )


def test_loop_1_x_layouts_without_question_or_position_import() -> None:
    checkmarks = "2024-06-01,0\n2024-06-02,2\n2024-06-03,1\n"
    for header, row in (
        ("Position,Name,Description,NumRepetitions,Interval,Color", "001,Walk,,1,1,#00897B"),
        ("Name,Description,NumRepetitions,Interval,Color", "Walk,,1,1,#00897B"),
    ):
        files = {"Habits.csv": f"{header}\n{row}\n", "001 Walk/Checkmarks.csv": checkmarks}
        imported = read_import(make_zip(files), today=TODAY)
        assert imported.habits == (
            HabitRecord("Walk", Frequency.DAILY, 1, False, 0, {date(2024, 6, 2): DayLog("done")}),
        )


def test_positions_in_arabic_indic_digits_are_read() -> None:
    # Before 2.3.1 Loop formatted Position in the phone's locale (no Locale.US).
    files = {
        "Habits.csv": OLD_HABITS.replace("001,", "\u0660\u0660\u0661,", 1),
        "001 Meditate/Checkmarks.csv": OLD_FILES["001 Meditate/Checkmarks.csv"],
    }
    assert read_import(make_zip(files), today=TODAY).habits[0].logs == OLD_MEDITATE


def test_a_folder_is_found_by_number_when_loop_kept_unsafe_characters() -> None:
    # Loop 1.4 to 1.5 named folders after the raw name.
    files = {
        "Habits.csv": "Name,Description,NumRepetitions,Interval,Color\nRun: 5k!,,1,1,#00897B\n",
        "001 Run: 5k!/Checkmarks.csv": "2024-06-02,2\n",
    }
    habits = read_import(make_zip(files), today=TODAY).habits
    assert habits[0].logs == {date(2024, 6, 2): DayLog("done")}


def with_file(name: str, content: str | bytes) -> bytes:
    return make_zip({**fixture_files(), name: content})


WAKE = "002 Wake up early/Checkmarks.csv"
NEW_HEADER = fixture_files()["Habits.csv"].decode().splitlines()[0]


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (make_zip({"notes.txt": "hi"}), "is a zip without Habits.csv: not a Loop Habit Tracker"),
        (make_zip({}), "is a zip without Habits.csv"),
        (with_file("Habits.csv", ""), "Habits.csv in the zip is empty"),
        (
            with_file("Habits.csv", NEW_HEADER.replace(",FrequencyDenominator", "") + "\n"),
            "Habits.csv lacks the column(s) FrequencyDenominator",
        ),
        (
            with_file("Habits.csv", "Position,Name,Question,Description,NumRepetitions\n"),
            "Habits.csv lacks the column(s) Interval",
        ),
        (with_file("Habits.csv", "Date,Value\n"), "Habits.csv lacks the column(s) Name,"),
        (
            with_file("Habits.csv", f"{NEW_HEADER}\n001,Meditate,YES_NO,,,1,1\n"),
            "Habits.csv line 2 has 7 columns; its header has 12",
        ),
        (
            with_file(
                "Habits.csv", f"{NEW_HEADER}\n001,Meditate,YES_NO,,,one,1,#FF8F00,,,,false\n"
            ),
            "Habits.csv line 2: 'one' is not a whole number",
        ),
        (
            with_file("Habits.csv", f"{NEW_HEADER}\n001,Meditate,YES_NO,,,1,1,#FF8F00,,,,maybe\n"),
            "Habits.csv line 2: Archived? is 'maybe'",
        ),
        (
            with_file(WAKE, "Date,Value,Notes\n2015-01-25,YES_MANUAL,\n2015-13-01,NO,\n"),
            f"{WAKE} line 3: '2015-13-01' is not a date in the format YYYY-MM-DD",
        ),
        (
            with_file(WAKE, "Date,Value,Notes\n25/01/2015,YES_MANUAL,\n"),
            f"{WAKE} line 2: '25/01/2015' is not a date in the format YYYY-MM-DD",
        ),
        (
            with_file(WAKE, "Date,Value,Notes\n2015-01-25,MAYBE,\n"),
            f"{WAKE} line 2: 'MAYBE' is not a Loop checkmark value",
        ),
        (with_file(WAKE, "Date,Value,Notes\n2015-01-25\n"), f"{WAKE} line 2 lacks a column"),
        (with_file(WAKE, "Date,Notes\n2015-01-25,x\n"), f"{WAKE} lacks the column Value"),
        (with_file(WAKE, "2015-01-25\n"), f"{WAKE} line 1 lacks a column"),
        (
            with_file("Habits.csv", "Position,Name\xff".encode("latin-1")),
            "Habits.csv is not UTF-8 text (byte 13 cannot be decoded)",
        ),
        (
            with_file(WAKE, b'Date,Value,Notes\n2015-01-25,NO,"Caf\xe9"\n'),
            f"{WAKE} is not UTF-8 text",
        ),
        (
            with_file(WAKE, 'Date,Value,Notes\n2015-01-25,NO,"' + "x" * 200_000 + '"\n'),
            f"{WAKE} is not valid CSV (field larger than field limit",
        ),
    ],
)
def test_a_broken_loop_export_is_refused_naming_the_problem(data: bytes, detail: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_import(data, today=TODAY)
    assert caught.value.status == 422
    assert caught.value.detail.startswith(f"file: {detail}")


def test_blank_lines_directories_and_deeper_files_are_passed_over() -> None:
    files = fixture_files()
    files["Habits.csv"] += b"\n"
    files[WAKE] = files[WAKE].replace(b"\n", b"\n\n", 2)
    files["002 Wake up early/old/Checkmarks.csv"] = b"Date,Value,Notes\n2015-01-24,YES_MANUAL,\n"
    files["002 Wake up early/old/"] = b""
    files["Checkmarks.csv/"] = b""
    assert read_import(make_zip(files), today=TODAY) == read_import(fixture_zip(), today=TODAY)


def test_a_byte_order_mark_is_accepted() -> None:
    data = with_file("Habits.csv", b"\xef\xbb\xbf" + fixture_files()["Habits.csv"])
    assert read_import(data, today=TODAY) == read_import(fixture_zip(), today=TODAY)
