"""PATCH /habits/{id}: partial updates."""

from datetime import date, timedelta

from httpx import AsyncClient

from tests.utils.api import assert_problem, create_habit, log, register


async def test_patch_changes_only_the_fields_sent(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, title="Read", frequency="weekly", target=3)
    response = await client.patch(
        f"/habits/{habit['id']}", json={"title": "  Read more  "}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["title"], body["frequency"], body["target"]) == ("Read more", "weekly", 3)
    response = await client.patch(f"/habits/{habit['id']}", json={"target": 5}, headers=headers)
    assert (response.json()["title"], response.json()["target"]) == ("Read more", 5)
    fetched = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert fetched == response.json()


async def test_switching_to_daily_sets_the_target_to_one(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, frequency="weekly", target=4)
    response = await client.patch(
        f"/habits/{habit['id']}", json={"frequency": "daily"}, headers=headers
    )
    assert response.status_code == 200, response.text
    assert (response.json()["frequency"], response.json()["target"]) == ("daily", 1)
    response = await client.patch(
        f"/habits/{habit['id']}", json={"frequency": "weekly", "target": 2}, headers=headers
    )
    assert (response.json()["frequency"], response.json()["target"]) == ("weekly", 2)


async def test_a_frequency_change_re_rates_the_history(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, frequency="daily")
    today = date.fromisoformat(
        (await client.get("/auth/me", headers=headers)).json()["user"]["today"]
    )
    for days_ago in (1, 2, 3):
        assert (
            await log(client, headers, habit["id"], today - timedelta(days=days_ago))
        ).status_code == 201
    assert (await client.get(f"/habits/{habit['id']}", headers=headers)).json()[
        "longestStreak"
    ] == 3
    response = await client.patch(
        f"/habits/{habit['id']}", json={"frequency": "weekly", "target": 7}, headers=headers
    )
    assert response.json()["longestStreak"] == 0  # no week has 7 logged days


async def test_patch_rejects_what_it_cannot_apply(client: AsyncClient) -> None:
    headers = await register(client)
    daily = await create_habit(client, headers, frequency="daily")
    cases = [
        ({"target": 3}, "target"),  # a daily habit's target is 1
        ({"frequency": "daily", "target": 2}, "target"),
        ({"target": 8}, "target"),
        ({"target": True}, "target"),
        ({"title": None}, "title"),
        ({"title": "   "}, "title"),
        ({"frequency": "monthly"}, "frequency"),
        ({"colour": "red"}, "colour"),
    ]
    for body, field in cases:
        response = await client.patch(f"/habits/{daily['id']}", json=body, headers=headers)
        assert field in assert_problem(response, 422)["errors"], body
    unchanged = (await client.get(f"/habits/{daily['id']}", headers=headers)).json()
    assert (unchanged["frequency"], unchanged["target"]) == ("daily", 1)


async def test_patch_of_another_users_or_a_missing_habit_is_404(client: AsyncClient) -> None:
    owner = await register(client)
    habit = await create_habit(client, owner)
    intruder = await register(client)
    response = await client.patch(
        f"/habits/{habit['id']}", json={"title": "Mine"}, headers=intruder
    )
    assert_problem(response, 404)
    response = await client.patch("/habits/not-a-uuid", json={"title": "x"}, headers=owner)
    assert_problem(response, 404)
