"""Demo data: `demo@example.com` / `Demo123!` with a daily and a weekly habit.

Idempotent: when the demo user exists, nothing is touched.
"""

from datetime import date, timedelta

from app.db.session import SessionLocal, on_session
from app.models import Frequency, Habit
from app.services import habit_logs, habits, users

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "Demo123!"
# Days ago the daily habit was kept: a live 9-day streak up to yesterday,
# after a gap, and an older run before it.
DAILY_DAYS_AGO = [*range(1, 10), *range(12, 22)]
# Weekday offsets (0 = Monday) kept in each of the last three weeks: 3 a week.
WEEKLY_WEEKDAYS = [0, 2, 4]


def seed() -> bool:
    """Create the demo account; returns False when it already existed."""
    with SessionLocal() as session:
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
            title="Read 20 pages",
            frequency=Frequency.DAILY,
            target=1,
        )
        running = habits.create(
            session=session,
            user_id=user.id,
            title="Run 5 km",
            frequency=Frequency.WEEKLY,
            target=3,
        )

        database = on_session(session)

        def log(habit: Habit, day: date) -> None:
            # Through the same service as the log routes, on this one session.
            habit_logs.add(
                database=database,
                user_id=user.id,
                habit_id=str(habit.id),
                day=day,
            )

        for days_ago in DAILY_DAYS_AGO:
            log(reading, today - timedelta(days=days_ago))
        this_monday = today - timedelta(days=today.weekday())
        for weeks_ago in (1, 2, 3):
            monday = this_monday - timedelta(weeks=weeks_ago)
            for weekday in WEEKLY_WEEKDAYS:
                log(running, monday + timedelta(days=weekday))
        # The writes that took the optimistic path ran in this transaction.
        session.commit()
        return True


if __name__ == "__main__":
    created = seed()
    print("seeded the demo user" if created else "demo user already there; nothing changed")
