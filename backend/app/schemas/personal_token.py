import uuid

from pydantic import Field

from app.schemas.common import ApiModel, RequestModel, UtcDatetime
from app.schemas.fields import TokenName, whole_number

ExpiresInDays = whole_number(minimum=1, maximum=365, description="Days until the token expires.")


class TokenCreate(RequestModel):
    name: TokenName
    expires_in_days: ExpiresInDays | None = Field(
        default=None, description="Days until the token expires (1-365); null or left out: never."
    )


class TokenOut(ApiModel):
    """A token as listed: never the token itself, nor its digest."""

    id: uuid.UUID
    name: str
    created_at: UtcDatetime
    expires_at: UtcDatetime | None
    last_used_at: UtcDatetime | None


class NewTokenOut(ApiModel):
    """A token just made, with the token: shown this once."""

    id: uuid.UUID
    name: str
    token: str = Field(description="`fht_` and 43 URL-safe characters; not shown again.")
    created_at: UtcDatetime
    expires_at: UtcDatetime | None
    last_used_at: UtcDatetime | None
