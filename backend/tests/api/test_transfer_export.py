"""GET /export: everything of the user's, as JSON or as Loop Habit Tracker's CSV zip."""

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient

from app.models import Frequency
from app.schemas.transfer import ExportDocument
from app.services import scores
from app.services.users import today_in
from tests.utils.api import (
    assert_problem,
    create_habit,
    days_ago,
    log,
    register,
    utc_today,
)


async def account_with_history(client: AsyncClient) -> tuple[dict[str, str], list[dict]]:
    """A user with a daily habit (done, skipped, a note), an archived weekly one, an empty one."""
    headers = await register(client, name="Exporter")
    walk = await create_habit(client, headers, title="Walk")
    gym = await create_habit(client, headers, title="Gym, legs", frequency="weekly", target=3)
    empty = await create_habit(client, headers, title='Say "no"')
    for offset in (1, 2, 4):
        assert (await log(client, headers, walk["id"], days_ago(offset))).status_code == 201
    body = {"date": days_ago(3).isoformat(), "status": "skipped", "note": "Rain, all day"}
    assert (await client.post(f"/habits/{walk['id']}/log", json=body, headers=headers)).is_success
    assert (await log(client, headers, gym["id"], days_ago(1))).status_code == 201
    patched = await client.patch(f"/habits/{gym['id']}", json={"archived": True}, headers=headers)
    assert patched.status_code == 200
    return headers, [walk, gym, empty]


async def test_the_json_export_holds_everything_of_the_users(client: AsyncClient) -> None:
    headers, (walk, *_) = await account_with_history(client)
    before = datetime.now(UTC)
    response = await client.get("/export", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="habits-{utc_today().isoformat()}.json"'
    )
    document = response.json()
    ExportDocument.model_validate(document)  # the shape the OpenAPI document states
    assert (document["format"], document["version"]) == ("fitness-habit-tracker", 1)
    exported_at = datetime.fromisoformat(document["exportedAt"].replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= exported_at <= datetime.now(UTC)
    me = (await client.get("/auth/me", headers=headers)).json()["user"]
    assert document["user"] == {
        "email": me["email"],
        "name": "Exporter",
        "timezone": "UTC",
        "dayStartHour": 0,
    }
    assert [habit["title"] for habit in document["habits"]] == ["Walk", "Gym, legs", 'Say "no"']
    walk_out, gym_out, empty_out = document["habits"]
    assert walk_out == {
        "title": "Walk",
        "frequency": "daily",
        "target": 1,
        "archived": False,
        "position": 0,
        "createdAt": walk["createdAt"],
        "logs": [
            {"date": days_ago(4).isoformat(), "status": "done", "note": None},
            {"date": days_ago(3).isoformat(), "status": "skipped", "note": "Rain, all day"},
            {"date": days_ago(2).isoformat(), "status": "done", "note": None},
            {"date": days_ago(1).isoformat(), "status": "done", "note": None},
        ],
    }
    assert (gym_out["frequency"], gym_out["target"], gym_out["archived"]) == ("weekly", 3, True)
    assert gym_out["position"] == 1 and len(gym_out["logs"]) == 1
    assert (empty_out["position"], empty_out["logs"]) == (2, [])
    earned = (await client.get("/badges", headers=headers)).json()
    assert document["badges"] == [
        {"code": badge["code"], "achievedAt": badge["achievedAt"]} for badge in earned
    ]
    assert [badge["code"] for badge in earned] == ["first_log"]


async def test_the_file_is_named_after_the_users_today(client: AsyncClient) -> None:
    headers = await register(client, timezone="Pacific/Kiritimati")  # UTC+14
    response = await client.get("/export?format=json", headers=headers)
    today = today_in("Pacific/Kiritimati")
    assert response.headers["content-disposition"].endswith(f'"habits-{today.isoformat()}.json"')
    response = await client.get("/export?format=loop", headers=headers)
    assert response.headers["content-disposition"] == (
        f'attachment; filename="habits-{today.isoformat()}-loop.zip"'
    )


async def test_an_account_without_habits_exports_empty_files(client: AsyncClient) -> None:
    headers = await register(client)
    document = (await client.get("/export", headers=headers)).json()
    assert (document["habits"], document["badges"]) == ([], [])
    archive = zipfile.ZipFile(
        io.BytesIO((await client.get("/export?format=loop", headers=headers)).content)
    )
    assert archive.namelist() == ["Habits.csv", "Scores.csv", "Checkmarks.csv"]


def read_csv(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode())))


async def test_the_loop_export_is_loops_csv_layout(client: AsyncClient) -> None:
    headers, _ = await account_with_history(client)
    response = await client.get("/export?format=loop", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    assert archive.namelist() == [
        "Habits.csv",
        "001 Walk/Scores.csv",
        "001 Walk/Checkmarks.csv",
        "002 Gym legs/Scores.csv",
        "002 Gym legs/Checkmarks.csv",
        "003 Say no/Scores.csv",
        "003 Say no/Checkmarks.csv",
        "Scores.csv",
        "Checkmarks.csv",
    ]
    habits = read_csv(archive, "Habits.csv")
    assert habits[0] == [
        "Position",
        "Name",
        "Type",
        "Question",
        "Description",
        "FrequencyNumerator",
        "FrequencyDenominator",
        "Color",
        "Unit",
        "Target Type",
        "Target Value",
        "Archived?",
    ]
    assert [(row[0], row[1], row[5], row[6], row[11]) for row in habits[1:]] == [
        ("001", "Walk", "1", "1", "false"),
        ("002", "Gym, legs", "3", "7", "true"),
        ("003", 'Say "no"', "1", "1", "false"),
    ]
    checkmarks = read_csv(archive, "001 Walk/Checkmarks.csv")
    assert checkmarks == [
        ["Date", "Value", "Notes"],
        [utc_today().isoformat(), "NO", ""],
        [days_ago(1).isoformat(), "YES_MANUAL", ""],
        [days_ago(2).isoformat(), "YES_MANUAL", ""],
        [days_ago(3).isoformat(), "SKIP", "Rain, all day"],
        [days_ago(4).isoformat(), "YES_MANUAL", ""],
    ]
    # Scores: the strength of each day, newest first, as GET /habits/{id}/scores has it.
    logs = {days_ago(offset): "done" for offset in (1, 2, 4)} | {days_ago(3): "skipped"}
    expected = scores.series(logs, Frequency.DAILY, 1, days_ago(4), utc_today())
    written = read_csv(archive, "001 Walk/Scores.csv")
    assert written[0] == ["Date", "Score"]
    assert [row[0] for row in written[1:]] == [day.isoformat() for day, _ in reversed(expected)]
    for row, (_, value) in zip(written[1:], reversed(expected), strict=True):
        assert len(row[1].split(".")[1]) == 4 and abs(float(row[1]) - value) <= 0.00005
    grid = read_csv(archive, "Checkmarks.csv")
    assert grid[0] == ["Date", "Walk", "Gym, legs", 'Say "no"', ""]
    assert grid[1] == [utc_today().isoformat(), "NO", "NO", "UNKNOWN", ""]
    assert grid[-1] == [days_ago(4).isoformat(), "YES_MANUAL", "UNKNOWN", "UNKNOWN", ""]


@pytest.mark.parametrize("value", ["xml", "JSON", "", "csv", "json\x00"])
async def test_an_unknown_format_is_422(client: AsyncClient, value: str) -> None:
    headers = await register(client)
    response = await client.get("/export", params={"format": value}, headers=headers)
    assert "format" in assert_problem(response, 422)["errors"]


async def test_an_export_shows_only_the_users_own_habits(client: AsyncClient) -> None:
    owner, _ = await account_with_history(client)
    stranger = await register(client)
    await create_habit(client, stranger, title="Mine")
    titles = [
        habit["title"] for habit in (await client.get("/export", headers=stranger)).json()["habits"]
    ]
    assert titles == ["Mine"]
    assert len((await client.get("/export", headers=owner)).json()["habits"]) == 3


async def test_export_needs_a_valid_token(client: AsyncClient) -> None:
    for path in ("/export", "/export?format=loop"):
        response = await client.get(path)
        assert_problem(response, 401)


async def test_the_client_can_read_the_file_name_across_origins(client: AsyncClient) -> None:
    headers = await register(client)
    response = await client.get("/export", headers={**headers, "Origin": "http://localhost:4321"})
    assert response.headers["access-control-allow-origin"] == "http://localhost:4321"
    exposed = response.headers["access-control-expose-headers"].lower().split(", ")
    assert "content-disposition" in exposed
