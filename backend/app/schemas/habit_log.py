import datetime as dt
import uuid

from pydantic import Field

from app.schemas.common import ApiModel, IsoDate, RequestModel, UtcDatetime
from app.services.analytics import Window

EARLIEST_LOG_DATE = dt.date(2000, 1, 1)


class HabitLogCreate(RequestModel):
    date: IsoDate | None = Field(
        default=None, ge=EARLIEST_LOG_DATE, description="Defaults to today."
    )


class HabitLogOut(ApiModel):
    id: uuid.UUID
    habit_id: uuid.UUID
    date: dt.date
    created_at: UtcDatetime


class HabitLogPage(ApiModel):
    items: list[HabitLogOut]
    range: Window
    start: dt.date
    end: dt.date
