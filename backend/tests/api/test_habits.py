import uuid

from httpx import AsyncClient

from tests.utils.api import assert_problem, create_habit, register

HABIT_FIELDS = {
    "id",
    "title",
    "frequency",
    "target",
    "createdAt",
    "archived",
    "position",
    "currentStreak",
    "longestStreak",
    "totalLogs",
    "loggedToday",
    "todayStatus",
    "periodCount",
    "score",
}


async def test_create_habit_returns_it_with_a_location(client: AsyncClient) -> None:
    headers = await register(client)
    response = await client.post(
        "/habits", json={"title": "  Drink water  ", "frequency": "daily"}, headers=headers
    )
    assert response.status_code == 201
    habit = response.json()
    assert set(habit) == HABIT_FIELDS
    assert response.headers["location"] == f"/habits/{habit['id']}"
    assert habit["title"] == "Drink water"
    assert habit["target"] == 1
    assert (habit["currentStreak"], habit["longestStreak"], habit["totalLogs"]) == (0, 0, 0)
    assert (habit["loggedToday"], habit["periodCount"]) == (False, 0)


async def test_weekly_habit_keeps_its_target(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, frequency="weekly", target=7)
    assert (habit["frequency"], habit["target"]) == ("weekly", 7)
    assert (await create_habit(client, headers, frequency="weekly"))["target"] == 1


async def test_create_habit_validation(client: AsyncClient) -> None:
    headers = await register(client)
    cases = [
        ({"title": "", "frequency": "daily"}, "title"),
        ({"title": "   ", "frequency": "daily"}, "title"),
        ({"title": "x" * 101, "frequency": "daily"}, "title"),
        ({"frequency": "daily"}, "title"),
        ({"title": "Run", "frequency": "monthly"}, "frequency"),
        ({"title": "Run", "frequency": "daily", "target": 2}, "target"),
        ({"title": "Run", "frequency": "weekly", "target": 0}, "target"),
        ({"title": "Run", "frequency": "weekly", "target": 8}, "target"),
        ({"title": "Run", "frequency": "weekly", "target": "three"}, "target"),
        ({"title": "Run", "frequency": "daily", "userId": str(uuid.uuid4())}, "userId"),
        ({"title": "Run", "frequency": "daily", "currentStreak": 99}, "currentStreak"),
    ]
    for body, field in cases:
        problem = assert_problem(await client.post("/habits", json=body, headers=headers), 422)
        assert field in problem["errors"], (body, problem)
    assert (await client.get("/habits", headers=headers)).json() == []


async def test_title_of_100_characters_is_accepted(client: AsyncClient) -> None:
    headers = await register(client)
    assert len((await create_habit(client, headers, title="x" * 100))["title"]) == 100


async def test_list_is_own_habits_oldest_first(client: AsyncClient) -> None:
    mine = await register(client)
    theirs = await register(client)
    titles = ["First", "Second", "Third"]
    for title in titles:
        await create_habit(client, mine, title=title)
    await create_habit(client, theirs, title="Not mine")
    listed = (await client.get("/habits", headers=mine)).json()
    assert [habit["title"] for habit in listed] == titles
    assert all(set(habit) == HABIT_FIELDS for habit in listed)


async def test_get_update_and_delete(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers, title="Walk")
    path = f"/habits/{habit['id']}"
    assert (await client.get(path, headers=headers)).json() == habit

    response = await client.put(
        path, json={"title": "Walk far", "frequency": "weekly", "target": 3}, headers=headers
    )
    assert response.status_code == 200
    updated = response.json()
    assert (updated["title"], updated["frequency"], updated["target"]) == ("Walk far", "weekly", 3)
    assert updated["createdAt"] == habit["createdAt"]

    assert_problem(await client.put(path, json={"title": "Walk"}, headers=headers), 422)

    response = await client.delete(path, headers=headers)
    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await client.get(path, headers=headers), 404)
    assert_problem(await client.delete(path, headers=headers), 404)


async def test_other_users_habit_answers_like_a_missing_one(client: AsyncClient) -> None:
    owner = await register(client)
    intruder = await register(client)
    habit = await create_habit(client, owner)
    path = f"/habits/{habit['id']}"
    missing = f"/habits/{uuid.uuid4()}"
    for method, body in [
        ("GET", None),
        ("PUT", {"title": "Mine", "frequency": "daily"}),
        ("DELETE", None),
    ]:
        theirs = await client.request(method, path, json=body, headers=intruder)
        nothing = await client.request(method, missing, json=body, headers=intruder)
        first, second = assert_problem(theirs, 404), assert_problem(nothing, 404)
        assert first["title"] == second["title"]
    assert (await client.get(path, headers=owner)).json() == habit


async def test_malformed_habit_ids_are_not_found(client: AsyncClient) -> None:
    headers = await register(client)
    for habit_id in ("0", "-1", "abc", "1e10", "%20"):
        assert_problem(await client.get(f"/habits/{habit_id}", headers=headers), 404)


async def test_habits_require_authentication(client: AsyncClient) -> None:
    for method, path in [
        ("GET", "/habits"),
        ("POST", "/habits"),
        ("GET", f"/habits/{uuid.uuid4()}"),
    ]:
        response = await client.request(method, path)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"


async def test_titles_are_stored_verbatim(client: AsyncClient) -> None:
    headers = await register(client)
    title = "'; DROP TABLE habits; -- <script>alert(1)</script> ✓"
    habit = await create_habit(client, headers, title=title)
    assert (await client.get(f"/habits/{habit['id']}", headers=headers)).json()["title"] == title


async def test_nul_in_a_habit_id_is_422(client: AsyncClient) -> None:
    headers = await register(client)
    problem = assert_problem(await client.get("/habits/a%00b", headers=headers), 422)
    assert "habit_id" in problem["errors"]
