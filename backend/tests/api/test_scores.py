"""Strength (`score`) through the API: Loop's vectors, skipped days, a new
frequency re-rating the history, and GET /habits/{id}/scores (§2, §2.1)."""

from datetime import date, timedelta

import pytest
from httpx import AsyncClient

from app.models import Frequency
from app.services import scores
from tests.services.test_scores import DAILY_20
from tests.utils.api import assert_problem, create_habit, days_ago, register, utc_today

# Loop's tables are within 1e-6 of the exact values, and the API cuts them
# after 6 decimals (up to 1e-6 lower): within 2e-6 of each other.
E = 2e-6


async def log_days(
    client: AsyncClient,
    headers: dict[str, str],
    habit_id: str,
    done: list[int],
    skipped: list[int] = (),  # type: ignore[assignment]
) -> None:
    """Done days and skipped days, as days before today (a skip wins)."""
    for offset in [*set(done) - set(skipped), *skipped]:
        status = "skipped" if offset in skipped else "done"
        body = {"date": days_ago(offset).isoformat(), "status": status}
        response = await client.post(f"/habits/{habit_id}/log", json=body, headers=headers)
        assert response.status_code == 201, response.text


async def scores_back(
    client: AsyncClient, headers: dict[str, str], habit_id: str, days: int
) -> list[float]:
    """Today's score, yesterday's, ... as Loop's tests list them."""
    first, last = days_ago(days - 1).isoformat(), utc_today().isoformat()
    response = await client.get(
        f"/habits/{habit_id}/scores?from={first}&to={last}", headers=headers
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [item["date"] for item in items] == [
        days_ago(offset).isoformat() for offset in range(days - 1, -1, -1)
    ]
    return [item["score"] for item in reversed(items)]


async def test_the_contracts_vector_checks_on_the_20_days_ending_today(
    client: AsyncClient,
) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    await log_days(client, headers, habit["id"], list(range(20)))
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    # Cut after 6 decimals (app.services.scores.shown): the contract's figures exactly.
    assert shown["score"] == 0.655747
    values = await scores_back(client, headers, habit["id"], 23)
    assert (values[0], values[7], values[19]) == (0.655747, 0.5, 0.051922)
    assert values == pytest.approx(DAILY_20, abs=E)
    listed = (await client.get("/habits", headers=headers)).json()
    assert listed[0]["score"] == 0.655747


async def test_loops_vector_with_skipped_days(client: AsyncClient) -> None:
    # YesNoScoreListTest.test_getValueWithSkip: a skipped day keeps the day before's score.
    headers = await register(client)
    habit = await create_habit(client, headers)
    await log_days(client, headers, habit["id"], list(range(20)), skipped=[5, 10, 11])
    expected = [
        *(0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.472617),
        *(0.443734, 0.413270, 0.381137, 0.347244, 0.347244, 0.347244, 0.311495),
        *(0.273788, 0.234017, 0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0),
    ]
    assert await scores_back(client, headers, habit["id"], 23) == pytest.approx(expected, abs=E)


async def test_a_weekly_habit_with_skipped_days(client: AsyncClient) -> None:
    # YesNoScoreListTest.test_getValueNonDailyWithSkip, Frequency(6, 7), with
    # the contract's window (tests/services/test_scores.py says why the last
    # four days differ from that test's).
    headers = await register(client)
    habit = await create_habit(client, headers, frequency="weekly", target=6)
    await log_days(client, headers, habit["id"], list(range(18)), skipped=[10, 11, 12])
    expected = [
        *(0.350290, 0.321630, 0.291519, 0.259885),
        *(0.226651, 0.191734, 0.159268, 0.129375, 0.102187, 0.077839, 0.056477),
        *(0.056477, 0.056477, 0.056477, 0.038251, 0.023319, 0.011848, 0.004014, 0.0, 0.0, 0.0),
    ]
    values = await scores_back(client, headers, habit["id"], 21)
    assert values == pytest.approx(expected, abs=E)
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert shown["score"] == values[0]


async def test_a_new_frequency_or_target_rerates_the_whole_history(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    # Two days a week for 30 weeks, and a skipped week.
    done = [7 * week + day for week in range(30) for day in (1, 3)]
    await log_days(client, headers, habit["id"], done, skipped=[14, 15, 16, 17, 18, 19, 20])
    logs = {days_ago(offset): "done" for offset in done}
    logs.update({days_ago(offset): "skipped" for offset in range(14, 21)})

    def expected(frequency: Frequency, target: int) -> float:
        [(_, score)] = scores.series(logs, frequency, target, utc_today(), utc_today())
        return scores.shown(score)

    path = f"/habits/{habit['id']}"
    daily = (await client.get(path, headers=headers)).json()
    assert daily["score"] == expected(Frequency.DAILY, 1)
    weekly = (
        await client.patch(path, json={"frequency": "weekly", "target": 2}, headers=headers)
    ).json()
    assert weekly["score"] == expected(Frequency.WEEKLY, 2) > daily["score"]
    assert weekly["longestStreak"] >= 26 > daily["longestStreak"]
    history = await scores_back(client, headers, habit["id"], 200)
    points = scores.series(logs, Frequency.WEEKLY, 2, days_ago(199), utc_today())
    assert history == [scores.shown(score) for _, score in reversed(points)]
    replaced = (
        await client.put(
            path, json={"title": "Walk", "frequency": "weekly", "target": 3}, headers=headers
        )
    ).json()
    assert replaced["score"] == expected(Frequency.WEEKLY, 3) < weekly["score"]
    # The title alone re-rates nothing.
    renamed = (await client.patch(path, json={"title": "Stroll"}, headers=headers)).json()
    assert {**renamed, "title": "Walk"} == replaced


async def test_scores_default_to_the_90_days_ending_today(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    response = await client.get(f"/habits/{habit['id']}/scores", headers=headers)
    items = response.json()["items"]
    assert len(items) == 90
    assert (items[0]["date"], items[-1]["date"]) == (
        days_ago(89).isoformat(),
        utc_today().isoformat(),
    )
    assert {item["score"] for item in items} == {0.0}
    # `to` alone: the 90 days ending on it; `from` alone: up to today.
    end = date(2026, 3, 31)
    only_to = (await client.get(f"/habits/{habit['id']}/scores?to={end}", headers=headers)).json()[
        "items"
    ]
    assert (only_to[0]["date"], only_to[-1]["date"], len(only_to)) == (
        "2026-01-01",
        "2026-03-31",
        90,
    )
    start = days_ago(9)
    only_from = (
        await client.get(f"/habits/{habit['id']}/scores?from={start}", headers=headers)
    ).json()["items"]
    assert [item["date"] for item in only_from] == [
        days_ago(offset).isoformat() for offset in range(9, -1, -1)
    ]


async def test_future_days_decay_and_a_planned_break_holds_the_score(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    await log_days(client, headers, habit["id"], [0, 1, 2])
    ahead = utc_today() + timedelta(days=2)
    await client.post(
        f"/habits/{habit['id']}/log",
        json={"date": ahead.isoformat(), "status": "skipped"},
        headers=headers,
    )
    last = utc_today() + timedelta(days=3)
    items = (
        await client.get(
            f"/habits/{habit['id']}/scores?from={utc_today()}&to={last}", headers=headers
        )
    ).json()["items"]
    values = [item["score"] for item in items]
    assert values[0] > values[1] == values[2] > values[3]
    shown = (await client.get(f"/habits/{habit['id']}", headers=headers)).json()
    assert shown["score"] == values[0]


async def test_bad_score_queries(client: AsyncClient) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    path = f"/habits/{habit['id']}/scores"
    for query, field in [
        ("from=2026-02-01&to=2026-01-01", "from"),
        ("from=2025-01-01&to=2026-02-05", "to"),  # 401 days
        ("from=1999-12-31&to=2000-01-05", "from"),
        ("to=yesterday", "to"),
        ("from=2026-02-30", "from"),
        ("from=0&to=2026-01-01", "from"),
    ]:
        problem = assert_problem(await client.get(f"{path}?{query}", headers=headers), 422)
        assert field in problem["errors"], (query, problem)
    full = await client.get(f"{path}?from=2025-01-01&to=2026-02-04", headers=headers)
    assert len(full.json()["items"]) == 400
    other = await register(client)
    assert_problem(await client.get(path, headers=other), 404)
    assert_problem(await client.get("/habits/not-an-id/scores", headers=headers), 404)
    assert_problem(await client.get(path), 401)
