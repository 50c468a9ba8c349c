import uuid
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from app.models.habit import Frequency
from app.schemas.common import ApiModel, RequestModel, UtcDatetime

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class HabitWrite(RequestModel):
    """Body of POST /habits and PUT /habits/{id}."""

    title: Title
    frequency: Frequency
    # strict: JSON `true` or `"3"` is not a number of days.
    target: int | None = Field(default=None, strict=True, validate_default=True)

    @field_validator("target")
    @classmethod
    def _target_fits_frequency(cls, target: int | None, info: ValidationInfo) -> int:
        frequency = info.data.get("frequency")
        if frequency is Frequency.DAILY:
            if target not in (None, 1):
                raise ValueError("a daily habit has a target of exactly 1 day")
            return 1
        if target is None:
            return 1
        if not 1 <= target <= 7:
            raise ValueError("a weekly habit's target is 1 to 7 days per week")
        return target


class HabitOut(ApiModel):
    id: uuid.UUID
    title: str
    frequency: Frequency
    target: int
    created_at: UtcDatetime
    current_streak: int
    longest_streak: int
    total_logs: int
    logged_today: bool
    period_count: int
