import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from app.models.habit_log import NOTE_MAX_LENGTH, LogStatus
from app.schemas.common import ApiModel, RequestModel, UtcDatetime, optional
from app.schemas.fields import MAX_IDS, HabitRef, IsoDate, text
from app.services.analytics import MAX_SPAN_DAYS, Window

# Kept as written (no trimming): a note is the user's own text.
Note = text(
    min_length=1,
    max_length=NOTE_MAX_LENGTH,
    description=f"1 to {NOTE_MAX_LENGTH} characters, no NUL; null for none.",
)


class HabitLogCreate(RequestModel):
    date: IsoDate | None = Field(
        default=None,
        description="Defaults to the user's today (also when null). A done day is not "
        "after today; a skipped day is at most 90 days after it.",
    )
    status: LogStatus = Field(default=LogStatus.DONE, description="done or skipped.")
    note: Note | None = None


class HabitLogPatch(RequestModel):
    """Body of PATCH /habits/{id}/logs/{date}: fields left out stay as they are."""

    status: LogStatus = optional("done (not for a day after today) or skipped.")
    note: Note | None = Field(default=None, description="null clears the note.")


class HabitLogOut(ApiModel):
    id: uuid.UUID
    habit_id: uuid.UUID
    date: dt.date
    status: LogStatus
    note: str | None
    created_at: UtcDatetime


class HabitLogPage(ApiModel):
    items: list[HabitLogOut]
    range: Window | Literal["custom"]
    start: dt.date
    end: dt.date


# GET /habits/{id}/logs takes `range` and `end`, or `from` and `to`, never a
# mix: one query parameter whose object schema (style form, exploded: each
# property is a parameter of its own on the wire) says so, which four
# separate parameters could not. The route reads the four (hidden) itself.
_DATE = TypeAdapter(IsoDate).json_schema()


def _present(*names: str) -> dict[str, Any]:
    return {"anyOf": [{"required": [name]} for name in names]}


LOG_WINDOW_PARAMETER: dict[str, Any] = {
    "name": "window",
    "in": "query",
    "required": False,
    "style": "form",
    "explode": True,
    "description": (
        "Either `range` (default `week`) and `end` (default: today), or `from` and "
        f"`to` together (both included, `from` not after `to`, at most {MAX_SPAN_DAYS} days)."
    ),
    "schema": {
        "type": "object",
        "properties": {
            "range": {
                **TypeAdapter(Window).json_schema(),
                "description": "7 (week) or 30 (month) days.",
            },
            "end": {**_DATE, "description": "The last day; defaults to today."},
            "from": {**_DATE, "description": "The first day."},
            "to": {**_DATE, "description": "The last day."},
        },
        "oneOf": [
            {"title": "range and end", "not": _present("from", "to")},
            {
                "title": "from and to",
                "required": ["from", "to"],
                "not": _present("range", "end"),
            },
        ],
    },
}


class BreakCreate(RequestModel):
    """Body of POST /habits/skip: a break from `from` to `to`, both included."""

    first: IsoDate = Field(alias="from", description="The break's first day.")
    last: IsoDate = Field(
        alias="to",
        description="The break's last day: not before from, at most 90 days after it counting "
        "both, and at most 90 days after today.",
    )
    habit_ids: Annotated[list[HabitRef], Field(max_length=MAX_IDS)] | None = Field(
        default=None,
        description="The habits to pause (a habit named twice is paused once); omitted or "
        "null: every habit not archived.",
    )


class BreakOut(ApiModel):
    created: int = Field(description="How many skipped days were written.")


class DayScoreOut(ApiModel):
    date: dt.date
    score: float = Field(ge=0, le=1)


class ScoresOut(ApiModel):
    items: list[DayScoreOut]
