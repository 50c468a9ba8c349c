import json

from httpx import AsyncClient, Response

from tests.utils.api import assert_problem, create_habit, register


async def post_raw(client: AsyncClient, headers: dict[str, str], content) -> Response:
    """POST /habits with a body sent as given (bytes or a stream), labelled JSON."""
    return await client.post(
        "/habits", content=content, headers={**headers, "Content-Type": "application/json"}
    )


async def test_unknown_route_and_method_are_problems(client: AsyncClient) -> None:
    assert_problem(await client.get("/nowhere"), 404)
    response = await client.patch("/habits")
    assert_problem(response, 405)
    assert "GET" in response.headers["allow"]


async def test_malformed_json_is_a_422_problem(client: AsyncClient) -> None:
    headers = await register(client)
    response = await post_raw(client, headers, b'{"title": "x", ')
    problem = assert_problem(response, 422)
    assert "body" in problem["errors"]


async def test_body_over_one_mebibyte_is_413(client: AsyncClient) -> None:
    headers = await register(client)
    big = json.dumps({"title": "x" * (1024 * 1024), "frequency": "daily"})
    response = await post_raw(client, headers, big)
    assert_problem(response, 413)


async def test_streamed_body_over_one_mebibyte_is_413(client: AsyncClient) -> None:
    headers = await register(client)

    async def chunks():
        yield b'{"title": "'
        for _ in range(20):
            yield b"x" * 65536
        yield b'", "frequency": "daily"}'

    response = await post_raw(client, headers, chunks())
    assert_problem(response, 413)
    assert (await client.get("/habits", headers=headers)).json() == []


async def test_nul_characters_are_rejected_not_crashed_on(client: AsyncClient) -> None:
    headers = await register(client)
    problem = assert_problem(
        await client.post(
            "/habits", json={"title": "a\x00b", "frequency": "daily"}, headers=headers
        ),
        422,
    )
    assert "title" in problem["errors"]
    problem = assert_problem(
        await client.post(
            "/auth/register",
            json={"email": "nul@example.com", "password": "pass\x00word1", "name": "N"},
        ),
        422,
    )
    assert "password" in problem["errors"]
    assert_problem(
        await client.post("/auth/login", json={"email": "a\x00@example.com", "password": "x"}), 422
    )


async def test_every_response_has_security_headers(client: AsyncClient) -> None:
    headers = await register(client)
    for response in (
        await client.get("/habits", headers=headers),
        await client.get("/habits"),
        await client.get("/nowhere"),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"


async def test_cors_allows_only_the_client_origin(client: AsyncClient) -> None:
    allowed = "http://localhost:4321"
    preflight = await client.options(
        "/habits",
        headers={
            "Origin": allowed,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == allowed
    assert "access-control-allow-credentials" not in preflight.headers
    simple = await client.get("/health", headers={"Origin": allowed})
    assert simple.headers["access-control-allow-origin"] == allowed

    foreign = await client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in foreign.headers
    foreign_preflight = await client.options(
        "/habits",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in foreign_preflight.headers


async def test_unexpected_errors_are_500_problems_without_a_traceback(app_factory) -> None:
    from httpx import ASGITransport

    app = app_factory()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/boom")
    problem = assert_problem(response, 500)
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert problem["title"] == "Internal Server Error"


async def test_password_hash_never_leaves_the_api(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    bodies = [
        (await client.get("/auth/me", headers=headers)).text,
        (await client.get("/habits", headers=headers)).text,
        (await client.get(f"/habits/{habit['id']}", headers=headers)).text,
    ]
    assert not any("bcrypt" in body or "passwordHash" in body or "$2b$" in body for body in bodies)


async def test_openapi_declares_problem_responses(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    assert "Problem" in schema["components"]["schemas"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    create = schema["paths"]["/habits"]["post"]["responses"]
    for status in ("401", "413", "422", "500"):
        assert list(create[status]["content"]) == ["application/problem+json"]
    login = schema["paths"]["/auth/login"]["post"]["responses"]
    assert "429" in login


async def test_405_names_every_method_of_the_resource(client: AsyncClient) -> None:
    headers = await register(client)
    for path, allowed in [
        ("/habits", "GET, POST"),
        ("/habits/abc", "GET, PUT, PATCH, DELETE"),
        ("/auth/me", "GET, PATCH, DELETE"),
        ("/auth/tokens", "GET, POST"),
        ("/habits/abc/logs/2024-01-01", "PATCH, DELETE"),
    ]:
        response = await client.request("OPTIONS", path, headers=headers)
        assert_problem(response, 405)
        assert response.headers["allow"] == allowed


async def test_json_values_are_not_coerced_to_numbers(client: AsyncClient) -> None:
    headers = await register(client)
    # 3.0 is the integer 3 by JSON Schema, and accepted
    # (tests/api/test_document_agreement.py).
    for target in (True, "3"):
        body = {"title": "Typed", "frequency": "weekly", "target": target}
        problem = assert_problem(await client.post("/habits", json=body, headers=headers), 422)
        assert "target" in problem["errors"]


async def test_openapi_declares_400_for_undecodable_bodies(client: AsyncClient) -> None:
    headers = await register(client)
    response = await post_raw(client, headers, b'{"title": "\xc3\x28"}')
    assert_problem(response, 400)
    schema = (await client.get("/openapi.json")).json()
    assert "400" in schema["paths"]["/habits"]["post"]["responses"]
    assert "400" not in schema["paths"]["/habits"]["get"]["responses"]
