"""Property: whatever writes a habit goes through (logs added, changed and
undone, recent or far back, planned breaks, a new frequency or target) and
however the days pass, the habit as the API shows it (its stored state and
recent logs, read in one statement) equals the plain day-by-day computation
over every log in the database (`tests/services/reference.py`).

The services run as the routes run them, each on a `Database` of its own,
with the day they take for the user's today moved forward by the test.
"""

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db.session import Database
from app.models import Frequency, HabitLog, LogStatus
from app.services import breaks, habit_logs, habits, scores, users
from app.services.habits import HabitSummary
from tests.services.reference import reference_view

SETTINGS = [(Frequency.DAILY, 1), *((Frequency.WEEKLY, target) for target in range(1, 8))]


class Habit:
    """One habit driven through the services, on a simulated calendar."""

    def __init__(self, engine: Engine, session: Session, rng: random.Random, today: date) -> None:
        self.engine, self.session, self.rng, self.today = engine, session, rng, today
        user = users.register(
            session=session,
            email=f"property-{uuid.uuid4().hex[:8]}@example.com",
            password="Secret-123",
            name="Property",
            timezone="UTC",
        )
        self.user_id, self.version = user.id, user.token_version
        self.frequency, self.target = rng.choice(SETTINGS)
        created = self.run(
            lambda database: habits.create(
                session=database.session,
                user_id=self.user_id,
                today=self.today,
                title="Property",
                frequency=self.frequency,
                target=self.target,
            )
        )
        self.id = str(created.id)
        self.locked = self.optimistic = 0

    def run(self, action):
        database = Database(self.engine)
        try:
            return action(database)
        finally:
            database.close()

    def logs(self) -> dict[date, str]:
        rows = self.session.execute(
            select(HabitLog.date, HabitLog.status).where(HabitLog.habit_id == uuid.UUID(self.id))
        ).all()
        self.session.commit()
        return {day: status.value for day, status in rows}

    def shown(self, today: date) -> HabitSummary:
        return self.run(
            lambda database: habits.summary(
                connection=database.connection,
                user_id=self.user_id,
                habit_id=uuid.UUID(self.id),
                today=today,
            )
        )

    def pick_day(self) -> date:
        """Mostly today and the last days, as people log; sometimes weeks or
        years back, or a planned skip ahead."""
        kind = self.rng.random()
        if kind < 0.45:
            back = self.rng.choice([0, 0, 1, 2])
        elif kind < 0.7:
            back = self.rng.randrange(3, 30)
        elif kind < 0.85:
            back = self.rng.randrange(30, 900)
        else:
            back = -self.rng.randrange(1, 91)
        return self.today - timedelta(days=back)

    def write(self, logs: dict[date, str]) -> None:
        """One random write that the API accepts."""
        roll, day = self.rng.random(), self.pick_day()
        common = {
            "user_id": self.user_id,
            "version": self.version,
            "habit_id": self.id,
            "now": datetime.combine(self.today, time(12), UTC),  # today, in UTC
        }
        may_be_done = day <= self.today
        if roll < 0.06:
            self.rerate()
            return
        if roll < 0.12:
            length = self.rng.randrange(1, 15)
            first, last = day, min(day + timedelta(days=length - 1), self.today + timedelta(90))
            self.count(
                lambda database: breaks.take(
                    session=database.session,
                    first=first,
                    last=last,
                    user_id=self.user_id,
                    today=self.today,
                    habit_ids=[uuid.UUID(self.id)],
                )
            )
            return
        before = logs.get(day)
        if before is None:
            status = LogStatus.DONE if may_be_done and self.rng.random() < 0.75 else "skipped"
            self.count(
                lambda database: habit_logs.add(
                    database=database, day=day, status=LogStatus(status), note="n", **common
                )
            )
        elif self.rng.random() < 0.5:
            self.count(lambda database: habit_logs.remove(database=database, day=day, **common))
        else:
            status = "done" if before == "skipped" and may_be_done else "skipped"
            changes = {"status": LogStatus(status), "note": self.rng.choice([None, "x"])}
            self.count(
                lambda database: habit_logs.edit(
                    database=database, day=day, changes=changes, **common
                )
            )

    def count(self, action) -> None:
        def counted(database: Database) -> None:
            action(database)
            if database.in_transaction:
                self.locked += 1
            else:
                self.optimistic += 1

        self.run(counted)

    def rerate(self) -> None:
        self.frequency, self.target = self.rng.choice(SETTINGS)
        changes = {"frequency": self.frequency, "target": self.target}
        self.run(
            lambda database: habits.update(
                session=database.session,
                user_id=self.user_id,
                habit_id=self.id,
                today=self.today,
                changes=changes,
            )
        )


def assert_shown_like_reference(habit: Habit, logs: dict[date, str], today: date) -> None:
    shown = habit.shown(today)
    expected = reference_view(logs, habit.frequency, habit.target, today)
    assert (shown.frequency, shown.target) == (habit.frequency, habit.target)
    assert (
        shown.current_streak,
        shown.longest_streak,
        shown.total_logs,
        shown.period_count,
        shown.today_status,
    ) == (
        expected.current_streak,
        expected.longest_streak,
        expected.total_logs,
        expected.period_count,
        expected.today_status,
    )
    assert shown.logged_today == (expected.today_status == "done")
    # The state folds days in a different order from the reference: the
    # last bits of a float may differ, so a cut may land a millionth apart.
    assert shown.score == pytest.approx(scores.shown(expected.score), abs=1.01e-6)


@pytest.mark.parametrize("seed", range(6))
def test_the_habit_as_shown_equals_the_day_by_day_computation(
    engine: Engine, session: Session, seed: int
) -> None:
    rng = random.Random(f"stored-state-{seed}")
    today = date(2025, 1, 1) + timedelta(days=rng.randrange(600))
    habit = Habit(engine, session, rng, today)
    for _ in range(45):
        # Days pass; now and then the clock reads a day behind (a time zone moved west).
        habit.today += timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 5, 30, -1]))
        habit.write(habit.logs())
        logs = habit.logs()
        assert_shown_like_reference(habit, logs, habit.today)
        later = habit.today + timedelta(days=rng.choice([1, 3, 9, 40, 200]))
        assert_shown_like_reference(habit, logs, later)
    assert habit.optimistic > 0 and habit.locked > 0  # both branches ran
