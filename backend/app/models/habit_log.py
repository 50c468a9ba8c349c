import enum
import uuid
from datetime import date

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models._columns import CreatedAt, UuidPk


class LogStatus(enum.StrEnum):
    """A logged day: kept (`done`), or `skipped` (a holiday, illness, a planned break)."""

    DONE = "done"
    SKIPPED = "skipped"


NOTE_MAX_LENGTH = 500


class HabitLog(Base):
    __tablename__ = "habit_logs"
    # Also the index every ranged read goes through.
    __table_args__ = (UniqueConstraint("habit_id", "date"),)

    id: Mapped[UuidPk]
    habit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("habits.id", ondelete="CASCADE"))
    date: Mapped[date]
    status: Mapped[LogStatus] = mapped_column(
        Enum(LogStatus, name="log_status", values_callable=lambda e: [m.value for m in e]),
        default=LogStatus.DONE,
        server_default=LogStatus.DONE.value,
    )
    note: Mapped[str | None] = mapped_column(String(NOTE_MAX_LENGTH))
    created_at: Mapped[CreatedAt]
