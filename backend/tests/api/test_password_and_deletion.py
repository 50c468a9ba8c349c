"""POST /auth/password and DELETE /auth/me."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from jose import jwt
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.core.security import create_access_token
from app.main import app as production_app
from app.models import User
from tests.api.test_rate_limits import client_for
from tests.utils.api import (
    PASSWORD,
    assert_problem,
    bearer,
    change_password,
    create_habit,
    create_token,
    delete_account,
    register,
    unique_email,
)

NEW_PASSWORD = "a brand new passphrase"
SECRET = get_settings().jwt_secret


async def sign_in(client: AsyncClient, email: str, password: str) -> dict[str, str]:
    response = await client.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return bearer(response.json()["accessToken"])


async def test_a_password_change_ends_every_earlier_session(client: AsyncClient) -> None:
    email = unique_email()
    first = await register(client, email=email)
    second = await sign_in(client, email, PASSWORD)

    response = await change_password(client, first, NEW_PASSWORD)
    assert response.status_code == 204, response.text
    assert response.content == b""

    # Both sessions, the one that made the change included, are over.
    for headers in (first, second):
        assert_problem(await client.get("/auth/me", headers=headers), 401)
        assert_problem(await client.post("/auth/refresh", headers=headers), 401)
    # The old password no longer signs in; the new one does, at once (the
    # same second as the change), and its token lives on.
    old = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert_problem(old, 401)
    fresh = await sign_in(client, email, NEW_PASSWORD)
    assert (await client.get("/auth/me", headers=fresh)).status_code == 200
    refreshed = await client.post("/auth/refresh", headers=fresh)
    assert refreshed.status_code == 200
    assert (await client.get("/habits", headers=bearer(refreshed.json()["accessToken"]))).is_success


async def test_the_token_version_not_the_clock_decides(client: AsyncClient) -> None:
    """`iat` has one-second resolution; the version has none to worry about:
    a token of the old version is refused even when stamped after the change,
    and the new version's token works even when stamped in the same second."""
    headers = await register(client)
    user_id = uuid.UUID((await client.get("/auth/me", headers=headers)).json()["user"]["id"])
    changed_at = datetime.now(UTC)
    assert (await change_password(client, headers, NEW_PASSWORD)).status_code == 204
    later = changed_at + timedelta(seconds=5)
    same_second = changed_at.replace(microsecond=0)
    old_version = create_access_token(user_id, secret=SECRET, expires_minutes=5, now=later)
    new_version = create_access_token(
        user_id, secret=SECRET, expires_minutes=5, version=1, now=same_second
    )
    assert_problem(await client.get("/auth/me", headers=bearer(old_version)), 401)
    assert (await client.get("/auth/me", headers=bearer(new_version))).status_code == 200
    # A version the account has not reached yet is no better than an old one.
    ahead = create_access_token(user_id, secret=SECRET, expires_minutes=5, version=2)
    assert_problem(await client.get("/auth/me", headers=bearer(ahead)), 401)


async def test_tokens_carry_the_contract_claims_until_the_first_change(
    client: AsyncClient,
) -> None:
    email = unique_email()
    headers = await register(client, email=email)
    claims = jwt.get_unverified_claims(headers["Authorization"].removeprefix("Bearer "))
    assert set(claims) == {"sub", "iat", "exp"}
    assert (await change_password(client, headers, NEW_PASSWORD)).status_code == 204
    fresh = await sign_in(client, email, NEW_PASSWORD)
    claims = jwt.get_unverified_claims(fresh["Authorization"].removeprefix("Bearer "))
    assert claims["ver"] == 1


async def test_a_wrong_current_password_is_403_and_keeps_the_session(client: AsyncClient) -> None:
    email = unique_email()
    headers = await register(client, email=email)
    for wrong in ("not the password", "", PASSWORD.upper(), PASSWORD + " "):
        response = await change_password(client, headers, NEW_PASSWORD, current=wrong)
        problem = assert_problem(response, 403)
        assert "password" in problem["detail"]
        assert "www-authenticate" not in response.headers
    assert (await client.get("/auth/me", headers=headers)).status_code == 200
    await sign_in(client, email, PASSWORD)


async def test_an_account_without_a_password_cannot_change_it(
    client: AsyncClient, session: Session
) -> None:
    """An account made by Google sign-in has no password to give."""
    email = unique_email()
    headers = await register(client, email=email)
    session.execute(update(User).where(User.email == email).values(password_hash=None))
    session.commit()
    assert_problem(await change_password(client, headers, NEW_PASSWORD), 403)
    assert_problem(await delete_account(client, headers), 403)
    assert session.scalar(select(User.password_hash).where(User.email == email)) is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"currentPassword": PASSWORD, "newPassword": "short"}, "newPassword"),
        ({"currentPassword": PASSWORD, "newPassword": "x" * 129}, "newPassword"),
        ({"currentPassword": PASSWORD, "newPassword": "nul \x00 inside"}, "newPassword"),
        ({"currentPassword": PASSWORD, "newPassword": 12345678}, "newPassword"),
        ({"currentPassword": PASSWORD, "newPassword": None}, "newPassword"),
        ({"currentPassword": PASSWORD}, "newPassword"),
        ({"newPassword": NEW_PASSWORD}, "currentPassword"),
        ({"currentPassword": "x" * 129, "newPassword": NEW_PASSWORD}, "currentPassword"),
        ({"currentPassword": "\x00", "newPassword": NEW_PASSWORD}, "currentPassword"),
        ({"current_password": PASSWORD, "newPassword": NEW_PASSWORD}, "current_password"),
        ({"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD, "admin": True}, "admin"),
    ],
)
async def test_bad_password_change_bodies_are_422_and_change_nothing(
    client: AsyncClient, body: dict, field: str
) -> None:
    headers = await register(client)
    response = await client.post("/auth/password", json=body, headers=headers)
    assert field in assert_problem(response, 422)["errors"]
    assert (await client.get("/auth/me", headers=headers)).status_code == 200


async def test_a_password_of_8_and_of_128_characters_is_accepted(client: AsyncClient) -> None:
    email = unique_email()
    headers = await register(client, email=email)
    assert (await change_password(client, headers, "8 chars!")).status_code == 204
    headers = await sign_in(client, email, "8 chars!")
    longest = "p" * 128
    assert (await change_password(client, headers, longest, current="8 chars!")).status_code == 204
    await sign_in(client, email, longest)


async def test_password_changes_are_limited_per_user(app_factory) -> None:
    app = app_factory(rate_limit_login="3/minute")
    async with client_for(app) as client:
        guesser = await register(client)
        bystander = await register(client)
        for _ in range(3):
            response = await change_password(client, guesser, NEW_PASSWORD, current="guess")
            assert_problem(response, 403)
        response = await change_password(client, guesser, NEW_PASSWORD)
        assert_problem(response, 429)
        assert 1 <= int(response.headers["retry-after"]) <= 60
        # Not per address: another user from the same address goes on.
        assert (await change_password(client, bystander, NEW_PASSWORD)).status_code == 204
        # And login's own bucket is untouched by them.
        login = await client.post(
            "/auth/login", json={"email": unique_email(), "password": PASSWORD}
        )
        assert_problem(login, 401)
    await app.state.rate_limits.close()


async def test_two_changes_at_once_one_wins(client: AsyncClient) -> None:
    """Both check the same current password; the second to write finds it
    changed and is refused, as it would be one after the other."""
    email = unique_email()
    headers = await register(client, email=email)
    answers = await asyncio.gather(
        change_password(client, headers, "first new password"),
        change_password(client, headers, "second new password"),
    )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [204, 403], [answer.text for answer in answers]
    winner = "first new password" if answers[0].status_code == 204 else "second new password"
    await sign_in(client, email, winner)


# DELETE /auth/me


async def test_deleting_the_account_signs_every_credential_out(client: AsyncClient) -> None:
    email = unique_email()
    headers = await register(client, email=email)
    other_session = await sign_in(client, email, PASSWORD)
    token = (await create_token(client, headers))["token"]
    await create_habit(client, headers)

    response = await delete_account(client, headers)
    assert response.status_code == 204, response.text
    assert response.content == b""
    for credential in (headers, other_session, bearer(token)):
        response = await client.get("/habits", headers=credential)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
    login = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert_problem(login, 401)
    # The address is free again.
    assert (await register(client, email=email))["Authorization"]


async def test_a_wrong_password_is_403_and_deletes_nothing(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    for wrong in ("not the password", ""):
        response = await delete_account(client, headers, password=wrong)
        assert "password" in assert_problem(response, 403)["detail"]
    assert (await client.get(f"/habits/{habit['id']}", headers=headers)).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "password"),
        ({"password": None}, "password"),
        ({"password": 12345678}, "password"),
        ({"password": "x" * 129}, "password"),
        ({"password": "nul \x00"}, "password"),
        ({"password": PASSWORD, "confirm": True}, "confirm"),
    ],
)
async def test_bad_deletion_bodies_are_422(client: AsyncClient, body: dict, field: str) -> None:
    headers = await register(client)
    response = await client.request("DELETE", "/auth/me", json=body, headers=headers)
    assert field in assert_problem(response, 422)["errors"]
    assert (await client.get("/auth/me", headers=headers)).status_code == 200


async def test_a_deletion_without_a_body_is_422(client: AsyncClient) -> None:
    headers = await register(client)
    assert_problem(await client.delete("/auth/me", headers=headers), 422)
    assert (await client.get("/auth/me", headers=headers)).status_code == 200


async def test_deletion_guesses_are_limited_per_user(app_factory) -> None:
    app = app_factory(rate_limit_login="2/minute")
    async with client_for(app) as client:
        headers = await register(client)
        for _ in range(2):
            assert_problem(await delete_account(client, headers, password="guess"), 403)
        assert_problem(await delete_account(client, headers), 429)
        assert (await client.get("/auth/me", headers=headers)).status_code == 200
    await app.state.rate_limits.close()


async def test_parallel_deletions_delete_once(client: AsyncClient) -> None:
    headers = await register(client)
    answers = await asyncio.gather(*(delete_account(client, headers) for _ in range(4)))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [204, 401, 401, 401], [answer.text for answer in answers]


def test_the_openapi_document_declares_the_deletion_body() -> None:
    operation = production_app.openapi()["paths"]["/auth/me"]["delete"]
    assert operation["requestBody"]["required"] is True
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/DeleteAccountRequest")
    assert {"204", "401", "403", "422", "429"} <= operation["responses"].keys()
