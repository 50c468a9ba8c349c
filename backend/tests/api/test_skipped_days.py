"""Skipped days in streaks, counts, stats and badges, through the API (§2.1):
a skipped day bridges, it never counts."""

from datetime import date, timedelta

from httpx import AsyncClient

from tests.utils.api import create_habit, days_ago, register, utc_today


async def log(
    client: AsyncClient, headers: dict[str, str], habit_id: str, day: date, status: str = "done"
) -> None:
    body = {"date": day.isoformat(), "status": status}
    response = await client.post(f"/habits/{habit_id}/log", json=body, headers=headers)
    assert response.status_code == 201, response.text


async def shown(client: AsyncClient, headers: dict[str, str], habit_id: str) -> dict:
    return (await client.get(f"/habits/{habit_id}", headers=headers)).json()


def figures(habit: dict) -> tuple[int, int, int, int]:
    return (
        habit["currentStreak"],
        habit["longestStreak"],
        habit["totalLogs"],
        habit["periodCount"],
    )


async def test_a_skipped_day_bridges_a_daily_streak_and_does_not_count(
    client: AsyncClient,
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    for offset in (5, 4, 2, 1):
        await log(client, headers, habit["id"], days_ago(offset))
    assert figures(await shown(client, headers, habit["id"])) == (2, 2, 4, 0)
    await log(client, headers, habit["id"], days_ago(3), "skipped")
    assert figures(await shown(client, headers, habit["id"])) == (4, 4, 4, 0)

    # Skipping today keeps the streak as it is: neither broken nor longer.
    await log(client, headers, habit["id"], utc_today(), "skipped")
    habit_now = await shown(client, headers, habit["id"])
    assert figures(habit_now) == (4, 4, 4, 0)
    assert (habit_now["todayStatus"], habit_now["loggedToday"]) == ("skipped", False)

    # A skipped day turned into a done one counts.
    day = days_ago(3).isoformat()
    patched = await client.patch(
        f"/habits/{habit['id']}/logs/{day}", json={"status": "done"}, headers=headers
    )
    assert patched.status_code == 200
    assert figures(await shown(client, headers, habit["id"])) == (5, 5, 5, 0)


async def test_a_weekly_week_is_bridged_when_done_and_skipped_reach_the_target(
    client: AsyncClient,
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, frequency="weekly", target=3)
    monday = utc_today() - timedelta(days=utc_today().weekday())
    two_weeks_ago, last_week = monday - timedelta(weeks=2), monday - timedelta(weeks=1)
    for offset in (0, 1, 2):
        await log(client, headers, habit["id"], two_weeks_ago + timedelta(days=offset))
    for offset in (0, 1):
        await log(client, headers, habit["id"], last_week + timedelta(days=offset))
    # Last week has 2 of 3: over, and it breaks the run.
    assert figures(await shown(client, headers, habit["id"]))[:3] == (0, 1, 5)
    await log(client, headers, habit["id"], last_week + timedelta(days=4), "skipped")
    # 2 done + 1 skipped: bridged, neither broken nor counted.
    assert figures(await shown(client, headers, habit["id"]))[:3] == (1, 1, 5)

    # This week's skipped days do not count towards its done days.
    await log(client, headers, habit["id"], monday, "skipped")
    assert figures(await shown(client, headers, habit["id"]))[3] == 0
    if utc_today() > monday:
        await log(client, headers, habit["id"], monday + timedelta(days=1))
        assert figures(await shown(client, headers, habit["id"]))[3] == 1


async def test_skipped_days_are_0_in_the_stats(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    await log(client, headers, habit["id"], days_ago(1), "skipped")
    await log(client, headers, habit["id"], days_ago(2))
    week = (await client.get("/stats/overview", headers=headers)).json()
    assert week["datasets"][0]["data"] == [0, 0, 0, 0, 1, 0, 0]


async def test_badges_count_done_days_only(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    start = days_ago(60)
    pause = {"from": start.isoformat(), "to": (start + timedelta(days=39)).isoformat()}
    response = await client.post("/habits/skip", json=pause, headers=headers)
    assert response.json() == {"created": 40}
    assert (await client.get("/badges", headers=headers)).json() == []
    assert figures(await shown(client, headers, habit["id"]))[:3] == (0, 0, 0)

    # Six done days with a skipped one among them: a streak of 6, not 7.
    for offset in (7, 6, 5, 3, 2, 1):
        await log(client, headers, habit["id"], days_ago(offset))
    await log(client, headers, habit["id"], days_ago(4), "skipped")
    codes = [badge["code"] for badge in (await client.get("/badges", headers=headers)).json()]
    assert codes == ["first_log"]
    await log(client, headers, habit["id"], utc_today())
    codes = [badge["code"] for badge in (await client.get("/badges", headers=headers)).json()]
    assert codes == ["first_log", "streak_7"]
