"""A password change or an account deletion racing another request gets the
answer a sequential order would give (contract §2: races are never a 500).

The other request is made to land between the password check and the write:
a cursor event runs it on another connection just before the write is sent.
"""

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, Engine, delete, event, update

from app.errors import Forbidden, Unauthorized
from app.models import User
from app.services import users
from tests.utils.api import PASSWORD, unique_email


@pytest.fixture
def user_id(engine: Engine) -> uuid.UUID:
    with engine.connect() as connection:
        user_id = uuid.uuid4()
        connection.execute(
            User.__table__.insert().values(
                id=user_id,
                email=unique_email(),
                password_hash=users.hash_password(PASSWORD),
                name="Racer",
            )
        )
        return user_id


@contextmanager
def before_write(
    engine: Engine, connection: Connection, verb: str, meanwhile: Callable[[Connection], object]
) -> Iterator[None]:
    """Run `meanwhile` on another connection right before `connection` sends a `verb` statement."""

    done = False

    def interleave(_conn, _cursor, statement: str, *_args) -> None:
        nonlocal done
        if statement.startswith(verb) and not done:
            done = True
            with engine.connect() as other:
                meanwhile(other)

    event.listen(connection, "before_cursor_execute", interleave)
    try:
        yield
    finally:
        event.remove(connection, "before_cursor_execute", interleave)
    assert done, f"no {verb} statement was sent"


def _deleted(user_id: uuid.UUID) -> Callable[[Connection], object]:
    return lambda other: other.execute(delete(User).where(User.id == user_id))


def _password_changed(user_id: uuid.UUID) -> Callable[[Connection], object]:
    new_hash = users.hash_password("changed elsewhere")
    return lambda other: other.execute(
        update(User).where(User.id == user_id).values(password_hash=new_hash)
    )


@pytest.mark.parametrize(
    ("meanwhile", "error"), [(_password_changed, Forbidden), (_deleted, Unauthorized)]
)
def test_a_password_change_that_loses_a_race(
    engine: Engine, user_id: uuid.UUID, meanwhile, error
) -> None:
    with (
        engine.connect() as connection,
        before_write(engine, connection, "UPDATE users", meanwhile(user_id)),
        pytest.raises(error),
    ):
        users.change_password(
            connection=connection,
            user_id=user_id,
            current_password=PASSWORD,
            new_password="mine, not yours",
        )


def test_a_deletion_that_loses_a_race(engine: Engine, user_id: uuid.UUID) -> None:
    with (
        engine.connect() as connection,
        before_write(engine, connection, "DELETE FROM users", _deleted(user_id)),
        pytest.raises(Unauthorized),
    ):
        users.delete_account(connection=connection, user_id=user_id, password=PASSWORD)


@pytest.mark.parametrize("action", ["change", "delete"])
def test_an_account_gone_before_the_check(engine: Engine, action: str) -> None:
    with engine.connect() as connection, pytest.raises(Unauthorized):
        if action == "change":
            users.change_password(
                connection=connection,
                user_id=uuid.uuid4(),
                current_password=PASSWORD,
                new_password="whatever it is",
            )
        else:
            users.delete_account(connection=connection, user_id=uuid.uuid4(), password=PASSWORD)
