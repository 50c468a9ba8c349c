"""Personal access tokens: bearer credentials for scripts that do not expire every hour.

The token is shown once, when it is made; the database keeps only its digest
(app.core.security.personal_token_digest), so a leaked table signs nobody in.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Row, bindparam, delete, insert, select, update

from app.core.security import new_personal_token, personal_token_digest
from app.errors import NotFound, Unauthorized
from app.models import PersonalAccessToken, User
from app.services.users import ACCOUNT_COLUMNS, Account

# `lastUsedAt` is kept to the minute: a script calling every second does not
# turn each of its reads into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)

_TOKENS, _USERS = PersonalAccessToken.__table__, User.__table__


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just made: the only time its plain text exists outside the client."""

    id: uuid.UUID
    name: str
    token: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored moment is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def create(
    *,
    connection: Connection,
    user_id: uuid.UUID,
    name: str,
    expires_in_days: int | None,
    now: datetime | None = None,
) -> NewToken:
    """A new token for the user, valid for `expires_in_days` days or for ever (None)."""
    now = now or datetime.now(UTC)
    token = new_personal_token()
    made = NewToken(
        id=uuid.uuid4(),
        name=name,
        token=token,
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
        last_used_at=None,
    )
    connection.execute(
        insert(_TOKENS).values(
            id=made.id,
            user_id=user_id,
            name=made.name,
            token_hash=personal_token_digest(token),
            created_at=made.created_at,
            expires_at=made.expires_at,
        )
    )
    return made


def listing(*, connection: Connection, user_id: uuid.UUID) -> list[Row]:
    """The user's tokens, oldest first, without their digests."""
    return list(
        connection.execute(
            select(
                _TOKENS.c.id,
                _TOKENS.c.name,
                _TOKENS.c.created_at,
                _TOKENS.c.expires_at,
                _TOKENS.c.last_used_at,
            )
            .where(_TOKENS.c.user_id == user_id)
            .order_by(_TOKENS.c.created_at, _TOKENS.c.id)
        )
    )


def revoke(*, connection: Connection, user_id: uuid.UUID, token_id: str) -> None:
    """Delete the user's token; another user's answers like a missing one (404)."""
    try:
        key = uuid.UUID(token_id)
    except ValueError:
        key = None
    revoked = (
        connection.execute(
            delete(_TOKENS).where(_TOKENS.c.id == key, _TOKENS.c.user_id == user_id)
        ).rowcount
        if key
        else 0
    )
    if revoked == 0:
        raise NotFound(f"Token {token_id} does not exist.")


# The account behind a token and the token's own state, in one statement: a
# request with a personal access token costs what one with a JWT does, plus
# the `lastUsedAt` write at most once a minute.
_BY_DIGEST = (
    select(*ACCOUNT_COLUMNS, _TOKENS.c.id, _TOKENS.c.expires_at, _TOKENS.c.last_used_at)
    .join_from(_TOKENS, _USERS, _USERS.c.id == _TOKENS.c.user_id)
    .where(_TOKENS.c.token_hash == bindparam("digest"))
)


def signed_in(*, connection: Connection, digest: str, now: datetime | None = None) -> Account:
    """The account of a token's digest; 401 for a revoked, expired or unknown token."""
    row = connection.execute(_BY_DIGEST, {"digest": digest}).first()
    now = now or datetime.now(UTC)
    if row is None:
        raise Unauthorized()
    *account, token_id, expires_at, last_used_at = row
    if expires_at is not None and _as_utc(expires_at) <= now:
        raise Unauthorized()
    if last_used_at is None or now - _as_utc(last_used_at) >= LAST_USED_RESOLUTION:
        connection.execute(update(_TOKENS).where(_TOKENS.c.id == token_id).values(last_used_at=now))
    return Account(*account)
