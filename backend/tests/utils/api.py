"""Small helpers that drive the API the way a client does."""

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from httpx import AsyncClient, Response

PASSWORD = "correct horse battery"
_counter = itertools.count()


def unique_email() -> str:
    return f"user{next(_counter)}@example.com"


async def register(
    client: AsyncClient, *, email: str | None = None, timezone: str = "UTC", name: str = "Tester"
) -> dict[str, str]:
    """Create an account; returns the Authorization header for it."""
    response = await client.post(
        "/auth/register",
        json={
            "email": email or unique_email(),
            "password": PASSWORD,
            "name": name,
            "timezone": timezone,
        },
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['accessToken']}"}


async def create_habit(
    client: AsyncClient,
    headers: dict[str, str],
    *,
    title: str = "Stretch",
    frequency: str = "daily",
    target: int | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"title": title, "frequency": frequency}
    if target is not None:
        body["target"] = target
    response = await client.post("/habits", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def log(
    client: AsyncClient, headers: dict[str, str], habit_id: str, day: date | None = None
) -> Response:
    body = {"date": day.isoformat()} if day else None
    return await client.post(f"/habits/{habit_id}/log", json=body, headers=headers)


def assert_problem(response: Response, status: int) -> dict[str, Any]:
    """The response is an RFC 7807 problem with this status; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status
    assert {"type", "title", "status", "detail", "instance"} <= problem.keys()
    assert problem["instance"] == response.request.url.path
    return problem


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def create_token(
    client: AsyncClient, headers: dict[str, str], *, name: str = "Script", **body: Any
) -> dict[str, Any]:
    """A personal access token of the user signed in by `headers` (its JSON, `token` included)."""
    response = await client.post("/auth/tokens", json={"name": name, **body}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def change_password(
    client: AsyncClient, headers: dict[str, str], new_password: str, current: str = PASSWORD
) -> Response:
    return await client.post(
        "/auth/password",
        json={"currentPassword": current, "newPassword": new_password},
        headers=headers,
    )


async def delete_account(
    client: AsyncClient, headers: dict[str, str], password: str = PASSWORD
) -> Response:
    return await client.request("DELETE", "/auth/me", json={"password": password}, headers=headers)


def utc_today() -> date:
    """The today of an account in UTC with the day starting at midnight (the default)."""
    return datetime.now(UTC).date()


def days_ago(days: int) -> date:
    return utc_today() - timedelta(days=days)


async def import_file(
    client: AsyncClient, headers: dict[str, str], data: bytes, *, filename: str = "habits"
) -> Response:
    """POST /import with `data` as the multipart field `file`, as a browser sends a file."""
    return await client.post("/import", files={"file": (filename, data)}, headers=headers)
