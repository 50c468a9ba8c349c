"""POST/GET /auth/tokens, DELETE /auth/tokens/{id}, and signing in with a token."""

import asyncio
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import PersonalAccessToken
from tests.utils.api import (
    assert_problem,
    bearer,
    change_password,
    create_habit,
    create_token,
    log,
    register,
)

TOKEN_SHAPE = re.compile(r"^fht_[A-Za-z0-9_-]{43}$")


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def test_a_new_token_is_shown_once_with_its_fields(client: AsyncClient) -> None:
    headers = await register(client)
    before = datetime.now(UTC)
    response = await client.post("/auth/tokens", json={"name": "Home Assistant"}, headers=headers)
    assert response.status_code == 201, response.text
    made = response.json()
    assert made.keys() == {"id", "name", "token", "createdAt", "expiresAt", "lastUsedAt"}
    assert TOKEN_SHAPE.fullmatch(made["token"])
    assert made["name"] == "Home Assistant"
    assert made["expiresAt"] is None and made["lastUsedAt"] is None
    assert before - timedelta(seconds=1) <= moment(made["createdAt"]) <= datetime.now(UTC)
    uuid.UUID(made["id"])

    listed = (await client.get("/auth/tokens", headers=headers)).json()
    assert listed == [{key: value for key, value in made.items() if key != "token"}]


async def test_tokens_are_unique(client: AsyncClient) -> None:
    headers = await register(client)
    tokens = [(await create_token(client, headers))["token"] for _ in range(5)]
    assert len(set(tokens)) == 5


@pytest.mark.parametrize("days", [1, 30, 365])
async def test_a_token_expires_after_its_days(client: AsyncClient, days: int) -> None:
    headers = await register(client)
    made = await create_token(client, headers, expiresInDays=days)
    assert moment(made["expiresAt"]) - moment(made["createdAt"]) == timedelta(days=days)
    assert (await client.get("/habits", headers=bearer(made["token"]))).status_code == 200


async def test_null_expiry_means_never(client: AsyncClient) -> None:
    headers = await register(client)
    made = await create_token(client, headers, expiresInDays=None)
    assert made["expiresAt"] is None


async def test_a_name_is_trimmed(client: AsyncClient) -> None:
    headers = await register(client)
    assert (await create_token(client, headers, name="  cron job \n"))["name"] == "cron job"
    assert (await create_token(client, headers, name="x" * 100))["name"] == "x" * 100


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "\u200b\ufeff"}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "nul\x00"}, "name"),
        ({"name": None}, "name"),
        ({"name": 42}, "name"),
        ({"name": "ok", "expiresInDays": 0}, "expiresInDays"),
        ({"name": "ok", "expiresInDays": 366}, "expiresInDays"),
        ({"name": "ok", "expiresInDays": -1}, "expiresInDays"),
        ({"name": "ok", "expiresInDays": "30"}, "expiresInDays"),
        ({"name": "ok", "expiresInDays": 1.5}, "expiresInDays"),
        ({"name": "ok", "expiresInDays": True}, "expiresInDays"),
        ({"name": "ok", "expiresInDays": 10**30}, "expiresInDays"),
        ({"name": "ok", "token": "fht_chosen"}, "token"),
        ({"name": "ok", "expires_in_days": 3}, "expires_in_days"),
    ],
)
async def test_bad_token_requests_are_422_and_make_nothing(
    client: AsyncClient, body: dict, field: str
) -> None:
    headers = await register(client)
    response = await client.post("/auth/tokens", json=body, headers=headers)
    assert field in assert_problem(response, 422)["errors"]
    assert (await client.get("/auth/tokens", headers=headers)).json() == []


async def test_the_list_is_the_users_own_oldest_first(client: AsyncClient) -> None:
    mine = await register(client)
    theirs = await register(client)
    names = ["first", "second", "third"]
    for name in names:
        await create_token(client, mine, name=name)
    await create_token(client, theirs, name="not yours")
    listed = (await client.get("/auth/tokens", headers=mine)).json()
    assert [token["name"] for token in listed] == names
    assert all(
        token.keys() == {"id", "name", "createdAt", "expiresAt", "lastUsedAt"} for token in listed
    )


async def test_a_token_works_on_the_api(client: AsyncClient) -> None:
    headers = await register(client)
    token = bearer((await create_token(client, headers))["token"])
    me = await client.get("/auth/me", headers=token)
    assert me.json() == (await client.get("/auth/me", headers=headers)).json()
    habit = await create_habit(client, token, title="Scripted")
    assert (await log(client, token, habit["id"])).status_code == 201
    listed = await client.get("/habits", headers=headers)
    assert [each["title"] for each in listed.json()] == ["Scripted"]
    changed = await client.patch("/auth/me", json={"name": "Bot"}, headers=token)
    assert changed.json()["user"]["name"] == "Bot"


async def test_last_used_is_kept_to_the_minute(client: AsyncClient, session: Session) -> None:
    headers = await register(client)
    made = await create_token(client, headers)
    token_id = uuid.UUID(made["id"])

    async def last_used() -> str | None:
        listed = (await client.get("/auth/tokens", headers=headers)).json()
        return listed[0]["lastUsedAt"]

    assert await last_used() is None
    start = datetime.now(UTC)
    await client.get("/habits", headers=bearer(made["token"]))
    first = await last_used()
    assert first is not None and moment(first) >= start - timedelta(seconds=1)
    await client.get("/habits", headers=bearer(made["token"]))
    assert await last_used() == first  # within the minute: not written again

    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    session.execute(
        update(PersonalAccessToken)
        .where(PersonalAccessToken.id == token_id)
        .values(last_used_at=an_hour_ago)
    )
    session.commit()
    await client.get("/badges", headers=bearer(made["token"]))
    assert moment(await last_used()) > an_hour_ago + timedelta(minutes=59)


async def test_an_expired_token_is_401(client: AsyncClient, session: Session) -> None:
    headers = await register(client)
    made = await create_token(client, headers, expiresInDays=1)
    session.execute(
        update(PersonalAccessToken)
        .where(PersonalAccessToken.id == uuid.UUID(made["id"]))
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    session.commit()
    response = await client.get("/habits", headers=bearer(made["token"]))
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    # Still listed, so that its owner sees it expired and can remove it.
    listed = (await client.get("/auth/tokens", headers=headers)).json()
    assert [token["id"] for token in listed] == [made["id"]]


async def test_revoking_a_token(client: AsyncClient, session: Session) -> None:
    headers = await register(client)
    made = await create_token(client, headers)
    kept = await create_token(client, headers, name="kept")
    assert (await client.get("/habits", headers=bearer(made["token"]))).status_code == 200

    response = await client.delete(f"/auth/tokens/{made['id']}", headers=headers)
    assert response.status_code == 204 and response.content == b""
    assert_problem(await client.get("/habits", headers=bearer(made["token"])), 401)
    assert (await client.get("/habits", headers=bearer(kept["token"]))).status_code == 200
    listed = (await client.get("/auth/tokens", headers=headers)).json()
    assert [token["id"] for token in listed] == [kept["id"]]
    assert (
        session.scalar(
            select(PersonalAccessToken).where(PersonalAccessToken.id == uuid.UUID(made["id"]))
        )
        is None
    )
    # Gone: a second revocation finds nothing.
    assert_problem(await client.delete(f"/auth/tokens/{made['id']}", headers=headers), 404)


@pytest.mark.parametrize("token_id", [str(uuid.uuid4()), "not-a-uuid", "1", "%20"])
async def test_revoking_a_missing_token_is_404(client: AsyncClient, token_id: str) -> None:
    headers = await register(client)
    assert_problem(await client.delete(f"/auth/tokens/{token_id}", headers=headers), 404)


async def test_a_nul_in_the_token_id_is_422(client: AsyncClient) -> None:
    headers = await register(client)
    assert_problem(await client.delete("/auth/tokens/a%00b", headers=headers), 422)


async def test_parallel_revocations_revoke_once(client: AsyncClient) -> None:
    headers = await register(client)
    made = await create_token(client, headers)
    answers = await asyncio.gather(
        *(client.delete(f"/auth/tokens/{made['id']}", headers=headers) for _ in range(4))
    )
    assert sorted(answer.status_code for answer in answers) == [204, 404, 404, 404]


async def test_tokens_outlive_a_password_change(client: AsyncClient) -> None:
    """A password change ends sessions (JWTs); tokens are ended one by one,
    in the list the user sees."""
    headers = await register(client)
    token = bearer((await create_token(client, headers))["token"])
    assert (await change_password(client, headers, "another password")).status_code == 204
    assert (await client.get("/habits", headers=token)).status_code == 200
