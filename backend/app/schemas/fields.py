"""Request field types whose OpenAPI schema states exactly the rule the code enforces.

Each rule is written once, as a regular expression or a list, and used both
to validate (Python's `re`) and in the document (JSON Schema `pattern`,
`enum`), so that a value the document calls valid is accepted and one it
calls invalid is refused (the fuzzer checks both directions).
"""

import re
import unicodedata
import uuid
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

EARLIEST_DATE = date(2000, 1, 1)
# The most habit ids one request may name (a 1 MiB body holds some 26,000).
MAX_IDS = 10_000
NO_NUL = r"^[^\x00]*$"


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text; say so instead of failing later.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def text(*, min_length: int = 0, max_length: int, description: str | None = None) -> Any:
    """A string of `min_length`..`max_length` characters without NUL."""
    schema: dict[str, Any] = {"type": "string", "pattern": NO_NUL, "maxLength": max_length}
    if min_length:
        schema["minLength"] = min_length
    if description:
        schema["description"] = description
    return Annotated[
        str,
        AfterValidator(_no_nul),
        Field(min_length=min_length, max_length=max_length),
        WithJsonSchema(schema),
    ]


def _char_class(predicate: Any) -> str:
    """A regex character class body for every character of the Basic Multilingual
    Plane that satisfies `predicate`, escaped (`\\xXX`, `\\uXXXX`) the same way
    for Python's and JavaScript's regular expressions."""
    points = [point for point in range(0x10000) if predicate(chr(point))]
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return "".join(
        _escape(first) if first == last else f"{_escape(first)}-{_escape(last)}"
        for first, last in ranges
    )


def _escape(point: int) -> str:
    return f"\\x{point:02x}" if point <= 0xFF else f"\\u{point:04x}"


# What str.strip() removes, and what does not show: spaces, controls and
# format characters (zero-width space and joiners, BOM, bidi marks, NUL).
_SPACE = _char_class(str.isspace)
_INVISIBLE = _char_class(lambda char: char.isspace() or unicodedata.category(char) in ("Cc", "Cf"))


def visible_text_patterns(max_length: int) -> tuple[str, str]:
    """(1..`max_length` characters once trimmed, no NUL; at least one visible character)."""
    core = f"[^{_SPACE}\\x00](?:[^\\x00]{{0,{max_length - 2}}}[^{_SPACE}\\x00])?"
    return f"^[{_SPACE}]*{core}[{_SPACE}]*$", f"[^{_INVISIBLE}]"


def _visible_text(max_length: int) -> Any:
    trimmed, visible = (re.compile(pattern) for pattern in visible_text_patterns(max_length))

    def check(value: str) -> str:
        value = _no_nul(value).strip()
        if not 1 <= len(value) <= max_length:
            raise ValueError(f"must be 1 to {max_length} characters once trimmed")
        if not trimmed.search(value) or not visible.search(value):
            raise ValueError("must contain at least one visible character")
        return value

    schema = {
        "type": "string",
        "description": f"1 to {max_length} characters once spaces are trimmed, at least one "
        "visible (not only spaces, zero-width characters or a BOM), no NUL.",
        # Each member typed too: generators of client code read `allOf` alone.
        "allOf": [
            {"type": "string", "pattern": pattern} for pattern in visible_text_patterns(max_length)
        ],
    }
    return Annotated[str, AfterValidator(check), WithJsonSchema(schema)]


Title = _visible_text(100)
Name = _visible_text(100)
TokenName = _visible_text(100)


Password = text(min_length=8, max_length=128)

# An address as people type it: a dot-separated local part (at most 64
# characters, RFC 5321) and a domain of at least two dot-separated labels;
# at most 254 characters in all. Compared in lower case.
_LOCAL_CHARS = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL_SHAPE = f"^{_LOCAL_CHARS}+(?:\\.{_LOCAL_CHARS}+)*@{_LABEL}(?:\\.{_LABEL})+$"
_EMAIL_LOCAL_LENGTH = r"^[^@]{1,64}@"
EMAIL_MAX_LENGTH = 254
_EMAIL_PATTERNS = [re.compile(_EMAIL_SHAPE), re.compile(_EMAIL_LOCAL_LENGTH)]


def _email(value: str) -> str:
    if len(_no_nul(value)) > EMAIL_MAX_LENGTH or not all(
        pattern.search(value) for pattern in _EMAIL_PATTERNS
    ):
        raise ValueError(
            "must be an email address such as name@example.com "
            "(at most 64 characters before the @, 254 in all)"
        )
    return value.lower()


EmailAddress = Annotated[
    str,
    AfterValidator(_email),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": EMAIL_MAX_LENGTH,
            "description": "An email address; at most 64 characters before the @.",
            "allOf": [
                {"type": "string", "pattern": _EMAIL_SHAPE},
                {"type": "string", "pattern": _EMAIL_LOCAL_LENGTH},
            ],
        }
    ),
]


@cache
def timezone_names() -> tuple[str, ...]:
    """The tz database's zone names (those the `tzdata` package ships), sorted.

    Not `zoneinfo.available_timezones()`: on some hosts it also lists
    `localtime`, an alias of the host's own zone file, not a zone.
    """
    return tuple(sorted(files("tzdata").joinpath("zones").read_text().split()))


def _timezone(value: str) -> str:
    if _no_nul(value) not in timezone_names():
        raise ValueError(f"{value!r} is not a tz database zone name such as 'Europe/Paris'")
    return value


Timezone = Annotated[
    str,
    AfterValidator(_timezone),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(timezone_names()),
            "description": "A tz database zone name such as `Europe/Paris`.",
        }
    ),
]


def _whole_number(value: Any) -> Any:
    # JSON Schema's `integer` is any number without a fractional part, 19.0
    # included; `true` and "19" are not numbers (strict below refuses them).
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def whole_number(*, minimum: int, maximum: int, description: str) -> Any:
    """An integer from `minimum` to `maximum`, given as a JSON number (3 or 3.0);
    the document says `const` when only one value is allowed."""

    def as_const(schema: dict[str, Any]) -> None:
        if minimum == maximum:
            del schema["minimum"], schema["maximum"]
            schema["const"] = minimum

    return Annotated[
        int,
        # In this order: after a BeforeValidator the bounds would reach the
        # document as pydantic's `ge`/`le` instead of `minimum`/`maximum`.
        Field(
            ge=minimum,
            le=maximum,
            strict=True,
            description=description,
            json_schema_extra=as_const,
        ),
        BeforeValidator(_whole_number),
    ]


DayStartHour = whole_number(
    minimum=0, maximum=23, description="The hour (0-23) at which the user's day begins."
)

_AVATAR_URL = (
    r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,4})?"
    r"(?:[/?#][\x21-\x7e]*)?$"
)
_AVATAR_URL_PATTERN = re.compile(_AVATAR_URL)


def _avatar_url(value: str) -> str:
    if not _AVATAR_URL_PATTERN.search(_no_nul(value)):
        raise ValueError("must be an http or https address")
    return value


AvatarUrl = Annotated[
    str,
    Field(max_length=2048),
    AfterValidator(_avatar_url),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 2048,
            "pattern": _AVATAR_URL,
            "description": "An http(s) address.",
        }
    ),
]

# A date is YYYY-MM-DD and no earlier than 2000-01-01 (no log or window
# reaches further back). pydantic alone would also read a Unix timestamp as a
# date (`end=0` → 1970-01-01).
_ISO_DATE = re.compile(r"^[2-9][0-9]{3}-[0-9]{2}-[0-9]{2}$")
# Year 0000 matches the `date` format but is no date Python has.
_ANY_ISO_DATE = re.compile(
    r"^(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-[0-9]{2}-[0-9]{2}$"
)


def _any_iso_date(value: Any) -> Any:
    if isinstance(value, date) or (isinstance(value, str) and _ANY_ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("must be a date in the format YYYY-MM-DD")


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    if isinstance(value, str) and _ANY_ISO_DATE.fullmatch(value):
        raise ValueError(f"must be {EARLIEST_DATE.isoformat()} or later")
    raise ValueError("must be a date in the format YYYY-MM-DD")


def _not_before_2000(value: date) -> date:
    if value < EARLIEST_DATE:
        raise ValueError(f"must be {EARLIEST_DATE.isoformat()} or later")
    return value


def _query_bool(value: Any) -> Any:
    if isinstance(value, str) and value not in ("true", "false"):
        raise ValueError("must be true or false")
    return value


# A boolean in a query string: `true` or `false`, as the document's `boolean`
# is written there; pydantic alone would also read 1, yes, on, t...
QueryBool = Annotated[bool, BeforeValidator(_query_bool)]

# A UUID as JSON Schema's `uuid` format has it: 8-4-4-4-12 hexadecimal digits,
# either case. Python's UUID() also reads 32 digits without hyphens, braces
# and `urn:uuid:`, which the document calls invalid: not taken.
UUID_TEXT = re.compile(r"^[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$")

# A resource's id in a path. Any other string names nothing: 404 (not 422),
# like an id that does not exist or is someone else's.
ResourceId = Annotated[
    str,
    WithJsonSchema(
        {"type": "string", "format": "uuid", "description": "The id the resource was created with."}
    ),
]


def _uuid_text(value: Any) -> Any:
    if isinstance(value, str) and not UUID_TEXT.fullmatch(value):
        raise ValueError("must be an id such as 3f2b6c1e-8d4a-4f1b-9c2e-5a7d0e9b1c3f")
    return value


# A habit's id in a request body.
HabitRef = Annotated[
    uuid.UUID,
    BeforeValidator(_uuid_text),
    WithJsonSchema({"type": "string", "format": "uuid", "description": "A habit's id."}),
]

# Any calendar day (a path naming a day that may or may not hold a log).
AnyIsoDate = Annotated[
    date,
    BeforeValidator(_any_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _ANY_ISO_DATE.pattern}),
]
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    AfterValidator(_not_before_2000),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": _ISO_DATE.pattern,
            "description": "YYYY-MM-DD, 2000-01-01 or later.",
        }
    ),
]
