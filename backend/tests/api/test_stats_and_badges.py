from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from httpx import AsyncClient

from tests.utils.api import assert_problem, create_habit, log, register


async def test_overview_week_and_month(client: AsyncClient) -> None:
    headers = await register(client)
    first = await create_habit(client, headers, title="Read")
    second = await create_habit(client, headers, title="Run", frequency="weekly", target=2)
    today = datetime.now(ZoneInfo("UTC")).date()
    await log(client, headers, first["id"])
    await log(client, headers, first["id"], today - timedelta(days=6))
    await log(client, headers, first["id"], today - timedelta(days=7))  # outside the week
    await log(client, headers, second["id"], today - timedelta(days=29))

    week = (await client.get("/stats/overview", headers=headers)).json()
    assert week["labels"] == [(today - timedelta(days=d)).isoformat() for d in range(6, -1, -1)]
    assert [(d["label"], d["habitId"]) for d in week["datasets"]] == [
        ("Read", first["id"]),
        ("Run", second["id"]),
    ]
    assert week["datasets"][0]["data"] == [1, 0, 0, 0, 0, 0, 1]
    assert week["datasets"][1]["data"] == [0] * 7

    month = (await client.get("/stats/overview?range=month", headers=headers)).json()
    assert len(month["labels"]) == 30
    assert month["labels"][-1] == today.isoformat()
    assert month["datasets"][0]["data"].count(1) == 3
    assert month["datasets"][1]["data"][0] == 1


async def test_overview_validation_and_auth(client: AsyncClient) -> None:
    headers = await register(client)
    assert_problem(await client.get("/stats/overview?range=year", headers=headers), 422)
    assert_problem(await client.get("/stats/overview"), 401)
    empty = (await client.get("/stats/overview", headers=headers)).json()
    assert (len(empty["labels"]), empty["datasets"]) == (7, [])


async def test_badges_are_awarded_once_when_logs_are_written(client: AsyncClient) -> None:
    headers = await register(client)
    assert (await client.get("/badges", headers=headers)).json() == []
    habit = await create_habit(client, headers)
    today = datetime.now(ZoneInfo("UTC")).date()
    await log(client, headers, habit["id"], today - timedelta(days=1))
    badges = (await client.get("/badges", headers=headers)).json()
    assert [badge["code"] for badge in badges] == ["first_log"]
    assert set(badges[0]) == {"code", "title", "description", "achievedAt"}

    for offset in range(2, 8):
        await log(client, headers, habit["id"], today - timedelta(days=offset))
    codes = [badge["code"] for badge in (await client.get("/badges", headers=headers)).json()]
    assert codes == ["first_log", "streak_7"]

    # Undo and log again: still one badge per code.
    day = (today - timedelta(days=1)).isoformat()
    await client.delete(f"/habits/{habit['id']}/logs/{day}", headers=headers)
    await log(client, headers, habit["id"], today - timedelta(days=1))
    codes = [badge["code"] for badge in (await client.get("/badges", headers=headers)).json()]
    assert codes == ["first_log", "streak_7"]


async def test_weekly_and_total_badges(client: AsyncClient) -> None:
    headers = await register(client)
    weekly = await create_habit(client, headers, frequency="weekly", target=1)
    today = datetime.now(ZoneInfo("UTC")).date()
    monday = today - timedelta(days=today.weekday())
    for weeks in range(1, 5):
        await log(client, headers, weekly["id"], monday - timedelta(weeks=weeks))
    codes = {badge["code"] for badge in (await client.get("/badges", headers=headers)).json()}
    assert codes == {"first_log", "weekly_4"}

    daily = await create_habit(client, headers, title="Old habit")
    start = date(2020, 1, 1)
    for offset in range(0, 200, 2):  # every other day: 100 logs, no streak
        await log(client, headers, daily["id"], start + timedelta(days=offset))
    codes = {badge["code"] for badge in (await client.get("/badges", headers=headers)).json()}
    assert codes == {"first_log", "weekly_4", "logs_30", "logs_100"}


async def test_badges_require_authentication(client: AsyncClient) -> None:
    assert_problem(await client.get("/badges"), 401)
