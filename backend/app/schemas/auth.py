import uuid
from datetime import date
from typing import Literal

from pydantic import computed_field, field_validator

from app.schemas.common import ApiModel, RequestModel, UtcDatetime, optional
from app.schemas.fields import (
    AvatarUrl,
    DayStartHour,
    EmailAddress,
    Name,
    Password,
    Timezone,
    text,
)
from app.services.users import today_in


class RegisterRequest(RequestModel):
    email: EmailAddress
    password: Password
    name: Name
    timezone: Timezone = "UTC"


class LoginRequest(RequestModel):
    # Any string: an address that cannot exist simply does not sign in (401).
    email: text(max_length=320)
    password: text(max_length=128)

    @field_validator("email")
    @classmethod
    def _as_stored(cls, email: str) -> str:
        return email.strip().lower()


class ChangePasswordRequest(RequestModel):
    # Any string up to the longest password: a wrong one is a 403, not a 422.
    current_password: text(max_length=128)
    new_password: Password


class DeleteAccountRequest(RequestModel):
    password: text(max_length=128)


class UpdateMeRequest(RequestModel):
    """Fields left out stay as they are."""

    name: Name = optional()
    timezone: Timezone = optional()
    day_start_hour: DayStartHour = optional()
    avatar_url: AvatarUrl | None = optional()  # null clears it


class UserOut(ApiModel):
    id: uuid.UUID
    email: str
    name: str
    avatar_url: str | None
    timezone: str
    day_start_hour: int
    created_at: UtcDatetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def today(self) -> date:
        """The user's today (time zone and day start), at the time of the response."""
        return today_in(self.timezone, self.day_start_hour)


class UserEnvelope(ApiModel):
    user: UserOut


class TokenResponse(ApiModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth token type
    user: UserOut


class AuthorizationUrl(ApiModel):
    url: str
