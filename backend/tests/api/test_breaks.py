"""POST /habits/skip: a break over a date range for all or some habits (§2)."""

import uuid
from datetime import date, timedelta

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import HabitLog
from tests.utils.api import assert_problem, create_habit, days_ago, register, utc_today


def stored(session: Session) -> list[tuple[str, str, str]]:
    """(habit id, date, status) of every log in the database."""
    rows = session.execute(
        select(HabitLog.habit_id, HabitLog.date, HabitLog.status).order_by(
            HabitLog.habit_id, HabitLog.date
        )
    ).all()
    session.commit()
    return [(str(habit), day.isoformat(), status.value) for habit, day, status in rows]


def span(first: date, last: date) -> dict[str, str]:
    return {"from": first.isoformat(), "to": last.isoformat()}


async def test_a_break_skips_every_free_day_of_every_habit_not_archived(
    client: AsyncClient, session: Session
) -> None:
    headers = await register(client)
    read = await create_habit(client, headers, title="Read")
    run = await create_habit(client, headers, title="Run", frequency="weekly", target=3)
    archived = await create_habit(client, headers, title="Old")
    await client.patch(f"/habits/{archived['id']}", json={"archived": True}, headers=headers)
    first = utc_today() + timedelta(days=1)
    await client.post(
        f"/habits/{read['id']}/log",
        json={"date": first.isoformat(), "status": "skipped", "note": "Trip"},
        headers=headers,
    )
    response = await client.post(
        "/habits/skip", json=span(first, first + timedelta(days=13)), headers=headers
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"created": 13 + 14}
    logs = stored(session)
    assert {habit for habit, _, _ in logs} == {read["id"], run["id"]}
    assert {status for _, _, status in logs} == {"skipped"}
    assert len([log for log in logs if log[0] == read["id"]]) == 14
    # The day that had a log keeps it as it was.
    listed = await client.get(f"/habits/{read['id']}/logs?from={first}&to={first}", headers=headers)
    assert listed.json()["items"][0]["note"] == "Trip"
    # Both days included; a second request over the same days writes nothing.
    again = await client.post("/habits/skip", json=span(first, first), headers=headers)
    assert (again.status_code, again.json()) == (201, {"created": 0})


async def test_a_break_for_some_habits_archived_ones_too(
    client: AsyncClient, session: Session
) -> None:
    headers = await register(client)
    kept = await create_habit(client, headers, title="Kept")
    paused = await create_habit(client, headers, title="Paused")
    await client.patch(f"/habits/{paused['id']}", json={"archived": True}, headers=headers)
    day = days_ago(2)
    body = {**span(day, day), "habitIds": [paused["id"], paused["id"]]}
    response = await client.post("/habits/skip", json=body, headers=headers)
    assert response.json() == {"created": 1}
    assert stored(session) == [(paused["id"], day.isoformat(), "skipped")]
    empty = await client.post(
        "/habits/skip", json={**span(day, day), "habitIds": []}, headers=headers
    )
    assert empty.json() == {"created": 0}
    everyone = await client.post(
        "/habits/skip", json={**span(day, day), "habitIds": None}, headers=headers
    )
    assert everyone.json() == {"created": 1}
    assert (kept["id"], day.isoformat(), "skipped") in stored(session)


async def test_a_past_break_bridges_a_streak(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    for offset in [*range(40, 30, -1), *range(25, 0, -1)]:
        response = await client.post(
            f"/habits/{habit['id']}/log",
            json={"date": days_ago(offset).isoformat()},
            headers=headers,
        )
        assert response.status_code == 201
    before = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert (before["currentStreak"], before["longestStreak"]) == (25, 25)
    response = await client.post(
        "/habits/skip", json=span(days_ago(30), days_ago(26)), headers=headers
    )
    assert response.json() == {"created": 5}
    after = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert (after["currentStreak"], after["longestStreak"], after["totalLogs"]) == (35, 35, 35)
    assert after["score"] > before["score"]


async def test_bad_breaks_are_refused_and_write_nothing(
    client: AsyncClient, session: Session
) -> None:
    headers = await register(client)
    mine = await create_habit(client, headers)
    other = await create_habit(client, await register(client))
    today = utc_today()
    for body, field in [
        (span(today, today - timedelta(days=1)), "from"),
        (span(today, today + timedelta(days=90)), "to"),  # 91 days
        (span(today + timedelta(days=2), today + timedelta(days=91)), "to"),  # ends too late
        ({"from": "1999-12-31", "to": "2000-01-01"}, "from"),
        ({"from": today.isoformat()}, "to"),
        ({"to": today.isoformat()}, "from"),
        ({**span(today, today), "habitIds": ["not-a-uuid"]}, "habitIds.0"),
        ({**span(today, today), "habitIds": mine["id"]}, "habitIds"),
        ({**span(today, today), "status": "done"}, "status"),
        ({"from": "2026-02-30", "to": "2026-03-01"}, "from"),
    ]:
        problem = assert_problem(await client.post("/habits/skip", json=body, headers=headers), 422)
        assert field in problem["errors"], (body, problem)
    for habit_id in (other["id"], str(uuid.uuid4())):
        body = {**span(today, today), "habitIds": [mine["id"], habit_id]}
        problem = assert_problem(await client.post("/habits/skip", json=body, headers=headers), 404)
        assert habit_id in problem["detail"]
    assert stored(session) == []
    # The longest break allowed: 90 days, ending 90 days ahead.
    end = today + timedelta(days=90)
    allowed = await client.post(
        "/habits/skip", json=span(end - timedelta(days=89), end), headers=headers
    )
    assert allowed.json() == {"created": 90}


async def test_a_break_needs_a_signed_in_user(client: AsyncClient) -> None:
    day = utc_today()
    assert_problem(await client.post("/habits/skip", json=span(day, day)), 401)
