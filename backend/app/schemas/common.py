"""Base models: camelCase on the wire, strict request bodies, the problem shape."""

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored moment is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


class ApiModel(BaseModel):
    """A response body: snake_case in Python, camelCase in JSON."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class RequestModel(BaseModel):
    """A request body: camelCase names only, unknown fields rejected (no mass
    assignment). Its string fields take their types from app.schemas.fields,
    which refuse NUL (tests/api/test_openapi_strictness.py checks that every
    string of every request body states it)."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=False, validate_by_alias=True, extra="forbid"
    )


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


def _no_default_in_schema(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def optional(description: str | None = None) -> Any:
    """A request field that may be left out but, when present, must not be null
    (null would erase a required value). The document lists no default."""
    return Field(default=None, description=description, json_schema_extra=_no_default_in_schema)
