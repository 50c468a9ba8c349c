"""Password hashing and JWT access tokens; nothing else."""

import time
import uuid
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from jose import JWTError, jwk, jwt
from jose.backends.base import Key
from passlib.context import CryptContext

# bcrypt_sha256 pre-hashes with SHA-256, so passwords that share their first
# 72 bytes do not verify for each other (plain bcrypt truncates at 72).
_passwords = CryptContext(schemes=["bcrypt_sha256"], deprecated="auto")
# Verified when the email is unknown so that login takes as long either way.
# Made at import on purpose: made lazily, the first unknown-email login would
# pay an extra hash and stand out.
_DUMMY_HASH = _passwords.hash("not-a-real-password-used-for-timing")


class InvalidToken(Exception):
    """The bearer token is missing, malformed, expired or forged."""


def hash_password(password: str) -> str:
    return _passwords.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password; with no hash, burn the same time and fail."""
    if password_hash is None:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    return _passwords.verify(password, password_hash)


def create_access_token(
    user_id: uuid.UUID, *, secret: str, expires_minutes: int, now: datetime | None = None
) -> str:
    issued = now or datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "iat": int(issued.timestamp()),
        "exp": int((issued + timedelta(minutes=expires_minutes)).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm="HS256")


@lru_cache(maxsize=4)
def _hs256_key(secret: str) -> Key:
    # Given the secret as a string, python-jose tries to parse it as a JSON
    # key set and builds a key object on every decode; built once instead.
    return jwk.construct(secret, "HS256")


@lru_cache(maxsize=8192)
def _verified(token: str, secret: str) -> tuple[uuid.UUID, int]:
    """The user id and expiry of a token whose signature and claims check out.

    Cached: a session sends the same token with every request, and checking
    it again (base64, JSON, HMAC, every claim) is the largest piece of work an
    authenticated read does on the event loop. A token that fails raises, and
    failures are not cached; the expiry is checked again on every use.
    """
    claims = jwt.decode(
        token,
        _hs256_key(secret),
        algorithms=["HS256"],
        options={"require_exp": True, "require_iat": True, "require_sub": True},
    )
    # python-jose reads a numeric string as a time; RFC 7519 says a NumericDate is a number.
    for claim in ("exp", "iat"):
        if isinstance(claims[claim], bool) or not isinstance(claims[claim], int | float):
            raise InvalidToken(f"claim {claim!r} is not a number")
    if not isinstance(claims["sub"], str):
        raise InvalidToken("claim 'sub' is not a string")
    return uuid.UUID(claims["sub"]), claims["exp"]


def decode_access_token(token: str, *, secret: str) -> uuid.UUID:
    """Return the user id of a valid HS256 token with `sub`, `iat` and `exp`."""
    try:
        user_id, expires = _verified(token, secret)
    except InvalidToken:
        raise
    except (JWTError, ValueError, TypeError, KeyError, OverflowError) as error:
        raise InvalidToken(str(error)) from error
    if expires < time.time():  # python-jose's own rule: expired once `exp` is past
        raise InvalidToken("Signature has expired.")
    return user_id
