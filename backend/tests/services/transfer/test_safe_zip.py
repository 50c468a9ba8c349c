import io
import struct
import warnings
import zipfile
from datetime import date

import pytest

from app.errors import UnreadableFile
from app.services.transfer import read_import
from app.services.transfer.safe_zip import MAX_ENTRIES, MAX_UNCOMPRESSED, SafeZip
from tests.services.transfer.files import fixture_files, fixture_zip, make_zip

TODAY = date(2025, 1, 1)


def refused(data: bytes) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_import(data, today=TODAY)
    assert caught.value.status == 422
    return caught.value.detail


def many_entries(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Habits.csv", fixture_files()["Habits.csv"])
        for number in range(count - 1):
            archive.writestr(f"d/{number}", b"")
    return buffer.getvalue()


def test_ten_thousand_entries_are_fine_one_more_is_refused() -> None:
    assert len(SafeZip(many_entries(MAX_ENTRIES)).names) == MAX_ENTRIES
    assert refused(many_entries(MAX_ENTRIES + 1)) == "file: is a zip with more than 10,000 entries"


def test_an_end_record_that_understates_the_entries_is_caught_when_they_are_listed() -> None:
    data = bytearray(many_entries(MAX_ENTRIES + 1))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 5, 5)
    assert refused(bytes(data)) == "file: is a zip with more than 10,000 entries"


def test_over_50_mib_uncompressed_is_refused_before_inflating() -> None:
    # 51 MiB of zeros deflate to about 50 KiB.
    bomb = make_zip({"Habits.csv": b"0" * (MAX_UNCOMPRESSED + 2**20)})
    assert len(bomb) < 200_000
    assert refused(bomb) == "file: is a zip over 50 MiB uncompressed"
    split = make_zip({f"{n:03d} X/Checkmarks.csv": b"0" * (11 * 2**20) for n in range(5)})
    assert refused(split) == "file: is a zip over 50 MiB uncompressed"


def test_a_member_bigger_than_it_declares_is_refused() -> None:
    data = bytearray(make_zip({"Habits.csv": b"x" * (60 * 2**20)}))
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, 22, 1000)  # the local header's size
    struct.pack_into("<I", data, central + 24, 1000)  # the central directory's
    assert refused(bytes(data)).startswith("file: the zip entry 'Habits.csv' is damaged")


@pytest.mark.parametrize(
    "name",
    ["../Habits.csv", "a/../../Habits.csv", "/etc/Habits.csv", "\\evil", "C:/x.csv", "x\\..\\y"],
)
def test_entries_outside_the_archive_are_refused(name: str) -> None:
    data = make_zip({**fixture_files(), name: b"x"})
    assert refused(data) == f"file: holds the zip entry {name!r}, a path outside the archive"


def test_a_dot_dot_inside_a_name_is_no_escape() -> None:
    data = make_zip({**fixture_files(), "notes..txt": b"x", "..hidden/x": b"y"})
    assert len(read_import(data, today=TODAY).habits) == 2


def test_a_duplicated_entry_is_refused() -> None:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("Habits.csv", fixture_files()["Habits.csv"])
        archive.writestr("Habits.csv", b"Name\n")
    assert refused(buffer.getvalue()) == "file: holds the zip entry 'Habits.csv' twice"


def test_an_encrypted_entry_is_refused() -> None:
    data = bytearray(fixture_zip())
    local = data.find(b"PK\x03\x04")  # the first entry, in name order
    central = data.find(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    expected = "file: the zip entry '001 Meditate/Checkmarks.csv' is encrypted"
    assert refused(bytes(data)) == expected


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_zip_is_refused(keep: float) -> None:
    data = fixture_zip()
    assert refused(data[: int(len(data) * keep)]).startswith("file: is not a")


def test_a_damaged_zip_is_refused() -> None:
    data = bytearray(fixture_zip())
    central = data.rfind(b"PK\x01\x02")
    data[central : central + 4] = b"XXXX"
    assert refused(bytes(data)).startswith("file: is not a readable zip archive")
    corrupt = bytearray(fixture_zip())
    start = corrupt.find(b"Habits.csv") + len("Habits.csv")
    corrupt[start : start + 40] = bytes(40)
    assert refused(bytes(corrupt)).startswith("file: the zip entry 'Habits.csv' is damaged")
