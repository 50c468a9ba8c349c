import uuid
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Badge, Frequency, Habit, HabitLog, User
from tests.utils.models import habit_row


def make_user(session: Session, email: str = "db@example.com") -> User:
    user = User(email=email, password_hash="x", name="DB")
    session.add(user)
    session.flush()
    return user


def make_habit(session: Session, user: User) -> Habit:
    habit = habit_row(user.id)
    session.add(habit)
    session.flush()
    return habit


def test_one_log_per_habit_and_date(session: Session) -> None:
    habit = make_habit(session, make_user(session))
    session.add(HabitLog(habit_id=habit.id, date=date(2026, 1, 1)))
    session.flush()
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(HabitLog(habit_id=habit.id, date=date(2026, 1, 1)))


def test_badge_once_per_user_and_code_but_for_every_user(session: Session) -> None:
    first, second = make_user(session, "a@example.com"), make_user(session, "b@example.com")
    session.add_all(
        [Badge(user_id=first.id, code="first_log"), Badge(user_id=second.id, code="first_log")]
    )
    session.flush()
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(Badge(user_id=first.id, code="first_log"))


def test_target_must_be_between_1_and_7(session: Session) -> None:
    user = make_user(session)
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(habit_row(user.id, frequency=Frequency.WEEKLY, target=8))


def test_deleting_a_user_cascades_to_habits_logs_and_badges(session: Session) -> None:
    user = make_user(session)
    habit = make_habit(session, user)
    session.add_all(
        [
            HabitLog(habit_id=habit.id, date=date(2026, 1, 1)),
            Badge(user_id=user.id, code="first_log"),
        ]
    )
    session.flush()
    session.delete(user)
    session.flush()
    session.expunge_all()
    for model in (Habit, HabitLog, Badge):
        assert session.scalar(select(func.count()).select_from(model)) == 0


def test_a_log_needs_an_existing_habit(session: Session) -> None:
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(HabitLog(habit_id=uuid.uuid4(), date=date(2026, 1, 1)))
