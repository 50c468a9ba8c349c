from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models._columns import CreatedAt, UuidPk


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("day_start_hour BETWEEN 0 AND 23", name="day_start_hour_range"),
    )

    id: Mapped[UuidPk]
    email: Mapped[str] = mapped_column(String(320), unique=True)
    # None for accounts that only ever signed in with Google.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(100))
    avatar_url: Mapped[str | None] = mapped_column(String(2048))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # The hour at which the user's day begins (a night owl's Monday lasts until 04:00 on Tuesday).
    day_start_hour: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[CreatedAt]
    # Raised by every password change; a JWT of an older version is refused
    # (its `ver` claim, 0 when absent, must equal this).
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")
