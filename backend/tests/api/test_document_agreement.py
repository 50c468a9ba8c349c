"""The OpenAPI document and the API agree on the values the fuzzer found
they disagreed on (issue 11 §2): each case is checked against the served
document's own schema and sent to the API, and both must give the same answer
— valid and accepted, or invalid and refused."""

import re
from datetime import timedelta
from typing import Any

import jsonschema_rs
import pytest
from httpx import AsyncClient

from tests.utils.api import assert_problem, create_habit, log, register, utc_today


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
    token = body_schema(document, "/auth/tokens", "post")
    for days, accepted in [(30.0, True), (30, True), (30.5, False), ("30", False)]:
        body = {"name": "Script", "expiresInDays": days}
        assert valid(document, token, body) is accepted, days
        response = await client.post("/auth/tokens", json=body, headers=headers)
        assert (response.status_code == 201) is accepted, response.text


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


def parameter_schema(document: dict[str, Any], path: str, method: str, name: str) -> Any:
    (parameter,) = [p for p in document["paths"][path][method]["parameters"] if p["name"] == name]
    return parameter["schema"]


async def test_a_method_the_document_does_not_list_is_405(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    # PATCH /habits/order once reached PATCH /habits/{habit_id} with "order"
    # as the id (422 on its body); "order" and "skip" are no habit ids.
    headers = await register(client)
    methods = ("GET", "PUT", "POST", "DELETE", "PATCH")
    for path, item in document["paths"].items():
        concrete = path.replace("{day}", "2024-01-01")
        concrete = re.sub(r"\{[a-z_]+\}", "3f2b6c1e-8d4a-4f1b-9c2e-5a7d0e9b1c3f", concrete)
        listed = [method for method in methods if method.lower() in item]
        for method in ("PATCH", "PUT", "DELETE", "OPTIONS"):
            if method in listed:
                continue
            response = await client.request(method, concrete, headers=headers, json={})
            assert_problem(response, 405)
            assert set(response.headers["allow"].split(", ")) == set(listed), (method, path)


async def test_a_path_id_must_be_written_as_the_document_writes_it(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    # Python's UUID() also reads these forms; the document's `uuid` does not.
    headers = await register(client)
    habit = await create_habit(client, headers)
    schema = parameter_schema(document, "/habits/{habit_id}", "get", "habit_id")
    for text, accepted in [
        (habit["id"], True),
        (habit["id"].upper(), True),
        (habit["id"].replace("-", ""), False),
        ("{" + habit["id"] + "}", False),
        ("urn:uuid:" + habit["id"], False),
    ]:
        assert valid(document, schema, text) is accepted, text
        response = await client.get(f"/habits/{text}", headers=headers)
        assert response.status_code == (200 if accepted else 404), (text, response.text)


async def test_ids_in_a_body_are_distinct_uuids(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    headers = await register(client)
    first, second = (await create_habit(client, headers))["id"], (
        await create_habit(client, headers)
    )["id"]
    order = body_schema(document, "/habits/order", "put")
    for ids, accepted in [
        ([second, first], True),
        ([first.upper(), second], True),
        ([first, second, first], False),
        ([first.replace("-", ""), second], False),
        (["{" + first + "}", second], False),
    ]:
        assert valid(document, order, {"ids": ids}) is accepted, ids
        response = await client.put("/habits/order", json={"ids": ids}, headers=headers)
        if accepted:
            assert response.status_code == 200, response.text
        else:
            assert "ids" in str(assert_problem(response, 422)["errors"])
    # Valid by the document, refused by the stored habits: the description says so.
    assert valid(document, order, {"ids": [first]})
    response = await client.put("/habits/order", json={"ids": [first]}, headers=headers)
    assert "leaves out" in assert_problem(response, 422)["errors"]["ids"][0]
    description = " ".join(document["paths"]["/habits/order"]["put"]["description"].split())
    assert "exactly once" in description and "stored state" in description

    pause = body_schema(document, "/habits/skip", "post")
    today = utc_today()
    span = {"from": today.isoformat(), "to": today.isoformat()}
    for ids, accepted in [([first.upper()], True), ([first.replace("-", "")], False)]:
        assert valid(document, pause, {**span, "habitIds": ids}) is accepted, ids
        response = await client.post(
            "/habits/skip", json={**span, "habitIds": ids}, headers=headers
        )
        assert (response.status_code == 201) is accepted, response.text


async def test_a_day_in_a_path_is_one_the_calendar_has(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    # Year 0000 matches the `date` format, but no date of Python's.
    headers = await register(client)
    habit = await create_habit(client, headers)
    schema = parameter_schema(document, "/habits/{habit_id}/logs/{day}", "patch", "day")
    for day, status in [("0000-01-01", 422), ("0001-01-01", 404), ("1999-12-31", 404)]:
        assert valid(document, schema, day) is (status != 422), day
        response = await client.patch(
            f"/habits/{habit['id']}/logs/{day}", json={"note": "x"}, headers=headers
        )
        assert_problem(response, status)


async def test_rules_of_the_clock_and_of_two_values_are_described(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    # Valid by the document, refused by the API: rules no schema can state,
    # which each operation's description does (the fuzzer's hooks keep its
    # requests inside them, tests_live/schemathesis_hooks.py).
    headers = await register(client)
    habit = await create_habit(client, headers)
    today = utc_today()
    later, far = (today + timedelta(days=3)).isoformat(), (today + timedelta(days=120)).isoformat()
    assert (await log(client, headers, habit["id"], today)).status_code == 201
    scores, pause = "/habits/{habit_id}/scores", "/habits/skip"
    one_log, one_day = "/habits/{habit_id}/log", "/habits/{habit_id}/logs/{day}"
    for method, path, day, query, body, described in [
        ("get", scores, None, {"from": later}, None, "after `to` (today"),
        ("get", scores, None, {"from": "2005-01-01"}, None, "more than 400 days"),
        ("post", pause, None, None, {"from": later, "to": far}, "more than 90 days"),
        ("post", pause, None, None, {"from": far, "to": later}, "`from` after `to`"),
        ("post", one_log, None, None, {"date": later}, "not be after"),
        ("patch", one_day, later, None, {"status": "done"}, "for a day after the user's today"),
    ]:
        operation = document["paths"][path][method]
        for name, value in (query or {}).items():
            assert valid(document, parameter_schema(document, path, method, name), value)
        if body is not None:
            assert valid(document, body_schema(document, path, method), body), body
        url = path.format(habit_id=habit["id"], day=day)
        response = await client.request(method, url, params=query, json=body, headers=headers)
        assert_problem(response, 422)
        assert described in " ".join(operation["description"].split()), path
    # Today is no later than today.
    url = one_day.format(habit_id=habit["id"], day=today.isoformat())
    response = await client.patch(url, json={"status": "skipped"}, headers=headers)
    assert response.status_code == 200, response.text


async def test_a_boolean_in_a_query_is_true_or_false(
    client: AsyncClient, document: dict[str, Any]
) -> None:
    # pydantic alone read 1, yes, on, True... as booleans too.
    headers = await register(client)
    schema = parameter_schema(document, "/habits", "get", "archived")
    written = {"true": True, "false": False}  # the document's booleans, as a query writes them
    for text in ["true", "false", "1", "0", "yes", "on", "True"]:
        accepted = text in written
        assert valid(document, schema, written.get(text, text)) is accepted, text
        response = await client.get("/habits", params={"archived": text}, headers=headers)
        if accepted:
            assert response.status_code == 200, response.text
        else:
            assert "archived" in assert_problem(response, 422)["errors"]
