"""Every signed-in route checks the account behind the token: walk them all."""

import re
import uuid

from httpx import AsyncClient
from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.main import app as production_app
from app.models import User
from tests.utils.api import assert_problem, create_habit, register

# Routes that answer without an account.
PUBLIC = {
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("GET", "/auth/google/login"),
    ("GET", "/auth/google/callback"),
    ("GET", "/health"),
}


def every_route() -> set[tuple[str, str]]:
    """(method, path) of every operation the app serves, from its OpenAPI document."""
    paths = production_app.openapi()["paths"]
    return {(method.upper(), path) for path, item in paths.items() for method in item}


def signed_in_routes() -> list[tuple[str, str]]:
    return sorted(every_route() - PUBLIC)


def test_the_walk_sees_every_route() -> None:
    """The public list names real routes, and the walk finds the others."""
    assert every_route() >= PUBLIC
    assert ("GET", "/habits") in signed_in_routes()
    assert ("DELETE", "/habits/{habit_id}/logs/{day}") in signed_in_routes()


async def test_a_token_whose_account_is_gone_gets_401_on_every_signed_in_route(
    client: AsyncClient, session: Session
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    user_id = (await client.get("/auth/me", headers=headers)).json()["user"]["id"]
    session.execute(delete(User).where(User.id == uuid.UUID(user_id)))
    session.commit()
    for method, path in signed_in_routes():
        concrete = re.sub(r"\{habit_id\}", habit["id"], path)
        concrete = re.sub(r"\{[a-z_]+\}", "2026-01-01", concrete)
        response = await client.request(method, concrete, headers=headers, json={})
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer", (method, path)
