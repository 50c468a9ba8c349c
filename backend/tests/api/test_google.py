from urllib.parse import parse_qs, urlparse

from httpx import ASGITransport, AsyncClient

from tests.utils.api import assert_problem


async def test_google_sign_in_is_disabled_by_default(client: AsyncClient) -> None:
    assert_problem(await client.get("/auth/google/login"), 501)
    assert_problem(await client.get("/auth/google/callback?code=abc&state=xyz"), 501)


async def test_google_login_url_when_configured(app_factory) -> None:
    app = app_factory(google_client_id="client-123", google_client_secret="secret-456")
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/auth/google/login")
        assert response.status_code == 200
        url = urlparse(response.json()["url"])
        query = parse_qs(url.query)
        assert url.netloc == "accounts.google.com"
        assert query["client_id"] == ["client-123"]
        assert query["redirect_uri"] == ["http://localhost:8000/auth/google/callback"]
        assert query["state"][0]

        # A forged state is refused before anything is sent to Google.
        problem = assert_problem(
            await client.get("/auth/google/callback?code=abc&state=forged"), 422
        )
        assert "state" in problem["errors"]


async def test_google_callback_without_a_query_is_501_when_disabled(client: AsyncClient) -> None:
    assert_problem(await client.get("/auth/google/callback"), 501)
