"""Skipped days and notes on a log: POST /habits/{id}/log, PATCH and GET
/habits/{id}/logs (contract §2, HabitLog)."""

import uuid
from datetime import date, timedelta

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import HabitLog
from tests.utils.api import assert_problem, create_habit, days_ago, register, utc_today


def stored_logs(session: Session, habit_id: str) -> list[tuple[str, str, str | None]]:
    """(date, status, note) of the habit's logs in the database, by date."""
    rows = session.execute(
        select(HabitLog.date, HabitLog.status, HabitLog.note)
        .where(HabitLog.habit_id == uuid.UUID(habit_id))
        .order_by(HabitLog.date)
    ).all()
    session.commit()
    return [(day.isoformat(), status.value, note) for day, status, note in rows]


async def test_a_day_can_be_logged_skipped_with_a_note(client: AsyncClient, session) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    day = days_ago(2).isoformat()
    response = await client.post(
        f"/habits/{habit['id']}/log",
        json={"date": day, "status": "skipped", "note": "Flu"},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert set(created) == {"id", "habitId", "date", "status", "note", "createdAt"}
    assert (created["date"], created["status"], created["note"]) == (day, "skipped", "Flu")
    assert stored_logs(session, habit["id"]) == [(day, "skipped", "Flu")]
    listed = (await client.get(f"/habits/{habit['id']}/logs", headers=headers)).json()
    assert [(i["date"], i["status"], i["note"]) for i in listed["items"]] == [
        (day, "skipped", "Flu")
    ]
    assert listed["items"][0]["id"] == created["id"]


async def test_status_defaults_to_done_and_note_to_none(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    for body in (None, {}, {"note": None}, {"status": "done"}):
        response = await client.post(f"/habits/{habit['id']}/log", json=body, headers=headers)
        assert response.status_code == 201, (body, response.text)
        assert (response.json()["status"], response.json()["note"]) == ("done", None)
        day = response.json()["date"]
        assert (
            await client.delete(f"/habits/{habit['id']}/logs/{day}", headers=headers)
        ).status_code == 204


async def test_future_days_can_be_skipped_up_to_90_days_ahead_but_not_done(
    client: AsyncClient, session
) -> None:
    headers = await register(client, timezone="Pacific/Kiritimati")
    me = (await client.get("/auth/me", headers=headers)).json()["user"]
    today = date.fromisoformat(me["today"])
    habit = await create_habit(client, headers)
    path = f"/habits/{habit['id']}/log"
    for ahead, status in ((1, "done"), (91, "skipped"), (400, "skipped")):
        day = (today + timedelta(days=ahead)).isoformat()
        response = await client.post(path, json={"date": day, "status": status}, headers=headers)
        assert "date" in assert_problem(response, 422)["errors"], (ahead, status)
    for ahead in (1, 90):
        day = (today + timedelta(days=ahead)).isoformat()
        response = await client.post(path, json={"date": day, "status": "skipped"}, headers=headers)
        assert response.status_code == 201, response.text
    assert [row[0] for row in stored_logs(session, habit["id"])] == [
        (today + timedelta(days=1)).isoformat(),
        (today + timedelta(days=90)).isoformat(),
    ]
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    # A planned break changes nothing until it is reached.
    assert (shown["todayStatus"], shown["currentStreak"], shown["totalLogs"]) == (None, 0, 0)


async def test_bad_log_bodies_are_422_and_write_nothing(client: AsyncClient, session) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    path = f"/habits/{habit['id']}/log"
    for body, field in [
        ({"date": "1999-12-31", "status": "skipped"}, "date"),
        ({"status": "later"}, "status"),
        ({"status": None}, "status"),
        ({"status": "DONE"}, "status"),
        ({"note": ""}, "note"),
        ({"note": "x" * 501}, "note"),
        ({"note": "a\x00b"}, "note"),
        ({"note": 5}, "note"),
        ({"habitId": habit["id"]}, "habitId"),
    ]:
        problem = assert_problem(await client.post(path, json=body, headers=headers), 422)
        assert field in problem["errors"], (body, problem)
    assert stored_logs(session, habit["id"]) == []
    response = await client.post(path, json={"note": "é" * 500}, headers=headers)
    assert response.status_code == 201
    assert response.json()["note"] == "é" * 500


async def test_a_second_log_of_a_day_conflicts_whatever_its_status(
    client: AsyncClient, session
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    path = f"/habits/{habit['id']}/log"
    day = days_ago(1).isoformat()
    assert (
        await client.post(path, json={"date": day, "status": "skipped"}, headers=headers)
    ).status_code == 201
    for status in ("done", "skipped"):
        response = await client.post(path, json={"date": day, "status": status}, headers=headers)
        assert_problem(response, 409)
    assert stored_logs(session, habit["id"]) == [(day, "skipped", None)]


async def test_patch_changes_the_status_or_the_note_of_a_logged_day(
    client: AsyncClient, session
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    day = days_ago(3).isoformat()
    created = (
        await client.post(
            f"/habits/{habit['id']}/log", json={"date": day, "note": "Easy"}, headers=headers
        )
    ).json()
    path = f"/habits/{habit['id']}/logs/{day}"

    response = await client.patch(path, json={"status": "skipped"}, headers=headers)
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed == {**created, "status": "skipped"}  # id, note and createdAt stay
    assert stored_logs(session, habit["id"]) == [(day, "skipped", "Easy")]

    changed = (await client.patch(path, json={"note": "Rain all day"}, headers=headers)).json()
    assert (changed["status"], changed["note"]) == ("skipped", "Rain all day")
    changed = (await client.patch(path, json={"note": None}, headers=headers)).json()
    assert (changed["status"], changed["note"]) == ("skipped", None)
    both = {"status": "done", "note": "Made it"}
    changed = (await client.patch(path, json=both, headers=headers)).json()
    assert (changed["status"], changed["note"]) == ("done", "Made it")
    assert (await client.patch(path, json={}, headers=headers)).json() == changed
    assert stored_logs(session, habit["id"]) == [(day, "done", "Made it")]


async def test_patch_refusals_write_nothing(client: AsyncClient, session) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    future = (utc_today() + timedelta(days=5)).isoformat()
    past = days_ago(1).isoformat()
    for day, status in ((future, "skipped"), (past, "done")):
        body = {"date": day, "status": status, "note": "Kept"}
        assert (
            await client.post(f"/habits/{habit['id']}/log", json=body, headers=headers)
        ).status_code == 201
    before = stored_logs(session, habit["id"])
    logs = f"/habits/{habit['id']}/logs"

    problem = assert_problem(
        await client.patch(f"{logs}/{future}", json={"status": "done"}, headers=headers), 422
    )
    assert "status" in problem["errors"]
    for body, field in [
        ({"status": None}, "status"),
        ({"status": "maybe"}, "status"),
        ({"note": ""}, "note"),
        ({"note": "x" * 501}, "note"),
        ({"note": "\x00"}, "note"),
        ({"date": past}, "date"),
        ({"id": str(uuid.uuid4())}, "id"),
    ]:
        response = await client.patch(f"{logs}/{past}", json=body, headers=headers)
        assert field in assert_problem(response, 422)["errors"], body
    for day in (days_ago(2).isoformat(), "9999-12-31", "0001-01-01"):
        response = await client.patch(f"{logs}/{day}", json={"note": "x"}, headers=headers)
        assert_problem(response, 404)
    assert (
        "day"
        in assert_problem(
            await client.patch(f"{logs}/not-a-day", json={"note": "x"}, headers=headers), 422
        )["errors"]
    )
    assert stored_logs(session, habit["id"]) == before


async def test_undoing_a_skipped_day(client: AsyncClient, session) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    body = {"status": "skipped"}
    await client.post(f"/habits/{habit['id']}/log", json=body, headers=headers)
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert (shown["todayStatus"], shown["loggedToday"]) == ("skipped", False)
    today = utc_today().isoformat()
    response = await client.delete(f"/habits/{habit['id']}/logs/{today}", headers=headers)
    assert response.status_code == 204
    assert stored_logs(session, habit["id"]) == []
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert shown["todayStatus"] is None
