"""API3:2023 Broken Object Property Level Authorization.

Mass assignment: a client cannot set properties the server owns (`id`,
`userId`, `createdAt`, streaks, the password hash), and the password hash never
leaves the server.
"""

from datetime import date, timedelta

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import User
from tests.security.conftest import Victim, missing_id
from tests.utils.api import PASSWORD, assert_problem, register, unique_email

SERVER_OWNED = {
    "id": missing_id(),
    "userId": missing_id(),
    "user_id": missing_id(),
    "createdAt": "2000-01-01T00:00:00Z",
    "passwordHash": "$2b$12$forged",
    "isAdmin": True,
}
HABIT_OWNED = {"currentStreak": 999, "longestStreak": 999, "totalLogs": 999, "habitId": "x"}


async def test_server_owned_fields_in_habit_bodies_are_422_and_change_nothing(
    client: AsyncClient, victim: Victim, intruder: dict[str, str]
) -> None:
    before = await victim.snapshot(client)
    path = f"/habits/{victim.habit['id']}"
    day = (victim.logged_day - timedelta(days=1)).isoformat()
    for field, value in {**SERVER_OWNED, **HABIT_OWNED}.items():
        body = {"title": "Injected", "frequency": "daily", field: value}
        response = await client.post("/habits", json=body, headers=victim.headers)
        assert field in assert_problem(response, 422)["errors"]
        assert_problem(await client.put(path, json=body, headers=victim.headers), 422)
        log = {"date": day, field: value}
        assert_problem(await client.post(f"{path}/log", json=log, headers=victim.headers), 422)
    assert await victim.snapshot(client) == before
    assert (await client.get("/habits", headers=intruder)).json() == []


async def test_server_owned_fields_in_account_bodies_are_422(client: AsyncClient) -> None:
    headers = await register(client)
    me = (await client.get("/auth/me", headers=headers)).json()
    extra = {"email": "changed@example.com", "password": "x" * 12}
    for field, value in {**SERVER_OWNED, **extra}.items():
        response = await client.patch(
            "/auth/me", json={"name": "New", field: value}, headers=headers
        )
        assert field in assert_problem(response, 422)["errors"]
        if field in SERVER_OWNED:
            body = {"email": unique_email(), "password": PASSWORD, "name": "N", field: value}
            assert_problem(await client.post("/auth/register", json=body), 422)
            body = {"email": unique_email(), "password": PASSWORD, field: value}
            assert_problem(await client.post("/auth/login", json=body), 422)
    assert (await client.get("/auth/me", headers=headers)).json() == me


async def test_the_password_hash_never_appears_in_any_response(
    client: AsyncClient, session: Session
) -> None:
    email = unique_email()
    headers = await register(client, email=email)
    stored_hash = session.scalar(select(User.password_hash).where(User.email == email))
    assert stored_hash
    habit = (
        await client.post("/habits", json={"title": "T", "frequency": "daily"}, headers=headers)
    ).json()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    responses = [
        await client.post("/auth/login", json={"email": email, "password": PASSWORD}),
        await client.post("/auth/login", json={"email": email, "password": "wrong-password"}),
        await client.post(
            "/auth/register", json={"email": email, "password": PASSWORD, "name": "N"}
        ),
        await client.get("/auth/me", headers=headers),
        await client.patch("/auth/me", json={"name": "Renamed"}, headers=headers),
        await client.get("/habits", headers=headers),
        await client.get(f"/habits/{habit['id']}", headers=headers),
        await client.post(f"/habits/{habit['id']}/log", json={"date": yesterday}, headers=headers),
        await client.get(f"/habits/{habit['id']}/logs", headers=headers),
        await client.get("/stats/overview", headers=headers),
        await client.get("/badges", headers=headers),
    ]
    salt_and_digest = stored_hash.rsplit("$", 1)[-1]
    for response in responses:
        assert response.status_code < 500
        assert salt_and_digest not in response.text
        assert "password" not in response.text.lower().replace("incorrect email or password", "")
