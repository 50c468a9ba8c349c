"""Every model, imported here so `Base.metadata` knows all tables."""

from app.models.badge import Badge
from app.models.habit import Frequency, Habit
from app.models.habit_log import HabitLog, LogStatus
from app.models.personal_access_token import PersonalAccessToken
from app.models.user import User

__all__ = [
    "Badge",
    "Frequency",
    "Habit",
    "HabitLog",
    "LogStatus",
    "PersonalAccessToken",
    "User",
]
