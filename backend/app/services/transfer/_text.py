"""Text and dates inside an import file, read strictly."""

import re
from datetime import date

from app.errors import UnreadableFile

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def decode_utf8(data: bytes, what: str) -> str:
    """`data` as text; a UTF-8 byte order mark is dropped, anything not UTF-8 refused."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"{what} is not UTF-8 text (byte {error.start} cannot be decoded)"
        ) from None


def parse_day(text: str, where: str) -> date:
    """A YYYY-MM-DD date, or a 422 naming `where` it was found."""
    if _ISO_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise UnreadableFile(f"{where}: {text[:40]!r} is not a date in the format YYYY-MM-DD")
