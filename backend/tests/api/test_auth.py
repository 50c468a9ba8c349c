from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from jose import jwt

from app.core.config import get_settings
from tests.utils.api import PASSWORD, assert_problem, register, unique_email


async def test_register_returns_a_token_and_the_user(client: AsyncClient) -> None:
    email = unique_email()
    response = await client.post(
        "/auth/register",
        json={"email": email, "password": PASSWORD, "name": "Ada", "timezone": "Europe/Paris"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["tokenType"] == "bearer"
    assert set(body["user"]) == {
        "id",
        "email",
        "name",
        "avatarUrl",
        "timezone",
        "dayStartHour",
        "today",
        "createdAt",
    }
    assert body["user"]["email"] == email
    assert body["user"]["timezone"] == "Europe/Paris"
    assert body["user"]["avatarUrl"] is None
    claims = jwt.decode(body["accessToken"], get_settings().jwt_secret, algorithms=["HS256"])
    assert claims["sub"] == body["user"]["id"]
    assert claims["exp"] - claims["iat"] == 60 * 60


async def test_register_defaults_the_timezone_to_utc_and_normalises_email(
    client: AsyncClient,
) -> None:
    response = await client.post(
        "/auth/register",
        json={"email": "Mixed.Case@Example.COM", "password": PASSWORD, "name": "M"},
    )
    assert response.status_code == 201
    assert response.json()["user"]["timezone"] == "UTC"
    assert response.json()["user"]["email"] == "mixed.case@example.com"


async def test_register_with_a_taken_email_is_a_conflict(client: AsyncClient) -> None:
    email = unique_email()
    await register(client, email=email)
    response = await client.post(
        "/auth/register", json={"email": email.upper(), "password": PASSWORD, "name": "Again"}
    )
    assert_problem(response, 409)


async def test_register_rejects_bad_fields_with_an_errors_map(client: AsyncClient) -> None:
    cases = [
        ({"email": "not-an-email", "password": PASSWORD, "name": "A"}, "email"),
        ({"email": unique_email(), "password": "short", "name": "A"}, "password"),
        ({"email": unique_email(), "password": "x" * 129, "name": "A"}, "password"),
        (
            {"email": unique_email(), "password": PASSWORD, "name": "A", "timezone": "Mars/Base"},
            "timezone",
        ),
        ({"email": unique_email(), "password": PASSWORD, "name": "   "}, "name"),
        ({"email": unique_email(), "password": PASSWORD}, "name"),
    ]
    for body, field in cases:
        problem = assert_problem(await client.post("/auth/register", json=body), 422)
        assert field in problem["errors"], (body, problem)


async def test_password_of_exactly_8_and_128_characters_is_accepted(client: AsyncClient) -> None:
    for password in ("x" * 8, "y" * 128):
        response = await client.post(
            "/auth/register", json={"email": unique_email(), "password": password, "name": "A"}
        )
        assert response.status_code == 201


async def test_login_returns_a_token(client: AsyncClient) -> None:
    email = unique_email()
    await register(client, email=email)
    response = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["tokenType"] == "bearer"
    assert body["user"]["email"] == email
    me = await client.get("/auth/me", headers={"Authorization": f"Bearer {body['accessToken']}"})
    assert me.json()["user"]["email"] == email


async def test_login_failures_look_the_same(client: AsyncClient) -> None:
    email = unique_email()
    await register(client, email=email)
    wrong_password = await client.post(
        "/auth/login", json={"email": email, "password": "nope-nope"}
    )
    unknown_email = await client.post(
        "/auth/login", json={"email": unique_email(), "password": PASSWORD}
    )
    first, second = assert_problem(wrong_password, 401), assert_problem(unknown_email, 401)
    assert first == second


async def test_me_requires_a_bearer_token(client: AsyncClient) -> None:
    response = await client.get("/auth/me")
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    response = await client.get("/auth/me", headers={"Authorization": "Basic abc"})
    assert_problem(response, 401)


async def test_expired_token_is_rejected(client: AsyncClient) -> None:
    headers = await register(client)
    me = (await client.get("/auth/me", headers=headers)).json()["user"]
    past = datetime.now(UTC) - timedelta(hours=2)
    token = jwt.encode(
        {"sub": me["id"], "iat": int(past.timestamp()), "exp": int(past.timestamp()) + 60},
        get_settings().jwt_secret,
        algorithm="HS256",
    )
    response = await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert_problem(response, 401)


async def test_patch_me_changes_only_the_given_fields(client: AsyncClient) -> None:
    headers = await register(client, name="Before")
    response = await client.patch(
        "/auth/me",
        json={"timezone": "America/New_York", "avatarUrl": "https://example.com/me.png"},
        headers=headers,
    )
    assert response.status_code == 200
    user = response.json()["user"]
    assert user["timezone"] == "America/New_York"
    assert user["avatarUrl"] == "https://example.com/me.png"
    assert user["name"] == "Before"
    response = await client.patch("/auth/me", json={"name": "After"}, headers=headers)
    assert response.json()["user"]["name"] == "After"
    assert response.json()["user"]["timezone"] == "America/New_York"


async def test_patch_me_validates(client: AsyncClient) -> None:
    headers = await register(client)
    for body, field in [
        ({"timezone": "Nowhere/Else"}, "timezone"),
        ({"avatarUrl": "javascript:alert(1)"}, "avatarUrl"),
        ({"name": ""}, "name"),
        ({"email": "new@example.com"}, "email"),
    ]:
        problem = assert_problem(await client.patch("/auth/me", json=body, headers=headers), 422)
        assert field in problem["errors"]
    assert_problem(await client.patch("/auth/me", json={"name": "X"}), 401)


async def test_patch_me_refuses_null_for_required_fields(client: AsyncClient) -> None:
    headers = await register(client)
    for field in ("name", "timezone"):
        problem = assert_problem(
            await client.patch("/auth/me", json={field: None}, headers=headers), 422
        )
        assert field in problem["errors"]
    response = await client.patch("/auth/me", json={"avatarUrl": None}, headers=headers)
    assert response.json()["user"]["avatarUrl"] is None
