"""The neutral in-memory shape of a user's data, between the database and a file."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from app.models.habit import Frequency

LogStatus = Literal["done", "skipped"]


@dataclass(frozen=True, slots=True)
class DayLog:
    status: LogStatus
    note: str | None = None


@dataclass(frozen=True, slots=True)
class HabitRecord:
    """A habit with its whole history; `position` is its place in the file's order (0 first)."""

    title: str
    frequency: Frequency
    target: int
    archived: bool
    position: int
    logs: Mapping[date, DayLog]
    # Known for this app's own exports only (Loop keeps no creation time).
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ImportedData:
    """What an import file holds, ready to be matched against the user's habits.

    `format` names the reader that understood the file: "json", "loop-csv" or "loop-db".
    """

    habits: tuple[HabitRecord, ...]
    warnings: tuple[str, ...]
    format: str


@dataclass(frozen=True, slots=True)
class UserProfile:
    email: str
    name: str
    timezone: str
    day_start_hour: int


@dataclass(frozen=True, slots=True)
class BadgeRecord:
    code: str
    achieved_at: datetime
