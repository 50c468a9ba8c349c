"""API8:2023 Security Misconfiguration: CORS and protective headers.

CORS allows exactly the configured client origin (echoed, never `*`, no
credentials); every response, errors included, carries `nosniff` and
`no-store`.
"""

import json

import pytest
from httpx import AsyncClient

from app.middleware import MAX_BODY_BYTES
from tests.security.conftest import ClientFrom, Victim
from tests.utils.api import PASSWORD

ORIGIN = "https://habits.example.org"


@pytest.mark.parametrize(
    "foreign",
    [
        "http://localhost:4321",  # the default, no longer configured
        "https://habits.example.org.evil.example",
        "https://evil.example/https://habits.example.org",
        "http://habits.example.org",
        "null",
        "*",
    ],
)
async def test_cors_allows_the_configured_origin_only(
    limited_app, client_from: ClientFrom, foreign: str
) -> None:
    app = limited_app(client_url=ORIGIN)
    async with client_from(app) as client:
        preflight = await client.options(
            "/habits",
            headers={
                "Origin": ORIGIN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == ORIGIN
        assert "access-control-allow-credentials" not in preflight.headers
        simple = await client.get("/health", headers={"Origin": ORIGIN})
        assert simple.headers["access-control-allow-origin"] == ORIGIN

        refused = await client.options(
            "/habits", headers={"Origin": foreign, "Access-Control-Request-Method": "GET"}
        )
        assert "access-control-allow-origin" not in refused.headers
        response = await client.get("/health", headers={"Origin": foreign})
        assert "access-control-allow-origin" not in response.headers
        assert "access-control-allow-credentials" not in response.headers


async def test_every_kind_of_response_carries_nosniff_and_no_store(
    limited_app, client_from: ClientFrom
) -> None:
    app = limited_app(rate_limit_login="1/minute")
    async with client_from(app) as client:
        registered = await client.post(
            "/auth/register", json={"email": "h@example.com", "password": PASSWORD, "name": "H"}
        )
        headers = {"Authorization": f"Bearer {registered.json()['accessToken']}"}
        habit = (
            await client.post("/habits", json={"title": "T", "frequency": "daily"}, headers=headers)
        ).json()
        login = {"email": "h@example.com", "password": "wrong-password"}
        responses = {
            201: registered,
            200: await client.get("/habits", headers=headers),
            204: await client.delete(f"/habits/{habit['id']}", headers=headers),
            401: await client.post("/auth/login", json=login),
            429: await client.post("/auth/login", json=login),
            404: await client.get(f"/habits/{habit['id']}", headers=headers),
            405: await client.put("/habits", headers=headers),
            413: await client.post(
                "/habits",
                content=b"x" * (MAX_BODY_BYTES + 1),
                headers={**headers, "Content-Type": "application/json"},
            ),
            422: await client.post("/habits", json={}, headers=headers),
            501: await client.get("/auth/google/login"),
        }
        for status, response in responses.items():
            assert response.status_code == status, response.text
            assert response.headers["x-content-type-options"] == "nosniff", status
            assert response.headers["cache-control"] == "no-store", status
            if status >= 400:
                assert response.headers["content-type"] == "application/problem+json", status


async def test_errors_do_not_reveal_internals(client: AsyncClient, victim: Victim) -> None:
    path = f"/habits/{victim.habit['id']}/log"
    responses = [
        # A unique-constraint violation inside PostgreSQL, reported as a 409.
        await client.post(
            path, json={"date": victim.logged_day.isoformat()}, headers=victim.headers
        ),
        await client.post(
            path,
            content=b'{"date": "2024-01-01"',
            headers={**victim.headers, "Content-Type": "application/json"},
        ),
    ]
    assert [response.status_code for response in responses] == [409, 422]
    for response in responses:
        for leak in ("Traceback", "sqlalchemy", "psycopg", "duplicate key", "uq_", 'File "'):
            assert leak not in response.text
        fields = {"type", "title", "status", "detail", "instance", "errors"}
        assert set(json.loads(response.text)) <= fields
