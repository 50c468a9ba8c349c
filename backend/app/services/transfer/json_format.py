"""This app's own export (contract §2.2): `{format: "fitness-habit-tracker", version: 1, ...}`."""

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from app.errors import UnreadableFile, UnsupportedFileFormat
from app.models.habit import Frequency
from app.schemas.common import UtcDatetime
from app.schemas.fields import AnyIsoDate
from app.services.transfer._text import decode_utf8
from app.services.transfer.records import (
    BadgeRecord,
    HabitRecord,
    ImportedData,
    UserProfile,
)
from app.services.transfer.rules import RawHabit, finish

FORMAT = "fitness-habit-tracker"
VERSION = 1


def write_json(
    *,
    user: UserProfile,
    habits: Sequence[HabitRecord],
    badges: Sequence[BadgeRecord],
    exported_at: datetime,
) -> bytes:
    """The JSON export: habits in the given order, each with its logs by ascending date."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exportedAt": _instant(exported_at),
        "user": {
            "email": user.email,
            "name": user.name,
            "timezone": user.timezone,
            "dayStartHour": user.day_start_hour,
        },
        "habits": [
            {
                "title": habit.title,
                "frequency": str(habit.frequency),
                "target": habit.target,
                "archived": habit.archived,
                "position": habit.position,
                "createdAt": _instant(habit.created_at) if habit.created_at else None,
                "logs": [
                    {"date": day.isoformat(), "status": log.status, "note": log.note}
                    for day, log in sorted(habit.logs.items())
                ],
            }
            for habit in habits
        ],
        "badges": [
            {"code": badge.code, "achievedAt": _instant(badge.achieved_at)} for badge in badges
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def read_json(data: bytes, *, today: date) -> ImportedData:
    """Read a JSON export; another app's JSON → 415, another version or a wrong shape → 422."""
    try:
        document = json.loads(decode_utf8(data, "the JSON file"), parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        raise UnreadableFile(f"is not valid JSON ({_reason(error)})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UnsupportedFileFormat(
            f'The JSON file is not an export of this app (its "format" is not "{FORMAT}").'
        )
    version = document.get("version")
    if type(version) is not int or version != VERSION:
        raise UnreadableFile(
            f"is an export of version {json.dumps(version)[:20]}; "
            f"this server reads version {VERSION} only"
        )
    try:
        parsed = _Document.model_validate(document)
    except ValidationError as error:
        raise UnreadableFile(f"is not a valid export: {_summary(error)}") from None
    ordered = sorted(enumerate(parsed.habits), key=lambda item: (item[1].position or 0, item[0]))
    raw_habits = [
        RawHabit(
            title=habit.title,
            frequency=habit.frequency,
            target=habit.target,
            archived=habit.archived,
            created_at=habit.created_at,
            days=[(log.date, log.status, log.note) for log in habit.logs],
        )
        for _, habit in ordered
    ]
    return finish(raw_habits, today=today, format="json")


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno} column {error.colno}: {error.msg}"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error)


def _summary(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:3]:
        path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in item["loc"])
        parts.append(f"{path.lstrip('.')}: {item['msg'].removeprefix('Value error, ')}")
    more = error.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def _text_only(value: Any) -> Any:
    # pydantic would also read a number as a datetime (a Unix time).
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date and time")
    return value


Instant = Annotated[UtcDatetime, BeforeValidator(_text_only)]


class _Part(BaseModel):
    # Fields this version does not know are ignored, so a hand-edited file still reads.
    model_config = ConfigDict(extra="ignore")


class _Log(_Part):
    date: AnyIsoDate
    status: Literal["done", "skipped"] = "done"
    note: StrictStr | None = None


class _Habit(_Part):
    title: StrictStr
    frequency: Frequency
    target: StrictInt = Field(default=1, ge=1, le=7)
    archived: StrictBool = False
    position: StrictInt | None = Field(default=None, ge=0)
    created_at: Instant | None = Field(default=None, alias="createdAt")
    logs: list[_Log] = []

    @model_validator(mode="after")
    def _one_log_a_day_and_daily_target(self) -> "_Habit":
        if self.frequency is Frequency.DAILY and self.target != 1:
            raise ValueError("a daily habit has a target of exactly 1 day")
        seen: set[date] = set()
        for log in self.logs:
            if log.date in seen:
                raise ValueError(f"two logs on {log.date.isoformat()}")
            seen.add(log.date)
        return self


class _User(_Part):
    email: StrictStr | None = None
    name: StrictStr | None = None
    timezone: StrictStr | None = None
    day_start_hour: StrictInt | None = Field(default=None, alias="dayStartHour")


class _Badge(_Part):
    code: StrictStr
    achieved_at: Instant = Field(alias="achievedAt")


class _Document(_Part):
    exported_at: Instant | None = Field(default=None, alias="exportedAt")
    user: _User | None = None
    habits: list[_Habit]
    badges: list[_Badge] = []
