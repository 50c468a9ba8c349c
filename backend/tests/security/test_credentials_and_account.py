"""Personal access tokens, password changes and account deletion, as an attacker sees them.

API1 (another user's token), API2 (revoked, expired and pre-change
credentials; tokens at rest), API5 (a token on the account's own routes), and
the promise that a deleted account leaves nothing behind.
"""

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.orm import Session

from app.db.base import Base
from app.models import PersonalAccessToken, User
from tests.security.conftest import Victim
from tests.utils.api import (
    PASSWORD,
    assert_problem,
    bearer,
    change_password,
    create_habit,
    create_token,
    delete_account,
    log,
    register,
    unique_email,
)


async def test_an_intruders_token_reaches_none_of_the_victims_data(
    client: AsyncClient, victim: Victim, intruder: dict[str, str]
) -> None:
    before = await victim.snapshot(client)
    victims_token = await create_token(client, victim.headers, name="victim's")
    intruders_own = await create_token(client, intruder)
    intruders = bearer(intruders_own["token"])
    habit_id = victim.habit["id"]

    assert_problem(await client.get(f"/habits/{habit_id}", headers=intruders), 404)
    assert_problem(await client.delete(f"/habits/{habit_id}", headers=intruders), 404)
    assert (await client.get("/habits", headers=intruders)).json() == []
    # Nor the victim's tokens, with the intruder's password sign-in.
    revoke = await client.delete(f"/auth/tokens/{victims_token['id']}", headers=intruder)
    assert_problem(revoke, 404)
    listed = (await client.get("/auth/tokens", headers=intruder)).json()
    assert [token["id"] for token in listed] == [intruders_own["id"]]
    assert (await client.get("/habits", headers=bearer(victims_token["token"]))).is_success
    assert await victim.snapshot(client) == before


async def test_revoked_and_expired_tokens_are_401_like_any_bad_token(
    client: AsyncClient, session: Session
) -> None:
    headers = await register(client)
    revoked = await create_token(client, headers)
    expired = await create_token(client, headers, expiresInDays=1)
    await client.delete(f"/auth/tokens/{revoked['id']}", headers=headers)
    session.execute(
        update(PersonalAccessToken)
        .where(PersonalAccessToken.id == uuid.UUID(expired["id"]))
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    session.commit()
    anonymous = (await client.get("/habits")).json()
    for made in (revoked, expired):
        response = await client.get("/habits", headers=bearer(made["token"]))
        assert assert_problem(response, 401) == anonymous
        assert response.headers["www-authenticate"] == "Bearer"
    # A token that differs in its last character is no token at all.
    alive = await create_token(client, headers)
    flipped = alive["token"][:-1] + ("A" if alive["token"][-1] != "A" else "B")
    assert_problem(await client.get("/habits", headers=bearer(flipped)), 401)


async def test_a_stolen_token_cannot_take_over_the_account(client: AsyncClient) -> None:
    """With a token and even the password, nothing on the account's own
    routes: no session (refresh), no new token, no password change, no deletion."""
    email = unique_email()
    headers = await register(client, email=email)
    made = await create_token(client, headers)
    stolen = bearer(made["token"])
    attempts = [
        ("POST", "/auth/refresh", None),
        ("POST", "/auth/password", {"currentPassword": PASSWORD, "newPassword": "owned!owned"}),
        ("DELETE", "/auth/me", {"password": PASSWORD}),
        ("POST", "/auth/tokens", {"name": "persistence"}),
        ("GET", "/auth/tokens", None),
        ("DELETE", f"/auth/tokens/{made['id']}", None),
    ]
    for method, path, body in attempts:
        response = await client.request(method, path, json=body, headers=stolen)
        assert assert_problem(response, 403)["detail"].startswith("A personal access token")
        assert "www-authenticate" not in response.headers  # not a sign-out
    login = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200
    tokens = (await client.get("/auth/tokens", headers=headers)).json()
    assert [token["id"] for token in tokens] == [made["id"]]


def _every_stored_value(engine: Engine) -> str:
    """Every column of every row of every table, as text."""
    with engine.connect() as connection:
        return "\n".join(
            str(value)
            for table in Base.metadata.sorted_tables
            for row in connection.execute(select(table))
            for value in row
        )


async def test_tokens_are_stored_only_as_digests(
    client: AsyncClient, engine: Engine, session: Session
) -> None:
    headers = await register(client)
    made = [await create_token(client, headers, name=f"t{number}") for number in range(3)]
    for each in made:
        await client.get("/habits", headers=bearer(each["token"]))  # used: lastUsedAt written

    stored = _every_stored_value(engine)
    for each in made:
        secret_part = each["token"].removeprefix("fht_")
        assert secret_part not in stored
        assert secret_part[:16] not in stored  # not even a piece of it
    digests = set(session.scalars(select(PersonalAccessToken.token_hash)))
    assert digests == {hashlib.sha256(each["token"].encode()).hexdigest() for each in made}
    # Nor does any response after the first one carry it.
    listed = (await client.get("/auth/tokens", headers=headers)).text
    assert all(each["token"] not in listed for each in made)
    assert "hash" not in listed.lower()


async def test_sessions_from_before_a_password_change_are_over(
    client: AsyncClient, victim: Victim
) -> None:
    """The owner changes the password after a session was stolen: the thief's
    copy stops working everywhere, and cannot be renewed either."""
    stolen = dict(victim.headers)
    assert (await change_password(client, victim.headers, "locked the door")).status_code == 204
    for method, path in (("GET", "/habits"), ("POST", "/auth/refresh"), ("GET", "/auth/me")):
        response = await client.request(method, path, headers=stolen)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
    habit_id = victim.habit["id"]
    assert_problem(await log(client, stolen, habit_id), 401)
    assert_problem(await client.delete(f"/habits/{habit_id}", headers=stolen), 401)


def _row_counts(session: Session) -> dict[str, int]:
    session.rollback()  # a fresh snapshot
    return {
        table.name: session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    }


async def test_deleting_an_account_leaves_nothing_of_it(
    client: AsyncClient, session: Session
) -> None:
    """Every table (those of later issues too) is back to what the other
    users hold; the other user's rows are all still there."""
    survivor = await register(client)
    kept = await create_habit(client, survivor, title="Survivor's")
    assert (await log(client, survivor, kept["id"])).status_code == 201
    await create_token(client, survivor)
    before = _row_counts(session)

    leaving = await register(client)
    for title in ("Run", "Read"):
        habit = await create_habit(client, leaving, title=title)
        assert (await log(client, leaving, habit["id"])).status_code == 201
    await create_token(client, leaving)
    await create_token(client, leaving, expiresInDays=7)
    with_leaver = _row_counts(session)
    for table in ("users", "habits", "habit_logs", "badges", "personal_access_tokens"):
        assert with_leaver[table] > before[table], table

    assert (await delete_account(client, leaving)).status_code == 204
    assert _row_counts(session) == before
    assert session.scalar(select(func.count()).select_from(User)) == 1
    listed = (await client.get("/habits", headers=survivor)).json()
    assert [habit["title"] for habit in listed] == ["Survivor's"]


async def test_the_foreign_keys_cascade_on_this_database(engine: Engine) -> None:
    """The deletion's one statement relies on ON DELETE CASCADE, which SQLite
    honours only with `PRAGMA foreign_keys` on (app.db.session)."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    user_refs = [
        key
        for table in Base.metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name in ("users", "habits")
    ]
    assert user_refs
    assert all(key.ondelete == "CASCADE" for key in user_refs)
