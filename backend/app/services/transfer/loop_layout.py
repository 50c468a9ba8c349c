"""Facts about Loop Habit Tracker's CSV export that its reader and writer share.

From Loop's source (github.com/iSoron/uhabits): `HabitsCSVExporter.kt` and
`HabitList.writeCSV` in uhabits-core. Since 2.3.1, Habits.csv has the columns
below; from 2.0 to 2.3.0 it was `Position,Name,Question,Description,
NumRepetitions,Interval,Color` (1.x: no Question; early 1.x: no Position
either), and each habit's Checkmarks.csv was `date,value` lines with no
header, the value a number (2 checked, 1 automatic, 0 unchecked, 3 skipped).
"""

import re

HABITS_COLUMNS = (
    "Position",
    "Name",
    "Type",
    "Question",
    "Description",
    "FrequencyNumerator",
    "FrequencyDenominator",
    "Color",
    "Unit",
    "Target Type",
    "Target Value",
    "Archived?",
)
CHECKMARKS_COLUMNS = ("Date", "Value", "Notes")
SCORES_COLUMNS = ("Date", "Score")
HABITS_FILE = "Habits.csv"
CHECKMARKS_FILE = "Checkmarks.csv"
SCORES_FILE = "Scores.csv"
# Loop's default colour (palette index 8, teal): this app has no colours.
DEFAULT_COLOR = "#00897B"

_UNSAFE = re.compile(r"[^ a-zA-Z0-9._-]+")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def folder_name(number: int, name: str) -> str:
    """A habit's folder, as Loop names it: its 1-based place and its name, sanitized."""
    sane = _UNSAFE.sub("", name)[:100]
    return f"{number:03d} {sane}".strip()


def csv_line(cells: list[str]) -> str:
    """One line as Loop's opencsv writes it: quoted only when needed, LF-terminated."""
    return ",".join(csv_cell(cell) for cell in cells) + "\n"


def csv_cell(text: str) -> str:
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text
