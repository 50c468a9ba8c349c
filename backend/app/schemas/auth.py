import uuid
from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, AnyHttpUrl, Field, StringConstraints, field_validator

from app.schemas.common import ApiModel, RequestModel, UtcDatetime


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def _known_timezone(name: str) -> str:
    if name not in _timezones():
        raise ValueError(f"{name!r} is not an IANA time zone name such as 'Europe/Paris'")
    return name


def _email_address(value: str) -> str:
    try:
        # Syntax only: no DNS look-up, and test domains are allowed.
        checked = validate_email(value, check_deliverability=False, globally_deliverable=False)
    except EmailNotValidError as error:
        raise ValueError(str(error)) from error
    return checked.normalized.lower()


EmailAddress = Annotated[str, Field(max_length=320), AfterValidator(_email_address)]
Password = Annotated[str, Field(min_length=8, max_length=128)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Timezone = Annotated[str, Field(max_length=64), AfterValidator(_known_timezone)]


class RegisterRequest(RequestModel):
    email: EmailAddress
    password: Password
    name: Name
    timezone: Timezone = "UTC"


class LoginRequest(RequestModel):
    email: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=320)]
    password: Annotated[str, Field(max_length=128)]


class UpdateMeRequest(RequestModel):
    name: Name | None = None
    timezone: Timezone | None = None
    avatar_url: Annotated[AnyHttpUrl, Field(max_length=2048)] | None = None  # null clears it

    @field_validator("name", "timezone", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Left out means "unchanged"; an explicit null would erase a required field.
        if value is None:
            raise ValueError("may be left out but not null")
        return value


class UserOut(ApiModel):
    id: uuid.UUID
    email: str
    name: str
    avatar_url: str | None
    timezone: str
    created_at: UtcDatetime


class UserEnvelope(ApiModel):
    user: UserOut


class TokenResponse(ApiModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth token type
    user: UserOut


class AuthorizationUrl(ApiModel):
    url: str
