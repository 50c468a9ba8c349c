"""Archived habits and the user's order: PATCH /habits/{id} `archived`,
GET /habits?archived=true, PUT /habits/order, positions (§2)."""

import uuid

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Habit
from tests.utils.api import assert_problem, create_habit, days_ago, log, register


async def titles(client: AsyncClient, headers: dict[str, str], query: str = "") -> list[str]:
    listed = (await client.get(f"/habits{query}", headers=headers)).json()
    return [habit["title"] for habit in listed]


def positions(session: Session, user_habits: list[dict]) -> dict[str, int]:
    """Title → position, as stored."""
    ids = [uuid.UUID(habit["id"]) for habit in user_habits]
    rows = session.execute(select(Habit.title, Habit.position).where(Habit.id.in_(ids))).all()
    session.commit()
    return dict(rows)


async def test_new_habits_go_last_and_a_deletion_closes_the_gap(client: AsyncClient) -> None:
    headers = await register(client)
    created = [await create_habit(client, headers, title=title) for title in "ABCD"]
    assert [habit["position"] for habit in created] == [0, 1, 2, 3]
    assert (await client.delete(f"/habits/{created[1]['id']}", headers=headers)).status_code == 204
    listed = (await client.get("/habits", headers=headers)).json()
    assert [(habit["title"], habit["position"]) for habit in listed] == [
        ("A", 0),
        ("C", 1),
        ("D", 2),
    ]
    assert (await create_habit(client, headers, title="E"))["position"] == 3


async def test_archived_habits_leave_the_list_and_the_stats_but_keep_their_logs(
    client: AsyncClient,
) -> None:
    headers = await register(client)
    read = await create_habit(client, headers, title="Read")
    run = await create_habit(client, headers, title="Run")
    await log(client, headers, run["id"], days_ago(1))
    response = await client.patch(f"/habits/{run['id']}", json={"archived": True}, headers=headers)
    assert response.status_code == 200
    archived = response.json()
    assert (archived["archived"], archived["position"], archived["totalLogs"]) == (True, 1, 1)

    assert await titles(client, headers) == ["Read"]
    assert await titles(client, headers, "?archived=true") == ["Run"]
    assert await titles(client, headers, "?archived=false") == ["Read"]
    overview = (await client.get("/stats/overview", headers=headers)).json()
    assert [dataset["habitId"] for dataset in overview["datasets"]] == [read["id"]]
    # Still there, and still logged through the API.
    assert (await client.get(f"/habits/{run['id']}", headers=headers)).json()["archived"] is True
    assert (await log(client, headers, run["id"])).status_code == 201
    logs = (await client.get(f"/habits/{run['id']}/logs", headers=headers)).json()["items"]
    assert len(logs) == 2

    restored = await client.patch(f"/habits/{run['id']}", json={"archived": False}, headers=headers)
    assert (restored.json()["archived"], restored.json()["totalLogs"]) == (False, 2)
    assert await titles(client, headers) == ["Read", "Run"]
    for body in ({"archived": None}, {"archived": "true"}, {"archived": 1}):
        problem = assert_problem(
            await client.patch(f"/habits/{run['id']}", json=body, headers=headers), 422
        )
        assert "archived" in problem["errors"]
    assert_problem(await client.get("/habits?archived=maybe", headers=headers), 422)


async def test_put_order_reorders_every_habit_archived_ones_too(
    client: AsyncClient, session: Session
) -> None:
    headers = await register(client)
    a, b, c = [await create_habit(client, headers, title=title) for title in "ABC"]
    await client.patch(f"/habits/{b['id']}", json={"archived": True}, headers=headers)
    response = await client.put(
        "/habits/order", json={"ids": [c["id"], a["id"], b["id"]]}, headers=headers
    )
    assert response.status_code == 200, response.text
    ordered = response.json()
    assert [(habit["title"], habit["position"], habit["archived"]) for habit in ordered] == [
        ("C", 0, False),
        ("A", 1, False),
        ("B", 2, True),
    ]
    assert positions(session, [a, b, c]) == {"C": 0, "A": 1, "B": 2}
    assert await titles(client, headers) == ["C", "A"]
    overview = (await client.get("/stats/overview", headers=headers)).json()
    assert [dataset["label"] for dataset in overview["datasets"]] == ["C", "A"]
    # New habits still go last.
    assert (await create_habit(client, headers, title="D"))["position"] == 3


async def test_bad_orders_are_422_and_change_nothing(client: AsyncClient, session: Session) -> None:
    headers = await register(client)
    a, b = [await create_habit(client, headers, title=title) for title in "AB"]
    theirs = await create_habit(client, await register(client), title="Theirs")
    for ids in (
        [a["id"]],  # misses one
        [a["id"], b["id"], a["id"]],  # repeats one
        [a["id"], b["id"], theirs["id"]],  # names someone else's
        [a["id"], theirs["id"]],
        [a["id"], b["id"], str(uuid.uuid4())],
        [],
    ):
        response = await client.put("/habits/order", json={"ids": ids}, headers=headers)
        assert "ids" in assert_problem(response, 422)["errors"], ids
    for body in ({}, {"ids": None}, {"ids": ["x"]}, {"ids": a["id"]}, {"ids": [], "x": 1}):
        assert_problem(await client.put("/habits/order", json=body, headers=headers), 422)
    assert positions(session, [a, b]) == {"A": 0, "B": 1}
    assert positions(session, [theirs]) == {"Theirs": 0}


async def test_an_empty_order_for_a_user_without_habits(client: AsyncClient) -> None:
    headers = await register(client)
    response = await client.put("/habits/order", json={"ids": []}, headers=headers)
    assert (response.status_code, response.json()) == (200, [])
