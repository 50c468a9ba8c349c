"""Which reader a file needs, told by its first bytes (a file name proves nothing)."""

from typing import Literal

from app.errors import UnreadableFile, UnsupportedFileFormat

FileKind = Literal["json", "zip", "sqlite"]

SQLITE_MAGIC = b"SQLite format 3\x00"
# A local file header, or the end record of an archive with no entries.
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_UTF8_BOM = b"\xef\xbb\xbf"


def detect_format(data: bytes) -> FileKind:
    """The kind of container `data` is; 422 when empty, 415 when none this import reads."""
    if not data.strip():
        raise UnreadableFile("is empty")
    if data.startswith(SQLITE_MAGIC):
        return "sqlite"
    if data.startswith(ZIP_MAGICS):
        return "zip"
    if data[:4096].removeprefix(_UTF8_BOM).lstrip().startswith(b"{"):
        return "json"
    raise UnsupportedFileFormat(
        "The file is none of the formats this import reads: a JSON export of this app, "
        "a Loop Habit Tracker CSV export (.zip) or a Loop Habit Tracker backup (.db)."
    )
