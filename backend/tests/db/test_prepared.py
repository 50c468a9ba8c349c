"""`Prepared` answers what its statement answers, prepares once per connection,
prepares again on a connection that replaced an invalidated one, and fails
as SQLAlchemy would (its exceptions, a lost connection invalidated)."""

import uuid

import pytest
from sqlalchemy import String, bindparam, cast, func, select, text
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.orm import Session

from app.db.prepared import Prepared
from app.db.session import engine
from app.models import Frequency, Habit, User
from tests.db.test_query_count import count_statements

_HABITS = Habit.__table__
# A constant (coalesce's 0), a separator rendered at execution (string_agg's)
# and typed parameters, as in the product's statements.
STATEMENT = select(
    func.coalesce(func.sum(_HABITS.c.target), 0).label("targets"),
    func.aggregate_strings(cast(_HABITS.c.frequency, String), ",").label("frequencies"),
).where(_HABITS.c.user_id == bindparam("user_id"), _HABITS.c.target >= bindparam("least"))
PREPARED = Prepared("test_habit_targets", STATEMENT)


def test_answers_like_its_statement_and_prepares_once(session: Session) -> None:
    user = User(email="prepared@example.com", password_hash="x", name="P")
    session.add(user)
    session.flush()
    for target, frequency in ((1, Frequency.DAILY), (3, Frequency.WEEKLY), (5, Frequency.WEEKLY)):
        session.add(Habit(user_id=user.id, title="T", frequency=frequency, target=target))
    session.flush()
    connection = session.connection()
    params = {"user_id": user.id, "least": 2}

    expected = connection.execute(STATEMENT, params).one()
    with count_statements(connection) as first:
        [answer] = PREPARED.rows(connection, params)
    with count_statements(connection) as second:
        [again] = PREPARED.rows(connection, params)

    assert answer == again == expected
    assert answer.targets == 8 and answer.frequencies == "weekly,weekly"
    assert [statement.split()[0] for statement in first] == ["PREPARE", "EXECUTE"]
    assert [statement.split()[0] for statement in second] == ["EXECUTE"]


def test_a_replaced_connection_prepares_again() -> None:
    params = {"user_id": uuid.uuid4(), "least": 1}
    with engine.connect() as connection:
        assert PREPARED.rows(connection, params)[0].targets == 0
        connection.invalidate()  # as after a restart: the pool drops the DBAPI connection
        connection.rollback()
        with count_statements(connection) as statements:
            assert PREPARED.rows(connection, params)[0].targets == 0
        assert [statement.split()[0] for statement in statements] == ["PREPARE", "EXECUTE"]


def test_a_lost_connection_is_a_sqlalchemy_error_and_replaced() -> None:
    params = {"user_id": uuid.uuid4(), "least": 1}
    with engine.connect() as connection:
        PREPARED.rows(connection, params)
        backend = connection.connection.dbapi_connection.info.backend_pid
        with engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})

        with pytest.raises(DBAPIError) as lost:
            PREPARED.rows(connection, params)
        assert lost.value.connection_invalidated  # the API answers 503 to this
        connection.rollback()
        # A new connection, on which the statement is prepared again.
        assert PREPARED.rows(connection, params)[0].targets == 0


def test_a_bad_value_is_a_sqlalchemy_error_and_keeps_the_connection() -> None:
    with engine.connect() as connection:
        with pytest.raises(DataError) as bad:
            PREPARED.rows(connection, {"user_id": uuid.uuid4(), "least": 2**40})  # not an INTEGER
        assert not bad.value.connection_invalidated
        connection.rollback()
        assert PREPARED.rows(connection, {"user_id": uuid.uuid4(), "least": 1})[0].targets == 0
