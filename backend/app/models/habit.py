import enum
import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models._columns import CreatedAt, UuidPk


class Frequency(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class Habit(Base):
    __tablename__ = "habits"
    __table_args__ = (CheckConstraint("target BETWEEN 1 AND 7", name="target_range"),)

    id: Mapped[UuidPk]
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(100))
    frequency: Mapped[Frequency] = mapped_column(
        Enum(Frequency, name="habit_frequency", values_callable=lambda e: [m.value for m in e])
    )
    target: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[CreatedAt]

    # Streak state, recomputed from the log dates on every write so that reads
    # never scan a habit's history (see app.services.streaks).
    last_run_end: Mapped[date | None] = mapped_column(default=None)
    last_run_length: Mapped[int] = mapped_column(default=0, server_default="0")
    longest_streak: Mapped[int] = mapped_column(default=0, server_default="0")
    total_logs: Mapped[int] = mapped_column(default=0, server_default="0")
