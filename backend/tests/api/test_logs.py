from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from httpx import AsyncClient

from tests.utils.api import assert_problem, create_habit, log, register


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


async def test_log_defaults_to_today_in_the_users_time_zone(client: AsyncClient) -> None:
    # UTC+14 and UTC-11: at most hours of the day one of them differs from UTC.
    for timezone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        headers = await register(client, timezone=timezone)
        habit = await create_habit(client, headers)
        response = await client.post(f"/habits/{habit['id']}/log", headers=headers)
        assert response.status_code == 201, response.text
        created = response.json()
        assert set(created) == {"id", "habitId", "date", "status", "note", "createdAt"}
        assert (created["status"], created["note"]) == ("done", None)
        assert created["habitId"] == habit["id"]
        assert created["date"] == today_in(timezone).isoformat()


async def test_todays_log_shows_on_the_dashboard_and_the_chart_in_far_time_zones(
    client: AsyncClient,
) -> None:
    # GET /habits and /stats/overview read a window around UTC's today before
    # they know the user's zone; today there may be UTC's yesterday or tomorrow.
    for timezone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        headers = await register(client, timezone=timezone)
        habit = await create_habit(client, headers)
        logged = await client.post(f"/habits/{habit['id']}/log", headers=headers)
        assert logged.status_code == 201, logged.text
        (listed,) = (await client.get("/habits", headers=headers)).json()
        assert (listed["loggedToday"], listed["periodCount"], listed["currentStreak"]) == (
            True,
            1,
            1,
        )
        week = (await client.get("/stats/overview", headers=headers)).json()
        assert week["labels"][-1] == today_in(timezone).isoformat()
        assert week["datasets"][0]["data"] == [0, 0, 0, 0, 0, 0, 1]


async def test_log_with_an_empty_json_body_or_null_date(client: AsyncClient) -> None:
    headers = await register(client)
    first = await create_habit(client, headers, title="A")
    second = await create_habit(client, headers, title="B")
    assert (
        await client.post(f"/habits/{first['id']}/log", json={}, headers=headers)
    ).status_code == 201
    response = await client.post(
        f"/habits/{second['id']}/log", json={"date": None}, headers=headers
    )
    assert response.json()["date"] == today_in("UTC").isoformat()


async def test_logging_the_same_date_twice_conflicts(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    day = today_in("UTC") - timedelta(days=3)
    assert (await log(client, headers, habit["id"], day)).status_code == 201
    assert_problem(await log(client, headers, habit["id"], day), 409)
    listed = await client.get(f"/habits/{habit['id']}/logs", headers=headers)
    assert [item["date"] for item in listed.json()["items"]] == [day.isoformat()]


async def test_log_date_bounds(client: AsyncClient) -> None:
    headers = await register(client, timezone="Pacific/Kiritimati")
    habit = await create_habit(client, headers)
    tomorrow = today_in("Pacific/Kiritimati") + timedelta(days=1)
    for body in ({"date": tomorrow.isoformat()}, {"date": "1999-12-31"}, {"date": "2026-02-30"}):
        problem = assert_problem(
            await client.post(f"/habits/{habit['id']}/log", json=body, headers=headers), 422
        )
        assert "date" in problem["errors"], problem
    assert (await log(client, headers, habit["id"], date(2000, 1, 1))).status_code == 201
    assert_problem(
        await client.post(
            f"/habits/{habit['id']}/log", json={"date": "2026-01-01", "id": "x"}, headers=headers
        ),
        422,
    )


async def test_streak_fields_follow_the_logs(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    today = today_in("UTC")
    for offset in (1, 2, 4):
        await log(client, headers, habit["id"], today - timedelta(days=offset))
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert (shown["currentStreak"], shown["longestStreak"], shown["totalLogs"]) == (2, 2, 3)
    assert (shown["loggedToday"], shown["periodCount"]) == (False, 0)

    await log(client, headers, habit["id"])
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert (shown["currentStreak"], shown["longestStreak"], shown["totalLogs"]) == (3, 3, 4)
    assert (shown["loggedToday"], shown["periodCount"]) == (True, 1)

    # Filling the gap joins the runs.
    await log(client, headers, habit["id"], today - timedelta(days=3))
    listed = (await client.get("/habits", headers=headers)).json()
    assert (listed[0]["currentStreak"], listed[0]["longestStreak"]) == (5, 5)


async def test_weekly_period_count_and_streak(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, frequency="weekly", target=2)
    today = today_in("UTC")
    monday = today - timedelta(days=today.weekday())
    last_monday = monday - timedelta(weeks=1)
    for day in (last_monday, last_monday + timedelta(days=1), monday):
        await log(client, headers, habit["id"], day)
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert shown["periodCount"] == 1
    assert shown["currentStreak"] == 1  # last week kept; this week still in progress
    assert shown["loggedToday"] == (today == monday)

    # Changing the target re-rates the history.
    response = await client.put(
        f"/habits/{habit['id']}",
        json={"title": "Gym", "frequency": "weekly", "target": 1},
        headers=headers,
    )
    assert (response.json()["currentStreak"], response.json()["longestStreak"]) == (2, 2)


async def test_undo_a_log(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    today = today_in("UTC")
    await log(client, headers, habit["id"])
    response = await client.delete(f"/habits/{habit['id']}/logs/{today}", headers=headers)
    assert response.status_code == 204
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert (shown["loggedToday"], shown["totalLogs"], shown["currentStreak"]) == (False, 0, 0)
    assert_problem(await client.delete(f"/habits/{habit['id']}/logs/{today}", headers=headers), 404)
    assert_problem(
        await client.delete(f"/habits/{habit['id']}/logs/not-a-date", headers=headers), 422
    )
    # Days no one can have logged, at the ends of the calendar: no such log.
    for day in ("9999-12-31", "0001-01-01"):
        assert_problem(
            await client.delete(f"/habits/{habit['id']}/logs/{day}", headers=headers), 404
        )


async def test_logs_window(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    end = date(2026, 3, 1)
    for offset in (0, 3, 6, 7, 29, 30):
        await log(client, headers, habit["id"], end - timedelta(days=offset))

    week = await client.get(f"/habits/{habit['id']}/logs?end=2026-03-01", headers=headers)
    body = week.json()
    assert (body["range"], body["start"], body["end"]) == ("week", "2026-02-23", "2026-03-01")
    assert [item["date"] for item in body["items"]] == ["2026-02-23", "2026-02-26", "2026-03-01"]

    month = await client.get(
        f"/habits/{habit['id']}/logs?range=month&end=2026-03-01", headers=headers
    )
    body = month.json()
    assert (body["start"], body["end"]) == ("2026-01-31", "2026-03-01")
    assert len(body["items"]) == 5
    assert [item["date"] for item in body["items"]] == sorted(i["date"] for i in body["items"])


async def test_logs_from_to_reads_a_calendar_span(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    for day in ("2025-01-01", "2025-06-30", "2026-02-03"):
        await log(client, headers, habit["id"], date.fromisoformat(day))
    # 400 days, both ends included, is the most.
    response = await client.get(
        f"/habits/{habit['id']}/logs?from=2025-01-01&to=2026-02-05", headers=headers
    )
    assert_problem(response, 422)
    response = await client.get(
        f"/habits/{habit['id']}/logs?from=2025-01-01&to=2026-02-04", headers=headers
    )
    body = response.json()
    assert (body["range"], body["start"], body["end"]) == ("custom", "2025-01-01", "2026-02-04")
    assert [item["date"] for item in body["items"]] == ["2025-01-01", "2025-06-30", "2026-02-03"]
    one_day = await client.get(
        f"/habits/{habit['id']}/logs?from=2025-06-30&to=2025-06-30", headers=headers
    )
    assert [item["date"] for item in one_day.json()["items"]] == ["2025-06-30"]


async def test_logs_window_defaults_to_the_week_ending_today(client: AsyncClient) -> None:
    headers = await register(client, timezone="Asia/Tokyo")
    habit = await create_habit(client, headers)
    body = (await client.get(f"/habits/{habit['id']}/logs", headers=headers)).json()
    today = today_in("Asia/Tokyo")
    assert body["end"] == today.isoformat()
    assert body["start"] == (today - timedelta(days=6)).isoformat()
    assert body["items"] == []


async def test_logs_window_validation(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    for query, field in [
        ("range=year", "range"),
        ("end=yesterday", "end"),
        ("end=2026-13-01", "end"),
        # Windows that would reach before year 1 (OverflowError, a 500, before).
        ("end=0001-01-01", "end"),
        ("end=0001-01-06", "end"),
        ("range=month&end=0001-01-29", "end"),
        ("end=1999-12-31", "end"),
        ("from=2026-01-01", "to"),
        ("to=2026-01-01", "from"),
        ("from=2026-02-01&to=2026-01-01", "from"),
        ("from=2025-01-01&to=2026-02-05", "to"),  # 400 days is the most
        ("from=2026-01-01&to=2026-01-02&range=week", "from"),
        ("from=2026-01-01&to=2026-01-02&end=2026-01-02", "from"),
        ("from=0001-01-01&to=0001-01-02", "from"),
    ]:
        problem = assert_problem(
            await client.get(f"/habits/{habit['id']}/logs?{query}", headers=headers), 422
        )
        assert field in problem["errors"]


async def test_logs_of_other_users_habits_are_not_found(client: AsyncClient) -> None:
    owner = await register(client)
    intruder = await register(client)
    habit = await create_habit(client, owner)
    today = today_in("UTC")
    await log(client, owner, habit["id"])
    for method, path in [
        ("POST", f"/habits/{habit['id']}/log"),
        ("DELETE", f"/habits/{habit['id']}/logs/{today}"),
        ("GET", f"/habits/{habit['id']}/logs"),
    ]:
        assert_problem(await client.request(method, path, headers=intruder), 404)
    assert (await client.get(f"/habits/{habit['id']}", headers=owner)).json()["totalLogs"] == 1


async def test_deleting_a_habit_deletes_its_logs(client: AsyncClient, session) -> None:
    import uuid

    from sqlalchemy import func, select

    from app.models import HabitLog

    headers = await register(client)
    habit = await create_habit(client, headers)
    await log(client, headers, habit["id"])
    await client.delete(f"/habits/{habit['id']}", headers=headers)
    habit_id = uuid.UUID(habit["id"])
    remaining = session.scalar(select(func.count()).where(HabitLog.habit_id == habit_id))
    assert remaining == 0
