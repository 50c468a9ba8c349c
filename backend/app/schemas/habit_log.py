import datetime as dt
import uuid
from typing import Literal

from pydantic import Field

from app.schemas.common import ApiModel, RequestModel, UtcDatetime
from app.schemas.fields import IsoDate
from app.services.analytics import Window


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
