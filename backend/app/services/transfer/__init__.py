"""Export and import files (contract §2.2): pure readers and writers, no database.

`read_import` tells the format by content and returns the file's habits with
the import rules applied (`rules.finish`); the writers take plain records.
Errors: `UnsupportedFileFormat` (415) for a file none of the readers knows,
`UnreadableFile` (422) for a known one that is broken, unsafe or of another version.
"""

from datetime import date

from app.services.transfer.detect import detect_format
from app.services.transfer.json_format import read_json, write_json
from app.services.transfer.loop_csv_export import write_loop_zip
from app.services.transfer.loop_csv_import import read_loop_zip
from app.services.transfer.loop_db_import import read_loop_db
from app.services.transfer.records import (
    BadgeRecord,
    DayLog,
    HabitRecord,
    ImportedData,
    LogStatus,
    UserProfile,
)

_READERS = {"json": read_json, "zip": read_loop_zip, "sqlite": read_loop_db}


def read_import(data: bytes, *, today: date) -> ImportedData:
    """The habits of an uploaded file, `today` being the user's today (for the day window)."""
    return _READERS[detect_format(data)](data, today=today)


__all__ = [
    "BadgeRecord",
    "DayLog",
    "HabitRecord",
    "ImportedData",
    "LogStatus",
    "UserProfile",
    "read_import",
    "write_json",
    "write_loop_zip",
]
