"""Base models: camelCase on the wire, strict request bodies, the problem shape."""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored moment is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    # pydantic also reads a Unix timestamp as a date (`end=0` → 1970-01-01);
    # the contract accepts YYYY-MM-DD only.
    if (isinstance(value, str) and _ISO_DATE.fullmatch(value)) or isinstance(value, date):
        return value
    raise ValueError("must be a date in the format YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


class ApiModel(BaseModel):
    """A response body: snake_case in Python, camelCase in JSON."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class RequestModel(BaseModel):
    """A request body: camelCase names only, unknown fields rejected (no mass assignment)."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=False, validate_by_alias=True, extra="forbid"
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; say so instead of failing later.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class Problem(BaseModel):
    """An RFC 7807 problem document."""

    type: str = Field(default="about:blank")
    title: str
    status: int
    detail: str
    instance: str
    errors: dict[str, list[str]] | None = Field(
        default=None, description="Per-field messages, on 422 only."
    )
