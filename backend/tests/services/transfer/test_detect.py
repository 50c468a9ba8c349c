from datetime import date

import pytest

from app.errors import UnreadableFile, UnsupportedFileFormat
from app.services.transfer import read_import
from app.services.transfer.detect import detect_format
from tests.services.transfer.files import build_loop_db, fixture_zip, make_zip


@pytest.mark.parametrize("data", [b"", b"   \n\t", b"\r\n"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_import(data, today=date(2025, 1, 1))
    assert caught.value.detail == "file: is empty"


@pytest.mark.parametrize(
    "data",
    [
        b"Position,Name,Type\n001,Meditate,YES_NO\n",
        b"\x89PNG\r\n\x1a\n" + bytes(100),
        b"[1, 2, 3]",
        b"SQLite format 2\x00" + bytes(200),
        bytes(range(256)),
        "{}".encode("utf-16"),
    ],
)
def test_anything_else_is_an_unsupported_format(data: bytes) -> None:
    with pytest.raises(UnsupportedFileFormat) as caught:
        read_import(data, today=date(2025, 1, 1))
    assert (caught.value.status, caught.value.title) == (415, "Unsupported Media Type")
    assert "a Loop Habit Tracker CSV export (.zip)" in caught.value.detail


def test_the_format_is_told_by_content() -> None:
    assert detect_format(fixture_zip()) == "zip"
    assert detect_format(make_zip({})) == "zip"
    assert detect_format(build_loop_db(25, [])) == "sqlite"
    assert detect_format(b'\xef\xbb\xbf \n {"format": 1}') == "json"
