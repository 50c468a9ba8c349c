"""Accounts: registration, sign-in, profile, password change and deletion."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.security import SessionToken, hash_password, verify_password
from app.db.prepared import Prepared
from app.errors import Conflict, Forbidden, Unauthorized
from app.models import User


@dataclass(frozen=True, slots=True)
class Account:
    """The signed-in user as every request sees them: a plain row, no ORM entity."""

    id: uuid.UUID
    email: str
    name: str
    avatar_url: str | None
    timezone: str
    day_start_hour: int
    created_at: datetime
    token_version: int


def today_in(timezone: str, day_start_hour: int = 0, *, now: datetime | None = None) -> date:
    """The user's today: the date in `timezone` of `now` (default: this
    instant) minus `day_start_hour` hours (at 02:30 on Tuesday, a day that
    starts at 04:00 is still Monday)."""
    local = (now or datetime.now(UTC)).astimezone(ZoneInfo(timezone))
    return (local - timedelta(hours=day_start_hour)).date()


def possible_todays() -> tuple[date, date]:
    """The first and last date that is today for someone: time zones span
    UTC-12 to UTC+14 and a day may start up to 23 hours late. Statements that
    run before the account's time zone is known read the days of all of them."""
    now = datetime.now(UTC)
    return (now - timedelta(hours=12 + 23)).date(), (now + timedelta(hours=14)).date()


def today_for(user: Account | User) -> date:
    """The user's today, in the user's time zone and day start."""
    return today_in(user.timezone, user.day_start_hour)


# Built once and run on the request's connection, not the ORM: every
# authenticated request loads its user, and the ORM's identity map, state
# tracking and object construction cost more than the query.
_USERS = User.__table__
# The columns of an `Account`, in its order.
ACCOUNT_COLUMNS = (
    _USERS.c.id,
    _USERS.c.email,
    _USERS.c.name,
    _USERS.c.avatar_url,
    _USERS.c.timezone,
    _USERS.c.day_start_hour,
    _USERS.c.created_at,
    _USERS.c.token_version,
)
# The account a credential is valid for: parameters `user_id` and `version`
# (`SignedIn.version`). A statement that checks the credential itself
# (`SignedIn.checked_by`) selects from `users` with it.
ACCOUNT_MATCHES = and_(
    _USERS.c.id == bindparam("user_id"), _USERS.c.token_version == bindparam("version")
)
_ACCOUNT = Prepared("account", select(*ACCOUNT_COLUMNS).where(ACCOUNT_MATCHES))
# What a statement that checks the credential selects to know the account's today.
ACCOUNT_TODAY_COLUMNS = (_USERS.c.timezone, _USERS.c.day_start_hour)


def signed_in(*, connection: Connection, token: SessionToken) -> Account:
    """The account of a JWT's user; 401 when it has been deleted or its
    password changed since the token was issued."""
    return account(connection=connection, user_id=token.user_id, version=token.version)


def account(*, connection: Connection, user_id: uuid.UUID, version: int) -> Account:
    """The account `users.ACCOUNT_MATCHES`; 401 when there is none (deleted, or
    its token version is no longer `version`)."""
    rows = _ACCOUNT.rows(connection, {"user_id": user_id, "version": version})
    if not rows:
        raise Unauthorized()
    return Account(*rows[0])


def get_by_email(*, session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))


def register(*, session: Session, email: str, password: str, name: str, timezone: str) -> User:
    """Create an account; the email must be free."""
    if get_by_email(session=session, email=email) is not None:
        raise Conflict("An account with this email already exists.")
    user = User(email=email, password_hash=hash_password(password), name=name, timezone=timezone)
    session.add(user)
    try:
        session.commit()
    except IntegrityError as error:  # another request took the email meanwhile
        session.rollback()
        raise Conflict("An account with this email already exists.") from error
    return user


def authenticate(*, session: Session, email: str, password: str) -> User:
    """The user whose email and password match; one answer for every failure."""
    user = get_by_email(session=session, email=email)
    # An unknown email still pays for one hash verification: no timing oracle.
    if not verify_password(password, user.password_hash if user else None) or user is None:
        raise Unauthorized("Incorrect email or password.")
    return user


def update_profile(*, session: Session, user_id: uuid.UUID, changes: dict[str, object]) -> User:
    """Apply the fields the client sent (name, timezone, avatar_url)."""
    user = session.get(User, user_id)
    if user is None:  # deleted since the token was checked
        raise Unauthorized()
    for field, value in changes.items():
        setattr(user, field, value)
    session.commit()
    return user


def _password_hash(connection: Connection, user_id: uuid.UUID) -> str | None:
    row = connection.execute(select(_USERS.c.password_hash).where(_USERS.c.id == user_id)).first()
    if row is None:  # deleted since the token was checked
        raise Unauthorized()
    return row.password_hash


def change_password(
    *, connection: Connection, user_id: uuid.UUID, current_password: str, new_password: str
) -> None:
    """Set a new password; every JWT issued before answers 401 from then on.

    One statement, and only if the password is still the one just checked: of
    two changes at once, the second finds it changed and is refused, as it
    would be one after the other.
    """
    stored = _password_hash(connection, user_id)
    # An account that only signs in with Google has no password to give.
    if not verify_password(current_password, stored):
        raise Forbidden("The current password is not correct.")
    changed = connection.execute(
        update(_USERS)
        .where(_USERS.c.id == user_id, _USERS.c.password_hash == stored)
        .values(
            password_hash=hash_password(new_password),
            token_version=_USERS.c.token_version + 1,
        )
    )
    if changed.rowcount == 0:
        _password_hash(connection, user_id)  # 401 if the account was deleted meanwhile
        raise Forbidden("The current password is not correct.")


def delete_account(*, connection: Connection, user_id: uuid.UUID, password: str) -> None:
    """Delete the account with its habits, logs, badges and tokens.

    One DELETE of the user: every table that holds a user's rows refers to
    it `ON DELETE CASCADE`, so the database removes them all in the same
    statement, that is in one transaction (tests/security count every table).
    """
    if not verify_password(password, _password_hash(connection, user_id)):
        raise Forbidden("The password is not correct.")
    deleted = connection.execute(delete(_USERS).where(_USERS.c.id == user_id))
    if deleted.rowcount == 0:  # a parallel request deleted it first
        raise Unauthorized()
