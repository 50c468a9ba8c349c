"""Every signed-in route checks the credential behind the token, and refuses
a personal access token exactly where the contract says: walk them all."""

import re
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from app.main import app as production_app
from app.models import PersonalAccessToken, User
from tests.utils.api import (
    assert_problem,
    bearer,
    change_password,
    create_habit,
    create_token,
    register,
)

# Routes that answer without an account.
PUBLIC = {
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("GET", "/auth/google/login"),
    ("GET", "/auth/google/callback"),
    ("GET", "/health"),
}
# Routes that answer 403 to a personal access token (contract §2): the account
# itself and the credentials, which only a password sign-in may manage.
PASSWORD_ONLY = {
    ("POST", "/auth/refresh"),
    ("POST", "/auth/password"),
    ("DELETE", "/auth/me"),
    ("POST", "/auth/tokens"),
    ("GET", "/auth/tokens"),
    ("DELETE", "/auth/tokens/{token_id}"),
}


def every_route() -> set[tuple[str, str]]:
    """(method, path) of every operation the app serves, from its OpenAPI document."""
    paths = production_app.openapi()["paths"]
    return {(method.upper(), path) for path, item in paths.items() for method in item}


def signed_in_routes() -> list[tuple[str, str]]:
    return sorted(every_route() - PUBLIC)


def concrete(path: str, habit_id: str) -> str:
    path = path.replace("{habit_id}", habit_id).replace("{token_id}", str(uuid.uuid4()))
    return re.sub(r"\{[a-z_]+\}", "2026-01-01", path)


def test_the_walk_sees_every_route() -> None:
    """The lists name real routes, and the walk finds the others."""
    assert every_route() >= PUBLIC
    assert set(signed_in_routes()) >= PASSWORD_ONLY
    assert ("GET", "/habits") in signed_in_routes()
    assert ("DELETE", "/habits/{habit_id}/logs/{day}") in signed_in_routes()


async def _account_deleted(client: AsyncClient, session: Session) -> list[dict[str, str]]:
    headers = await register(client)
    token = bearer((await create_token(client, headers))["token"])
    user_id = (await client.get("/auth/me", headers=headers)).json()["user"]["id"]
    session.execute(delete(User).where(User.id == uuid.UUID(user_id)))
    session.commit()
    return [headers, token]


async def _password_changed(client: AsyncClient, _session: Session) -> list[dict[str, str]]:
    headers = await register(client)
    assert (await change_password(client, headers, "a new password")).status_code == 204
    return [headers]


async def _token_revoked(client: AsyncClient, _session: Session) -> list[dict[str, str]]:
    headers = await register(client)
    made = await create_token(client, headers)
    assert (await client.delete(f"/auth/tokens/{made['id']}", headers=headers)).is_success
    return [bearer(made["token"])]


async def _token_expired(client: AsyncClient, session: Session) -> list[dict[str, str]]:
    headers = await register(client)
    made = await create_token(client, headers, expiresInDays=1)
    session.execute(
        update(PersonalAccessToken)
        .where(PersonalAccessToken.id == uuid.UUID(made["id"]))
        .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    )
    session.commit()
    return [bearer(made["token"])]


DEAD_CREDENTIALS: dict[str, Callable[[AsyncClient, Session], Awaitable[list[dict[str, str]]]]] = {
    "account deleted": _account_deleted,
    "JWT from before a password change": _password_changed,
    "token revoked": _token_revoked,
    "token expired": _token_expired,
}


@pytest.mark.parametrize("how", DEAD_CREDENTIALS)
async def test_a_dead_credential_gets_401_on_every_signed_in_route(
    client: AsyncClient, session: Session, how: str
) -> None:
    owner = await register(client)
    habit = await create_habit(client, owner)  # a real habit: 401 must come before 404
    for headers in await DEAD_CREDENTIALS[how](client, session):
        for method, path in signed_in_routes():
            response = await client.request(
                method, concrete(path, habit["id"]), headers=headers, json={}
            )
            assert_problem(response, 401)
            assert response.headers["www-authenticate"] == "Bearer", (method, path)


async def test_a_personal_token_is_refused_exactly_where_the_contract_says(
    client: AsyncClient,
) -> None:
    headers = await register(client)
    token = bearer((await create_token(client, headers))["token"])
    habit = await create_habit(client, headers)
    refused = set()
    for method, path in signed_in_routes():
        response = await client.request(method, concrete(path, habit["id"]), headers=token, json={})
        assert response.status_code != 401, (method, path, response.text)
        if response.status_code == 403:
            assert "personal access token" in assert_problem(response, 403)["detail"]
            refused.add((method, path))
    assert refused == PASSWORD_ONLY
    # The same routes take the account's password sign-in.
    for method, path in sorted(PASSWORD_ONLY):
        response = await client.request(
            method, concrete(path, habit["id"]), headers=headers, json={}
        )
        assert response.status_code != 403, (method, path, response.text)
