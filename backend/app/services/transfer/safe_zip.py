"""A zip archive from a stranger, opened within limits (contract §2.2).

A zip bomb can lie in its headers, so the limits are checked three times: the
entry count the end record declares (before the central directory is parsed),
the entries and sizes the central directory lists, and the bytes actually
inflated while reading.
"""

import io
import re
import struct
import zipfile
import zlib

from app.errors import UnreadableFile

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 50 * 1024 * 1024
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_MAX_COMMENT = 0xFFFF
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)


class SafeZip:
    """The file entries of an archive; `read` counts every inflated byte against the limit."""

    def __init__(self, data: bytes) -> None:
        if _declared_entries(data) > MAX_ENTRIES:
            raise UnreadableFile(f"is a zip with more than {MAX_ENTRIES:,} entries")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (*_BROKEN, ValueError) as error:
            raise UnreadableFile(f"is not a readable zip archive ({error})") from None
        if len(infos) > MAX_ENTRIES:
            raise UnreadableFile(f"is a zip with more than {MAX_ENTRIES:,} entries")
        self._files: dict[str, zipfile.ZipInfo] = {}
        declared = 0
        for info in infos:
            _check_name(info.filename)
            declared += info.file_size
            if info.is_dir():
                continue
            if info.filename in self._files:
                raise UnreadableFile(f"holds the zip entry {info.filename!r} twice")
            self._files[info.filename] = info
        if declared > MAX_UNCOMPRESSED:
            raise UnreadableFile(f"is a zip over {MAX_UNCOMPRESSED // 2**20} MiB uncompressed")
        self._inflated = 0

    @property
    def names(self) -> list[str]:
        """The file entries (directories left out), in archive order."""
        return list(self._files)

    def read(self, name: str) -> bytes:
        info = self._files[name]
        if info.flag_bits & 0x1:
            raise UnreadableFile(f"the zip entry {name!r} is encrypted")
        chunks = []
        try:
            # zipfile stops an entry at its declared size (and then checks its CRC);
            # the count guards the total should that ever change.
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    self._inflated += len(chunk)
                    if self._inflated > MAX_UNCOMPRESSED:
                        raise UnreadableFile(
                            f"is a zip over {MAX_UNCOMPRESSED // 2**20} MiB uncompressed"
                        )
                    chunks.append(chunk)
        except _BROKEN as error:
            raise UnreadableFile(f"the zip entry {name!r} is damaged ({error})") from None
        return b"".join(chunks)


def _declared_entries(data: bytes) -> int:
    """The entry count the end record declares (a Zip64 archive's 0xFFFF is over the limit)."""
    start = data.rfind(_END_RECORD, max(0, len(data) - _END_RECORD_SIZE - _MAX_COMMENT))
    if start < 0 or len(data) < start + _END_RECORD_SIZE:
        raise UnreadableFile("is not a complete zip archive (its end record is missing)")
    (total,) = struct.unpack_from("<H", data, start + 10)
    return int(total)


def _check_name(name: str) -> None:
    parts = re.split(r"[/\\]", name)
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
        raise UnreadableFile(f"holds the zip entry {name[:200]!r}, a path outside the archive")
