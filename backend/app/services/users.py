"""Accounts: registration, sign-in and profile."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.security import hash_password, verify_password
from app.errors import Conflict, Unauthorized
from app.models import User


def today_for(user: User) -> date:
    """The user's today, in the user's time zone."""
    return datetime.now(ZoneInfo(user.timezone)).date()


def get(*, session: Session, user_id: uuid.UUID) -> User | None:
    return session.get(User, user_id)


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


def update_profile(*, session: Session, user: User, changes: dict[str, object]) -> User:
    """Apply the fields the client sent (name, timezone, avatar_url)."""
    for field, value in changes.items():
        setattr(user, field, value)
    session.commit()
    return user
