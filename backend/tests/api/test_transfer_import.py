"""POST /import: what a file adds to an account, matched against what is there."""

import json
from datetime import date, timedelta
from typing import Any

from httpx import ASGITransport, AsyncClient
from sqlalchemy.orm import Session

from tests.services.transfer.files import (
    LoopHabit,
    LoopRepetition,
    build_loop_db,
    fixture_zip,
    make_zip,
)
from tests.utils.api import (
    assert_problem,
    bearer,
    create_habit,
    create_token,
    days_ago,
    import_file,
    log,
    register,
    utc_today,
)
from tests.utils.database import row_counts

# The fixture's "Wake up early": YES_MANUAL on these days; its notes are on
# NO and YES_AUTO days, which import nothing.
WAKE_UP_DONE = [date(2015, 1, day) for day in (16, 17, 20, 21, 22, 25)]
FREQUENCY_WARNING = (
    '"Wake up early": Loop\'s frequency of 2 times in 3 days has no exact equivalent; '
    "imported as weekly, 5 days a week"
)


def export_json(habits: list[dict[str, Any]], badges: list[dict[str, Any]] | None = None) -> bytes:
    """A file in this app's export format (contract §2.2)."""
    return json.dumps(
        {"format": "fitness-habit-tracker", "version": 1, "habits": habits, "badges": badges or []}
    ).encode()


def habit(title: str, logs: dict[date, tuple[str, str | None]] | None = None, **fields: Any):
    return {
        "title": title,
        "frequency": "daily",
        "target": 1,
        "archived": False,
        **fields,
        "logs": [
            {"date": day.isoformat(), "status": status, "note": note}
            for day, (status, note) in (logs or {}).items()
        ],
    }


async def habits_of(client: AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    active = (await client.get("/habits", headers=headers)).json()
    archived = (await client.get("/habits?archived=true", headers=headers)).json()
    return sorted(active + archived, key=lambda item: item["position"])


async def logs_of(
    client: AsyncClient, headers: dict[str, str], habit_id: str, first: date, last: date
) -> dict[str, tuple[str, str | None]]:
    response = await client.get(f"/habits/{habit_id}/logs?from={first}&to={last}", headers=headers)
    assert response.status_code == 200, response.text
    return {item["date"]: (item["status"], item["note"]) for item in response.json()["items"]}


async def test_the_loop_2_3_fixture_imports_through_the_api(client: AsyncClient) -> None:
    headers = await register(client)
    response = await import_file(client, headers, fixture_zip(), filename="Loop Habits CSV.zip")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "habitsCreated": 2,
        "habitsMatched": 0,
        "logsCreated": 6,
        "logsExisting": 0,
        "warnings": [FREQUENCY_WARNING],
    }
    meditate, wake_up = await habits_of(client, headers)
    assert (meditate["title"], meditate["frequency"], meditate["target"]) == (
        "Meditate",
        "daily",
        1,
    )
    assert meditate["totalLogs"] == 0
    assert (wake_up["title"], wake_up["frequency"], wake_up["target"]) == (
        "Wake up early",
        "weekly",
        5,
    )
    assert [meditate["position"], wake_up["position"]] == [0, 1]
    assert not meditate["archived"] and not wake_up["archived"]
    assert wake_up["totalLogs"] == len(WAKE_UP_DONE)
    days = await logs_of(client, headers, wake_up["id"], date(2015, 1, 10), date(2015, 1, 31))
    assert days == {day.isoformat(): ("done", None) for day in WAKE_UP_DONE}
    badges = (await client.get("/badges", headers=headers)).json()
    assert [badge["code"] for badge in badges] == ["first_log"]


async def test_a_second_import_of_the_same_file_creates_nothing(
    client: AsyncClient, session: Session
) -> None:
    headers = await register(client)
    assert (await import_file(client, headers, fixture_zip())).status_code == 200
    before = row_counts(session)
    response = await import_file(client, headers, fixture_zip())
    assert response.status_code == 200, response.text
    assert response.json() == {
        "habitsCreated": 0,
        "habitsMatched": 2,
        "logsCreated": 0,
        "logsExisting": 6,
        "warnings": [FREQUENCY_WARNING],
    }
    assert row_counts(session) == before


async def test_habits_match_by_title_in_order_and_days_by_date(client: AsyncClient) -> None:
    headers = await register(client)
    first_read = await create_habit(client, headers, title="read")
    await create_habit(client, headers, title="Run", frequency="weekly", target=3)
    second_read = await create_habit(client, headers, title="Read")
    mine = {"date": days_ago(3).isoformat(), "status": "skipped", "note": "mine"}
    posted = await client.post(f"/habits/{first_read['id']}/log", json=mine, headers=headers)
    assert posted.status_code == 201
    data = export_json(
        [
            habit("READ", {days_ago(3): ("done", "theirs"), days_ago(2): ("done", None)}),
            habit("Read", {days_ago(1): ("skipped", "away")}),
            habit("Read", {days_ago(1): ("done", None)}),  # a third "Read": a new habit
            habit("Swim", archived=True, frequency="weekly", target=2),
            habit("run", {days_ago(5): ("done", None)}, frequency="daily", target=1),
        ]
    )
    response = await import_file(client, headers, data)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "habitsCreated": 2,
        "habitsMatched": 3,
        "logsCreated": 4,
        "logsExisting": 1,
        "warnings": [],
    }
    listed = await habits_of(client, headers)
    assert [(item["title"], item["position"], item["archived"]) for item in listed] == [
        ("read", 0, False),
        ("Run", 1, False),
        ("Read", 2, False),
        ("Read", 3, False),
        ("Swim", 4, True),
    ]
    # A matched habit keeps its own settings; the existing log keeps its status and note.
    assert (listed[1]["frequency"], listed[1]["target"]) == ("weekly", 3)
    assert (listed[4]["frequency"], listed[4]["target"]) == ("weekly", 2)
    span = (days_ago(10), utc_today())
    assert await logs_of(client, headers, first_read["id"], *span) == {
        days_ago(3).isoformat(): ("skipped", "mine"),
        days_ago(2).isoformat(): ("done", None),
    }
    assert await logs_of(client, headers, second_read["id"], *span) == {
        days_ago(1).isoformat(): ("skipped", "away")
    }
    assert await logs_of(client, headers, listed[3]["id"], *span) == {
        days_ago(1).isoformat(): ("done", None)
    }
    assert (await import_file(client, headers, data)).json()["logsCreated"] == 0


async def test_streaks_strength_and_badges_reflect_the_imported_history(
    client: AsyncClient,
) -> None:
    """The figures of an imported habit are those of the same days logged one by one."""
    days = [days_ago(offset) for offset in range(12)]  # today and the 11 days before
    old_run = [days_ago(offset) for offset in range(100, 131)]  # 31 days, long over
    headers = await register(client)
    data = export_json([habit("Walk", dict.fromkeys(days + old_run, ("done", None)))])
    assert (await import_file(client, headers, data)).status_code == 200
    [imported] = await habits_of(client, headers)

    by_hand = await register(client)
    walk = await create_habit(client, by_hand, title="Walk")
    for day in sorted(days + old_run):
        assert (await log(client, by_hand, walk["id"], day)).status_code == 201
    logged = (await client.get(f"/habits/{walk['id']}", headers=by_hand)).json()

    figures = ("currentStreak", "longestStreak", "totalLogs", "loggedToday", "score")
    assert {name: imported[name] for name in figures} == {name: logged[name] for name in figures}
    assert (imported["currentStreak"], imported["longestStreak"], imported["totalLogs"]) == (
        12,
        31,
        43,
    )
    scores = f"/habits/{{}}/scores?from={days_ago(140)}&to={utc_today()}"
    assert (await client.get(scores.format(imported["id"]), headers=headers)).json() == (
        await client.get(scores.format(walk["id"]), headers=by_hand)
    ).json()
    # The past 31-day run earns streak_30: logged on each of its days, it
    # would have been a current streak of 30 days on the 30th.
    codes = {badge["code"] for badge in (await client.get("/badges", headers=headers)).json()}
    assert codes == {"first_log", "streak_7", "streak_30", "logs_30"}


async def test_older_days_into_a_matched_habit_recompute_its_whole_history(
    client: AsyncClient,
) -> None:
    headers = await register(client)
    walk = await create_habit(client, headers, title="Walk")
    for offset in (0, 1):
        assert (await log(client, headers, walk["id"], days_ago(offset))).status_code == 201
    older = {days_ago(offset): ("done", None) for offset in range(2, 40)}
    response = await import_file(client, headers, export_json([habit("walk", older)]))
    assert response.json()["logsCreated"] == 38
    shown = (await client.get(f"/habits/{walk['id']}", headers=headers)).json()
    assert (shown["currentStreak"], shown["longestStreak"], shown["totalLogs"]) == (40, 40, 40)
    assert shown["score"] > 0.8


async def test_a_loop_backup_imports_with_notes_skips_order_and_archived_flags(
    client: AsyncClient,
) -> None:
    yesterday = days_ago(1)
    backup = build_loop_db(
        25,
        [
            LoopHabit("Gym", freq_num=3, freq_den=7, position=1, archived=1),
            LoopHabit("Read", position=0),
            LoopHabit("Distance", position=2, type=1),
        ],
        [
            LoopRepetition(1, yesterday, notes="legs"),
            LoopRepetition(1, days_ago(2), value=3, notes="sore"),
            LoopRepetition(2, yesterday),
            LoopRepetition(2, days_ago(2), value=0, notes="not this one"),
            LoopRepetition(3, yesterday, value=5000),
        ],
    )
    headers = await register(client)
    response = await import_file(client, headers, backup, filename="Loop Habits Backup.db")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "habitsCreated": 2,
        "habitsMatched": 0,
        "logsCreated": 3,
        "logsExisting": 0,
        "warnings": ['"Distance": measurable (numeric) habits are not imported; left out'],
    }
    read, gym = await habits_of(client, headers)
    assert (read["title"], read["archived"], gym["title"], gym["archived"]) == (
        "Read",
        False,
        "Gym",
        True,
    )
    assert (gym["frequency"], gym["target"]) == ("weekly", 3)
    span = (days_ago(5), utc_today())
    assert await logs_of(client, headers, gym["id"], *span) == {
        yesterday.isoformat(): ("done", "legs"),
        days_ago(2).isoformat(): ("skipped", "sore"),
    }
    assert await logs_of(client, headers, read["id"], *span) == {
        yesterday.isoformat(): ("done", None)
    }


async def test_the_older_loop_csv_layout_imports(client: AsyncClient) -> None:
    files = {
        "Habits.csv": "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
        "001,Stretch,,,1,1,#00897B\n",
        "001 Stretch/Checkmarks.csv": f"{days_ago(1)},2\n{days_ago(2)},3\n{days_ago(3)},0\n",
    }
    headers = await register(client)
    response = await import_file(client, headers, make_zip(files))
    assert response.status_code == 200, response.text
    assert (response.json()["habitsCreated"], response.json()["logsCreated"]) == (1, 2)
    [stretch] = await habits_of(client, headers)
    assert await logs_of(client, headers, stretch["id"], days_ago(5), utc_today()) == {
        days_ago(1).isoformat(): ("done", None),
        days_ago(2).isoformat(): ("skipped", None),
    }


async def test_a_file_sent_as_a_text_field_imports_too(client: AsyncClient) -> None:
    """`curl -F 'file=<habits.json'` sends the file's text without a file name."""
    headers = await register(client)
    data = export_json([habit("Café", {days_ago(1): ("done", "très bien")})])
    response = await client.post("/import", data={"file": data.decode()}, headers=headers)
    assert response.status_code == 200, response.text
    [cafe] = await habits_of(client, headers)
    assert cafe["title"] == "Café"
    assert await logs_of(client, headers, cafe["id"], days_ago(2), utc_today()) == {
        days_ago(1).isoformat(): ("done", "très bien")
    }


async def test_a_personal_access_token_can_export_and_import(client: AsyncClient) -> None:
    headers = await register(client)
    token = bearer((await create_token(client, headers))["token"])
    await create_habit(client, headers, title="Stretch")
    exported = await client.get("/export", headers=token)
    assert exported.status_code == 200
    other = await register(client)
    other_token = bearer((await create_token(client, other))["token"])
    response = await import_file(client, other_token, exported.content)
    assert response.status_code == 200, response.text
    assert response.json()["habitsCreated"] == 1
    assert (await client.get("/export?format=loop", headers=other_token)).status_code == 200


async def test_imports_are_limited_per_user(app_factory, session: Session) -> None:
    app = app_factory(rate_limit_import="2/hour")
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        heavy, light = await register(client), await register(client)
        for _ in range(2):
            assert (await import_file(client, heavy, fixture_zip())).status_code == 200
        before = row_counts(session)
        response = await import_file(client, heavy, export_json([habit("New")]))
        assert_problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1
        assert row_counts(session) == before
        # Another account is not held back.
        assert (await import_file(client, light, fixture_zip())).status_code == 200
    await app.state.rate_limits.close()


async def test_the_upload_must_be_one_file_field(client: AsyncClient) -> None:
    headers = await register(client)
    response = await client.post("/import", json={"file": "x"}, headers=headers)
    assert "file" in assert_problem(response, 422)["errors"]
    response = await client.post(
        "/import",
        files={"file": ("a.zip", fixture_zip())},
        data={"mode": "replace"},
        headers=headers,
    )
    assert "mode" in assert_problem(response, 422)["errors"]
    response = await client.post("/import", files={"upload": ("a", b"{}")}, headers=headers)
    assert "file" in assert_problem(response, 422)["errors"]
    assert (await client.get("/habits", headers=headers)).json() == []


async def test_a_file_can_log_days_up_to_today_and_skips_ahead(client: AsyncClient) -> None:
    headers = await register(client)
    ahead = utc_today() + timedelta(days=10)
    data = export_json(
        [habit("Trip", {ahead: ("skipped", "holiday"), utc_today(): ("done", None)})]
    )
    response = await import_file(client, headers, data)
    assert response.json()["logsCreated"] == 2
    [trip] = await habits_of(client, headers)
    assert (trip["todayStatus"], trip["currentStreak"]) == ("done", 1)
