"""Export, then import into another account: the same habits and days (contract §2.2)."""

from typing import Any

from httpx import AsyncClient

from tests.utils.api import create_habit, days_ago, import_file, log, register

HABIT_FIELDS = ("title", "frequency", "target", "archived", "position")


async def account_with_history(client: AsyncClient) -> dict[str, str]:
    """Habits of both frequencies, one archived, one sharing another's title, one
    empty; done and skipped days, notes, a planned break ahead."""
    headers = await register(client)
    walk = await create_habit(client, headers, title="Walk")
    gym = await create_habit(client, headers, title="Gym", frequency="weekly", target=3)
    await create_habit(client, headers, title="Read")
    second_walk = await create_habit(client, headers, title="walk")
    for offset in range(0, 40, 3):
        assert (await log(client, headers, walk["id"], days_ago(offset))).status_code == 201
    for offset, status, note in [
        (1, "done", "easy, 5 km"),
        (2, "skipped", 'Ill: "flu"\nstayed in'),
        (9, "done", None),
        (-5, "skipped", "holiday"),
    ]:
        body = {"date": days_ago(offset).isoformat(), "status": status, "note": note}
        posted = await client.post(f"/habits/{gym['id']}/log", json=body, headers=headers)
        assert posted.status_code == 201, posted.text
    assert (await log(client, headers, second_walk["id"], days_ago(4))).status_code == 201
    archived = await client.patch(f"/habits/{gym['id']}", json={"archived": True}, headers=headers)
    assert archived.status_code == 200
    return headers


async def everything(client: AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    """Each habit's fields and every log (date, status, note), in the user's order."""
    habits = (await client.get("/habits", headers=headers)).json()
    habits += (await client.get("/habits?archived=true", headers=headers)).json()
    result = []
    for habit in sorted(habits, key=lambda item: item["position"]):
        first, last = days_ago(389), days_ago(-10)  # 400 days, the most
        response = await client.get(
            f"/habits/{habit['id']}/logs?from={first}&to={last}", headers=headers
        )
        logs = [(log["date"], log["status"], log["note"]) for log in response.json()["items"]]
        figures = {name: habit[name] for name in (*HABIT_FIELDS, "totalLogs", "currentStreak")}
        result.append({**figures, "logs": logs})
    return result


async def test_json_round_trip_gives_the_same_habits_logs_statuses_and_notes(
    client: AsyncClient,
) -> None:
    source = await account_with_history(client)
    exported = await client.get("/export", headers=source)
    target = await register(client)
    response = await import_file(client, target, exported.content, filename="habits.json")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "habitsCreated": 4,
        "habitsMatched": 0,
        "logsCreated": 14 + 4 + 1,
        "logsExisting": 0,
        "warnings": [],
    }
    assert await everything(client, target) == await everything(client, source)
    # The creation times come along too.
    created = [habit["createdAt"] for habit in exported.json()["habits"]]
    again = (await client.get("/export", headers=target)).json()
    assert [habit["createdAt"] for habit in again["habits"]] == created
    # And a second import into the same account creates nothing.
    second = await import_file(client, target, exported.content)
    assert (second.json()["habitsCreated"], second.json()["logsCreated"]) == (0, 0)
    assert second.json()["logsExisting"] == 19


async def test_loop_round_trip_gives_the_same_habits_and_done_and_skipped_days(
    client: AsyncClient,
) -> None:
    source = await account_with_history(client)
    exported = await client.get("/export?format=loop", headers=source)
    assert exported.status_code == 200
    target = await register(client)
    response = await import_file(client, target, exported.content, filename="habits-loop.zip")
    assert response.status_code == 200, response.text
    assert (response.json()["habitsCreated"], response.json()["logsCreated"]) == (4, 19)
    assert response.json()["warnings"] == []
    assert await everything(client, target) == await everything(client, source)
