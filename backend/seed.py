"""Demo data: `demo@example.com` / `Demo123!` with a daily and a weekly habit.

Idempotent: when the demo user exists, nothing is touched. Every write goes
through the same services, one `Database` per write, as the API's requests do.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine

from app.core.config import get_settings
from app.db.session import Database, build_engine
from app.models import Frequency
from app.services import habit_logs, habits, users

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "Demo123!"
# Days ago the daily habit was kept: a live 9-day streak up to yesterday,
# after a gap, and an older run before it.
DAILY_DAYS_AGO = [*range(1, 10), *range(12, 22)]
# Weekday offsets (0 = Monday) kept in each of the last three weeks: 3 a week.
WEEKLY_WEEKDAYS = [0, 2, 4]


@contextmanager
def _database(engine: Engine) -> Iterator[Database]:
    database = Database(engine)
    try:
        yield database
    finally:
        database.close()


def seed(engine: Engine | None = None) -> bool:
    """Create the demo account; returns False when it already existed."""
    engine = engine or build_engine(get_settings())
    with _database(engine) as database:
        session = database.session
        if users.get_by_email(session=session, email=DEMO_EMAIL) is not None:
            return False
        user = users.register(
            session=session,
            email=DEMO_EMAIL,
            password=DEMO_PASSWORD,
            name="Demo User",
            timezone="UTC",
        )
        today = users.today_for(user)
        reading = habits.create(
            session=session,
            user_id=user.id,
            today=today,
            title="Read 20 pages",
            frequency=Frequency.DAILY,
            target=1,
        )
        running = habits.create(
            session=session,
            user_id=user.id,
            today=today,
            title="Run 5 km",
            frequency=Frequency.WEEKLY,
            target=3,
        )
    this_monday = today - timedelta(days=today.weekday())
    days = [(reading.id, today - timedelta(days=ago)) for ago in DAILY_DAYS_AGO] + [
        (running.id, this_monday - timedelta(weeks=weeks_ago) + timedelta(days=weekday))
        for weeks_ago in (1, 2, 3)
        for weekday in WEEKLY_WEEKDAYS
    ]
    for habit_id, day in days:
        with _database(engine) as database:
            habit_logs.add(
                database=database,
                user_id=user.id,
                version=user.token_version,
                habit_id=str(habit_id),
                day=day,
            )
    return True


if __name__ == "__main__":
    created = seed()
    print("seeded the demo user" if created else "demo user already there; nothing changed")
