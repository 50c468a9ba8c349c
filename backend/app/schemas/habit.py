import uuid
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from app.models.habit import Frequency
from app.schemas.common import ApiModel, RequestModel, UtcDatetime, optional
from app.schemas.fields import Title, whole_number

WeeklyTarget = whole_number(
    minimum=1, maximum=7, description="Days per ISO week to count the week."
)
DailyTarget = whole_number(minimum=1, maximum=1, description="A daily habit's target is 1.")


class DailyHabitWrite(RequestModel):
    title: Title
    frequency: Literal[Frequency.DAILY]
    target: DailyTarget = 1


class WeeklyHabitWrite(RequestModel):
    title: Title
    frequency: Literal[Frequency.WEEKLY]
    target: WeeklyTarget = 1


# Body of POST /habits and PUT /habits/{id}: the frequency says which target is valid.
HabitWrite = Annotated[DailyHabitWrite | WeeklyHabitWrite, Field(discriminator="frequency")]
# pydantic puts the tag of the union member in an error's location
# ("daily.target"); app.problem_details reports such errors at the field.
UNION_TAGS = {"frequency": [member.value for member in Frequency]}


class HabitPatch(RequestModel):
    """Body of PATCH /habits/{id}: fields left out stay as they are. Switching
    to daily sets the target to 1; a target other than 1 needs a weekly habit
    (this one, or `frequency: weekly` in the same request), which
    app.services.habits checks against the stored habit."""

    # The document states the part of that rule the body alone decides.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"frequency": {"const": Frequency.DAILY.value}},
                "required": ["frequency"],
            },
            "then": {"properties": {"target": {"const": 1}}},
        }
    )

    title: Title = optional()
    frequency: Frequency = optional()
    target: WeeklyTarget = optional()


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
