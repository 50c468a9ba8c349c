"""The OpenAPI document and the API agree on the values the fuzzer found
they disagreed on (issue 11 §2): each case is checked against the served
document's own schema and sent to the API, and both must give the same answer
— valid and accepted, or invalid and refused."""

from typing import Any

import jsonschema_rs
import pytest
from httpx import AsyncClient

from tests.utils.api import assert_problem, create_habit, register


@pytest.fixture
async def document(client: AsyncClient) -> dict[str, Any]:
    return (await client.get("/openapi.json")).json()


def valid(document: dict[str, Any], schema: dict[str, Any], value: Any) -> bool:
    """Whether `value` is valid by `schema`, a part of `document` (refs resolved in it)."""
    root = {**schema, "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True).is_valid(value)


def body_schema(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    return document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]


async def test_a_whole_number_may_be_written_with_a_fraction_of_zero(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    # JSON Schema's `integer` counts 19.0 as 19 (no schema can tell them
    # apart), so the API takes it; a boolean or a string is no number.
    headers = await register(client)
    profile = body_schema(document, "/auth/me", "patch")
    for value, accepted in [(19.0, True), (19, True), (True, False), ("19", False)]:
        assert valid(document, profile, {"dayStartHour": value}) is accepted, value
        response = await client.patch("/auth/me", json={"dayStartHour": value}, headers=headers)
        if accepted:
            assert response.json()["user"]["dayStartHour"] == 19
        else:
            assert "dayStartHour" in assert_problem(response, 422)["errors"]
    habit = body_schema(document, "/habits", "post")
    for body in [
        {"title": "Swim", "frequency": "weekly", "target": 3.0},
        {"title": "Walk", "frequency": "daily", "target": 1.0},
    ]:
        assert valid(document, habit, body)
        response = await client.post("/habits", json=body, headers=headers)
        assert (response.status_code, response.json()["target"]) == (201, body["target"])


async def test_a_daily_habit_takes_a_target_of_one_only(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, frequency="weekly", target=3)
    patch = body_schema(document, "/habits/{habit_id}", "patch")
    for body, accepted in [
        ({"frequency": "daily", "target": 3}, False),
        ({"frequency": "daily", "target": 1}, True),
        ({"frequency": "weekly", "target": 5}, True),
    ]:
        assert valid(document, patch, body) is accepted, body
        response = await client.patch(f"/habits/{habit['id']}", json=body, headers=headers)
        assert (response.status_code == 200) is accepted, response.text
    # Valid by the document but not for a habit that is daily: a rule of the
    # stored habit, which the operation's description states.
    daily = await create_habit(client, headers, frequency="daily")
    assert valid(document, patch, {"target": 3})
    response = await client.patch(f"/habits/{daily['id']}", json={"target": 3}, headers=headers)
    assert "target" in assert_problem(response, 422)["errors"]
    description = document["paths"]["/habits/{habit_id}"]["patch"]["description"]
    assert "needs a weekly habit" in description


async def test_log_windows_are_range_and_end_or_from_and_to(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    parameters = document["paths"]["/habits/{habit_id}/logs"]["get"]["parameters"]
    (window,) = [parameter for parameter in parameters if parameter["in"] == "query"]
    assert (window["style"], window["explode"]) == ("form", True)
    for query, accepted in [
        ({}, True),
        ({"range": "month"}, True),
        ({"range": "week", "end": "2024-03-01"}, True),
        ({"from": "2024-01-01", "to": "2024-01-31"}, True),
        ({"range": "week", "from": "2024-01-01", "to": "2024-01-02"}, False),
        ({"end": "2024-01-01", "to": "2024-01-02"}, False),
        ({"to": "2024-01-02"}, False),
        ({"from": "1999-12-31", "to": "2000-01-02"}, False),
    ]:
        assert valid(document, window["schema"], query) is accepted, query
        # Exploded: each property of the object is a query parameter of its own.
        response = await client.get(f"/habits/{habit['id']}/logs", params=query, headers=headers)
        assert (response.status_code == 200) is accepted, (query, response.text)
        if not accepted:
            assert_problem(response, 422)


async def test_a_path_id_that_is_no_uuid_names_nothing(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    headers = await register(client)
    (habit_id,) = document["paths"]["/habits/{habit_id}"]["get"]["parameters"]
    assert not valid(document, habit_id["schema"], "not-an-id")
    assert_problem(await client.get("/habits/not-an-id", headers=headers), 404)
