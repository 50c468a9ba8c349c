import uuid
from datetime import date

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models._columns import CreatedAt, UuidPk


class HabitLog(Base):
    __tablename__ = "habit_logs"
    # Also the index every ranged read goes through.
    __table_args__ = (UniqueConstraint("habit_id", "date"),)

    id: Mapped[UuidPk]
    habit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("habits.id", ondelete="CASCADE"))
    date: Mapped[date]
    created_at: Mapped[CreatedAt]
