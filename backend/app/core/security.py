"""Password hashing, JWT access tokens and personal access tokens; nothing else."""

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
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


PERSONAL_TOKEN_PREFIX = "fht_"  # noqa: S105 - a public marker, not a secret


class InvalidToken(Exception):
    """The bearer token is missing, malformed, expired or forged."""


@dataclass(frozen=True, slots=True)
class SessionToken:
    """A signed-in session's JWT: whose, and which of the user's token versions."""

    user_id: uuid.UUID
    version: int


@dataclass(frozen=True, slots=True)
class PersonalToken:
    """A personal access token, known by its digest until the database is asked."""

    digest: str


def hash_password(password: str) -> str:
    return _passwords.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password; with no hash, burn the same time and fail."""
    if password_hash is None:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    return _passwords.verify(password, password_hash)


def create_access_token(
    user_id: uuid.UUID,
    *,
    secret: str,
    expires_minutes: int,
    version: int = 0,
    now: datetime | None = None,
) -> str:
    """A JWT for the user's current token `version` (raised by a password change)."""
    issued = now or datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": str(user_id),
        "iat": int(issued.timestamp()),
        "exp": int((issued + timedelta(minutes=expires_minutes)).timestamp()),
    }
    # Left out at 0: until a user first changes their password their tokens
    # carry exactly the contract's claims (and tokens from before versions
    # existed stay valid).
    if version:
        claims["ver"] = version
    return jwt.encode(claims, secret, algorithm="HS256")


@lru_cache(maxsize=4)
def _hs256_key(secret: str) -> Key:
    # Given the secret as a string, python-jose tries to parse it as a JSON
    # key set and builds a key object on every decode; built once instead.
    return jwk.construct(secret, "HS256")


@lru_cache(maxsize=8192)
def _verified(token: str, secret: str) -> tuple[SessionToken, int]:
    """The session and expiry of a token whose signature and claims check out.

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
    version = claims.get("ver", 0)
    if isinstance(version, bool) or not isinstance(version, int) or not 0 <= version < 2**31:
        raise InvalidToken("claim 'ver' is not a token version")
    return SessionToken(uuid.UUID(claims["sub"]), version), claims["exp"]


def decode_access_token(token: str, *, secret: str) -> SessionToken:
    """The session of a valid HS256 token with `sub`, `iat` and `exp` (and maybe `ver`)."""
    try:
        session, expires = _verified(token, secret)
    except InvalidToken:
        raise
    except (JWTError, ValueError, TypeError, KeyError, OverflowError) as error:
        raise InvalidToken(str(error)) from error
    if expires < time.time():  # python-jose's own rule: expired once `exp` is past
        raise InvalidToken("Signature has expired.")
    return session


def new_personal_token() -> str:
    """A new personal access token: the prefix and 256 bits from the OS's CSPRNG."""
    return PERSONAL_TOKEN_PREFIX + secrets.token_urlsafe(32)


def personal_token_digest(token: str) -> str:
    """The form a personal access token is stored and looked up in.

    SHA-256, unsalted and fast, on purpose: the token is 256 random bits, so
    nobody can guess one from its digest however fast the hash (a slow salted
    hash such as bcrypt protects guessable secrets like passwords). A plain
    digest is also what the unique index finds in one lookup on every
    request, where bcrypt would cost a quarter of a second per request.
    """
    return hashlib.sha256(token.encode()).hexdigest()


def read_bearer(token: str, *, secret: str) -> SessionToken | PersonalToken:
    """What a bearer token claims, checked without I/O (the database says the rest)."""
    if token.startswith(PERSONAL_TOKEN_PREFIX):
        return PersonalToken(personal_token_digest(token))
    return decode_access_token(token, secret=secret)
