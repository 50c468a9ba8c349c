"""`Prepared` answers what its statement answers, prepares once per server
session, prepares again after a reset (`DISCARD ALL`) or on a connection that
replaced a lost one, fails as SQLAlchemy would, and is plain SQL when the
engine says a transaction pooler sits in between."""

import uuid

import pytest
from sqlalchemy import Engine, String, bindparam, cast, func, select, text
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.orm import Session

from app.db.prepared import PREPARE_OPTION, Prepared
from app.models import Frequency, Habit, User
from tests.utils.models import habit_row
from tests.utils.statements import count_statements

_HABITS = Habit.__table__
# A constant (coalesce's 0), a separator rendered at execution (string_agg's)
# and typed parameters, as in the product's statements.
STATEMENT = select(
    func.coalesce(func.sum(_HABITS.c.target), 0).label("targets"),
    func.aggregate_strings(cast(_HABITS.c.frequency, String), ",").label("frequencies"),
).where(_HABITS.c.user_id == bindparam("user_id"), _HABITS.c.target >= bindparam("least"))
PREPARED = Prepared("test_habit_targets", STATEMENT)
NOBODY = {"user_id": uuid.uuid4(), "least": 1}


def first_words(statements: list[str]) -> list[str]:
    return [statement.split()[0] for statement in statements]


def test_answers_like_its_statement_and_prepares_once(engine: Engine, session: Session) -> None:
    user = User(email="prepared@example.com", password_hash="x", name="P")
    session.add(user)
    session.flush()
    for target, frequency in ((1, Frequency.DAILY), (3, Frequency.WEEKLY), (5, Frequency.WEEKLY)):
        session.add(habit_row(user.id, frequency=frequency, target=target))
    session.commit()
    params = {"user_id": user.id, "least": 2}
    with engine.connect() as connection:
        expected = connection.execute(STATEMENT, params).one()
        with count_statements(connection) as first:
            [answer] = PREPARED.rows(connection, params)
        with count_statements(connection) as second:
            [again] = PREPARED.rows(connection, params)

    assert answer == again == expected
    assert answer.targets == 8 and answer.frequencies == "weekly,weekly"
    assert first_words(first) == ["PREPARE", "EXECUTE"]
    assert first_words(second) == ["EXECUTE"]


def test_a_reset_server_session_is_healed_on_the_next_call(engine: Engine) -> None:
    """A pooler's reset (DISCARD ALL) drops the server's prepared statements."""
    with engine.connect() as connection:
        PREPARED.rows(connection, NOBODY)
        connection.exec_driver_sql("DISCARD ALL")
        with count_statements(connection) as statements:
            assert PREPARED.rows(connection, NOBODY)[0].targets == 0
        assert first_words(statements) == ["EXECUTE", "PREPARE", "EXECUTE"]
        # And from then on, prepared as usual.
        with count_statements(connection) as statements:
            PREPARED.rows(connection, NOBODY)
        assert first_words(statements) == ["EXECUTE"]


def test_a_replaced_connection_prepares_again(engine: Engine) -> None:
    with engine.connect() as connection:
        assert PREPARED.rows(connection, NOBODY)[0].targets == 0
        connection.invalidate()  # as after a restart: the pool drops the DBAPI connection
        connection.rollback()
        with count_statements(connection) as statements:
            assert PREPARED.rows(connection, NOBODY)[0].targets == 0
        assert first_words(statements) == ["PREPARE", "EXECUTE"]


def test_a_lost_connection_is_a_sqlalchemy_error_and_replaced(engine: Engine) -> None:
    with engine.connect() as connection:
        PREPARED.rows(connection, NOBODY)
        backend = connection.connection.dbapi_connection.info.backend_pid
        with engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})

        with pytest.raises(DBAPIError) as lost:
            PREPARED.rows(connection, NOBODY)
        assert lost.value.connection_invalidated  # the API answers 503 to this
        connection.rollback()
        # A new connection, on which the statement is prepared again.
        assert PREPARED.rows(connection, NOBODY)[0].targets == 0


def test_a_bad_value_is_a_sqlalchemy_error_and_keeps_the_connection(engine: Engine) -> None:
    with engine.connect() as connection:
        with pytest.raises(DataError) as bad:
            PREPARED.rows(connection, {"user_id": uuid.uuid4(), "least": 2**40})  # not an INTEGER
        assert not bad.value.connection_invalidated
        connection.rollback()
        assert PREPARED.rows(connection, NOBODY)[0].targets == 0


def test_fails_with_the_error_sqlalchemy_raises_for_the_same_statement(engine: Engine) -> None:
    """`Prepared` runs on the DBAPI cursor and raises what `exec_driver_sql`
    raises for the same failure (SQLAlchemy's `DBAPIError.instance` and the
    dialect's `is_disconnect`, app.db.prepared): when a SQLAlchemy upgrade
    changes how it wraps driver errors, this fails."""
    too_big = 2**40  # not an INTEGER
    with engine.connect() as connection:
        with pytest.raises(DBAPIError) as ours:
            PREPARED.rows(connection, {"user_id": uuid.uuid4(), "least": too_big})
        sent = ours.value.statement, ours.value.params
        with pytest.raises(DBAPIError) as theirs:
            connection.exec_driver_sql(*sent)  # the same EXECUTE, through SQLAlchemy
    assert type(ours.value) is type(theirs.value) is DataError
    assert ours.value.orig.pgcode == theirs.value.orig.pgcode  # type: ignore[union-attr]
    assert ours.value.connection_invalidated is theirs.value.connection_invalidated is False
    assert sent[0].startswith("EXECUTE test_habit_targets(") and too_big in sent[1]


def test_behind_a_transaction_pooler_it_is_plain_sql(engine: Engine) -> None:
    pooled = engine.execution_options(**{PREPARE_OPTION: False})
    with pooled.connect() as connection, count_statements(connection) as statements:
        assert PREPARED.rows(connection, NOBODY)[0].targets == 0
    assert first_words(statements) == ["SELECT"]


def test_two_statements_cannot_share_a_name() -> None:
    """The second would have answered with the first one's rows."""
    with pytest.raises(ValueError, match="test_habit_targets"):
        Prepared("test_habit_targets", select(_HABITS.c.id))


def test_in_a_transaction_it_is_plain_sql(engine: Engine) -> None:
    """A failed EXECUTE would abort the transaction, leaving nothing to retry with."""
    with engine.connect() as connection:
        connection.execution_options(isolation_level="READ COMMITTED")
        with count_statements(connection) as statements:
            assert PREPARED.rows(connection, NOBODY)[0].targets == 0
        connection.rollback()
    assert first_words(statements) == ["SELECT"]
