"""API5:2023 Broken Function Level Authorization.

Every operation the OpenAPI document lists, except the few that must be public,
refuses an anonymous caller with 401 and `WWW-Authenticate: Bearer`. Reading
the list from the document means a new route cannot be forgotten here.
"""

from httpx import AsyncClient

from tests.security.conftest import missing_id
from tests.utils.api import assert_problem

PUBLIC = {
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("GET", "/auth/google/login"),
    ("GET", "/auth/google/callback"),
    ("GET", "/health"),
}


async def test_every_non_public_operation_requires_a_token(client: AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    protected = [
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
        if (method.upper(), path) not in PUBLIC
    ]
    assert len(protected) >= 12  # habits, logs, stats, badges, /auth/me
    for method, template in protected:
        path = template.replace("{habit_id}", missing_id()).replace("{day}", "2024-01-01")
        response = await client.request(method, path)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer", (method, path)
