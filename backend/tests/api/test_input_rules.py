"""Input rules found by probing the API from outside (issue 11): each was
accepted or answered 500 before."""

from httpx import AsyncClient

from tests.utils.api import PASSWORD, assert_problem, create_habit, register, unique_email


async def test_an_email_local_part_over_64_characters_is_refused(client: AsyncClient) -> None:
    long_local = "a" * 65 + "@example.com"
    response = await client.post(
        "/auth/register", json={"email": long_local, "password": PASSWORD, "name": "Long"}
    )
    assert "email" in assert_problem(response, 422)["errors"]
    fits = "a" * 64 + "@example.com"
    response = await client.post(
        "/auth/register", json={"email": fits, "password": PASSWORD, "name": "Fits"}
    )
    assert response.status_code == 201, response.text


async def test_an_email_over_254_characters_is_refused(client: AsyncClient) -> None:
    fits = "a@" + ".".join(["b" * 49] * 5) + ".co"
    assert len(fits) == 254
    response = await client.post(
        "/auth/register", json={"email": fits, "password": PASSWORD, "name": "Fits"}
    )
    assert response.status_code == 201, response.text
    too_long = "a" + fits
    response = await client.post(
        "/auth/register", json={"email": too_long, "password": PASSWORD, "name": "Long"}
    )
    assert "email" in assert_problem(response, 422)["errors"]


async def test_invisible_titles_are_refused(client: AsyncClient) -> None:
    headers = await register(client)
    for title in ["\u200b\u200b", "\ufeff", " \u200c\u200d ", "\u2060", "\t\n"]:
        response = await client.post(
            "/habits", json={"title": title, "frequency": "daily"}, headers=headers
        )
        assert "title" in assert_problem(response, 422)["errors"], repr(title)
    # Invisible characters inside a visible title are the user's business.
    response = await client.post(
        "/habits", json={"title": "Read\u200bmore", "frequency": "daily"}, headers=headers
    )
    assert response.status_code == 201


async def test_a_host_alias_is_not_a_time_zone(client: AsyncClient) -> None:
    for zone in ["localtime", "posixrules", "utc", "Europe"]:
        response = await client.post(
            "/auth/register",
            json={"email": unique_email(), "password": PASSWORD, "name": "Z", "timezone": zone},
        )
        assert "timezone" in assert_problem(response, 422)["errors"], zone
    headers = await register(client)
    response = await client.patch("/auth/me", json={"timezone": "localtime"}, headers=headers)
    assert "timezone" in assert_problem(response, 422)["errors"]


async def test_every_422_has_the_same_title(client: AsyncClient) -> None:
    """pydantic's 422s and the services' 422s used two titles."""
    headers = await register(client)
    habit = await create_habit(client, headers)
    from_validation = await client.post("/habits", json={}, headers=headers)
    from_service = await client.post(
        f"/habits/{habit['id']}/log", json={"date": "2999-01-01"}, headers=headers
    )
    from_query = await client.get(f"/habits/{habit['id']}/logs?range=year", headers=headers)
    titles = {
        assert_problem(response, 422)["title"]
        for response in (from_validation, from_service, from_query)
    }
    assert titles == {"Unprocessable Content"}
