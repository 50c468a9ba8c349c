import enum
import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Double, Enum, ForeignKey, String, false
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
    archived: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The habit's place in its owner's order, 0 first, archived habits included.
    position: Mapped[int]

    # The stored state (`app.services.habit_state.HabitState`), so that
    # neither reads nor writes walk the habit's history: every day before
    # `anchor` folded up into the runs and the strength, as of the anchor.
    anchor: Mapped[date]
    anchor_run: Mapped[int] = mapped_column(default=0, server_default="0")
    anchor_longest: Mapped[int] = mapped_column(default=0, server_default="0")
    anchor_score: Mapped[float] = mapped_column(Double, default=0.0, server_default="0")
    # Done days, every date (skipped days are not counted).
    total_logs: Mapped[int] = mapped_column(default=0, server_default="0")
