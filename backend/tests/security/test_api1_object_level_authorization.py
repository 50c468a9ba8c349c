"""API1:2023 Broken Object Level Authorization.

Every route that takes a habit id or a log date, called with another user's
habit, answers exactly as for a habit that does not exist (404, same body but
for the id itself), and leaves the owner's data as it was.
"""

import json

from httpx import AsyncClient, Response

from tests.security.conftest import Victim, missing_id
from tests.utils.api import assert_problem, create_habit


def routes(habit_id: str, day: str) -> list[tuple[str, str, dict | None]]:
    """(method, path, body) of every route with a habit id or a log date."""
    return [
        ("GET", f"/habits/{habit_id}", None),
        ("PUT", f"/habits/{habit_id}", {"title": "Stolen", "frequency": "weekly", "target": 7}),
        ("PATCH", f"/habits/{habit_id}", {"archived": True}),
        ("DELETE", f"/habits/{habit_id}", None),
        ("POST", f"/habits/{habit_id}/log", {"date": day}),
        ("POST", f"/habits/{habit_id}/log", None),
        ("GET", f"/habits/{habit_id}/logs?range=month&end={day}", None),
        ("PATCH", f"/habits/{habit_id}/logs/{day}", {"status": "skipped", "note": "Mine now"}),
        ("DELETE", f"/habits/{habit_id}/logs/{day}", None),
        ("GET", f"/habits/{habit_id}/scores", None),
    ]


def without_id(response: Response, habit_id: str) -> dict:
    """The problem body with the requested id blanked out (it is echoed in `detail`/`instance`)."""
    return json.loads(response.text.replace(habit_id, "{id}"))


async def test_another_users_habit_is_indistinguishable_from_a_missing_one(
    client: AsyncClient, victim: Victim, intruder: dict[str, str]
) -> None:
    before = await victim.snapshot(client)
    theirs, nobodys = victim.habit["id"], missing_id()
    day = victim.logged_day.isoformat()
    for (method, path, body), (_, missing_path, _) in zip(
        routes(theirs, day), routes(nobodys, day), strict=True
    ):
        stolen = await client.request(method, path, json=body, headers=intruder)
        missing = await client.request(method, missing_path, json=body, headers=intruder)
        assert_problem(stolen, 404)
        assert_problem(missing, 404)
        assert without_id(stolen, theirs) == without_id(missing, nobodys), (method, path)
        assert stolen.headers.keys() == missing.headers.keys()
    assert await victim.snapshot(client) == before


async def test_an_intruder_sees_none_of_the_victims_data_in_collections(
    client: AsyncClient, victim: Victim, intruder: dict[str, str]
) -> None:
    own = await create_habit(client, intruder, title="Mine")
    listed = (await client.get("/habits", headers=intruder)).json()
    assert [habit["id"] for habit in listed] == [own["id"]]
    overview = (await client.get("/stats/overview?range=month", headers=intruder)).json()
    assert [dataset["habitId"] for dataset in overview["datasets"]] == [own["id"]]
    assert (await client.get("/badges", headers=intruder)).json() == []
    assert victim.habit["id"] not in (await client.get("/auth/me", headers=intruder)).text


async def test_a_log_date_of_the_victim_cannot_be_undone_through_ones_own_habit(
    client: AsyncClient, victim: Victim, intruder: dict[str, str]
) -> None:
    own = await create_habit(client, intruder)
    before = await victim.snapshot(client)
    response = await client.delete(
        f"/habits/{own['id']}/logs/{victim.logged_day}", headers=intruder
    )
    assert_problem(response, 404)
    assert await victim.snapshot(client) == before


async def test_malformed_or_unknown_habit_ids_are_404_never_500(
    client: AsyncClient, victim: Victim
) -> None:
    day = victim.logged_day.isoformat()
    for habit_id in ("0", "-1", "abc", "1e10", "%20", missing_id()):
        for method, path, body in routes(habit_id, day):
            response = await client.request(method, path, json=body, headers=victim.headers)
            assert_problem(response, 404)


async def test_a_nul_character_in_a_habit_id_is_422_never_500(
    client: AsyncClient, victim: Victim
) -> None:
    day = victim.logged_day.isoformat()
    for method, path, body in routes("%00", day):
        response = await client.request(method, path, json=body, headers=victim.headers)
        assert "habit_id" in assert_problem(response, 422)["errors"]


async def test_malformed_log_dates_are_422_never_500(client: AsyncClient, victim: Victim) -> None:
    habit_id = victim.habit["id"]
    for day in ("0", "-1", "abc", "2024-02-30", "2024-13-01", "%00", "20240101"):
        response = await client.delete(f"/habits/{habit_id}/logs/{day}", headers=victim.headers)
        assert "day" in assert_problem(response, 422)["errors"]
        response = await client.get(f"/habits/{habit_id}/logs?end={day}", headers=victim.headers)
        assert "end" in assert_problem(response, 422)["errors"]


async def test_another_users_habit_in_a_break_or_an_order_is_refused(
    client: AsyncClient, victim: Victim, intruder: dict[str, str]
) -> None:
    own = await create_habit(client, intruder)
    before = await victim.snapshot(client)
    theirs, nobodys = victim.habit["id"], missing_id()
    day = victim.logged_day.isoformat()
    answers = []
    for habit_id in (theirs, nobodys):
        body = {"from": day, "to": day, "habitIds": [own["id"], habit_id]}
        answers.append(await client.post("/habits/skip", json=body, headers=intruder))
    assert_problem(answers[0], 404)
    assert without_id(answers[0], theirs) == without_id(answers[1], nobodys)
    for ids in ([own["id"], theirs], [theirs]):
        response = await client.put("/habits/order", json={"ids": ids}, headers=intruder)
        assert "ids" in assert_problem(response, 422)["errors"]
    assert await victim.snapshot(client) == before
    own_logs = await client.get(f"/habits/{own['id']}/logs?end={day}", headers=intruder)
    assert own_logs.json()["items"] == []  # the refused break wrote nothing
