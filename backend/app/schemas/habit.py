import uuid
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from app.models.habit import Frequency
from app.models.habit_log import LogStatus
from app.schemas.common import ApiModel, RequestModel, UtcDatetime, optional
from app.schemas.fields import MAX_IDS, HabitRef, Title, whole_number

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
    archived: Annotated[bool, Field(strict=True)] = optional(
        "true hides the habit from GET /habits, the stats and the dashboard; "
        "it keeps its logs and can still be logged."
    )


class HabitOrder(RequestModel):
    """Body of PUT /habits/order."""

    ids: list[HabitRef] = Field(
        max_length=MAX_IDS,
        # No id twice: the part of "each habit exactly once" a schema can say.
        json_schema_extra={"uniqueItems": True},
        description="Every one of the user's habits (archived ones too) exactly once, "
        "in the new order. Which ids those are depends on the habits the user has: "
        "an id that is not one of them, or one of them left out, is 422.",
    )


class HabitOut(ApiModel):
    id: uuid.UUID
    title: str
    frequency: Frequency
    target: int
    created_at: UtcDatetime
    archived: bool
    position: int = Field(description="The habit's place in the user's order, 0 first.")
    current_streak: int
    longest_streak: int
    total_logs: int = Field(description="Done days (skipped days are not counted).")
    logged_today: bool = Field(description='todayStatus == "done".')
    today_status: LogStatus | None = Field(description="Today's log, or null.")
    period_count: int = Field(description="Done days in the current day or ISO week.")
    score: float = Field(
        ge=0, le=1, description="The habit's strength as of today (Loop's), 6 decimals."
    )
