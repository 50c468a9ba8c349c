import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import Field, TypeAdapter

from app.schemas.common import ApiModel, RequestModel, UtcDatetime
from app.schemas.fields import IsoDate
from app.services.analytics import MAX_SPAN_DAYS, Window


class HabitLogCreate(RequestModel):
    date: IsoDate | None = Field(
        default=None, description="Defaults to the user's today (also when null); not after it."
    )


class HabitLogOut(ApiModel):
    id: uuid.UUID
    habit_id: uuid.UUID
    date: dt.date
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
