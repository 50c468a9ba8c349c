"""The user's day (time zone and day start), the profile, and token renewal."""

from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from jose import jwt

from app.core.config import get_settings
from app.services.users import today_in
from tests.utils.api import assert_problem, create_habit, log, register


async def test_a_new_user_starts_the_day_at_midnight(client: AsyncClient) -> None:
    headers = await register(client, timezone="Asia/Tokyo")
    user = (await client.get("/auth/me", headers=headers)).json()["user"]
    assert user["dayStartHour"] == 0
    assert user["today"] == today_in("Asia/Tokyo").isoformat()


@pytest.mark.parametrize("hour", [0, 4, 23])
async def test_day_start_hour_moves_today(client: AsyncClient, hour: int) -> None:
    headers = await register(client, timezone="Pacific/Kiritimati")
    response = await client.patch("/auth/me", json={"dayStartHour": hour}, headers=headers)
    assert response.status_code == 200, response.text
    user = response.json()["user"]
    assert user["dayStartHour"] == hour
    assert user["today"] == today_in("Pacific/Kiritimati", hour).isoformat()
    # A log without a date lands on that today.
    habit = await create_habit(client, headers)
    logged = await log(client, headers, habit["id"])
    assert logged.json()["date"] == user["today"]


def test_at_half_past_two_a_day_that_starts_at_four_is_still_yesterday() -> None:
    # 02:30 on Tuesday 3 March 2026 in Paris is 01:30 UTC.
    tuesday_night = datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
    assert today_in("Europe/Paris", 4, now=tuesday_night).isoformat() == "2026-03-02"
    assert today_in("Europe/Paris", 2, now=tuesday_night).isoformat() == "2026-03-03"
    assert today_in("Europe/Paris", 0, now=tuesday_night).isoformat() == "2026-03-03"
    # At 04:00 the new day begins.
    four = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)
    assert today_in("Europe/Paris", 4, now=four).isoformat() == "2026-03-03"


async def test_profile_rejects_bad_values_and_keeps_the_old_ones(client: AsyncClient) -> None:
    headers = await register(client, timezone="Europe/Paris")
    cases = [
        ({"dayStartHour": 24}, "dayStartHour"),
        ({"dayStartHour": -1}, "dayStartHour"),
        ({"dayStartHour": "4"}, "dayStartHour"),
        ({"dayStartHour": None}, "dayStartHour"),
        ({"timezone": "localtime"}, "timezone"),
        ({"timezone": None}, "timezone"),
        ({"name": "\u200b\u200b"}, "name"),
    ]
    for body, field in cases:
        response = await client.patch("/auth/me", json=body, headers=headers)
        assert field in assert_problem(response, 422)["errors"], body
    user = (await client.get("/auth/me", headers=headers)).json()["user"]
    assert (user["timezone"], user["dayStartHour"]) == ("Europe/Paris", 0)


async def test_refresh_gives_a_new_token_with_a_full_lifetime(client: AsyncClient) -> None:
    secret = get_settings().jwt_secret
    headers = await register(client)
    response = await client.post("/auth/refresh", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["tokenType"] == "bearer"
    assert body["user"]["id"]
    claims = jwt.decode(body["accessToken"], secret, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == 60 * 60
    renewed = {"Authorization": f"Bearer {body['accessToken']}"}
    assert (await client.get("/auth/me", headers=renewed)).status_code == 200


async def test_refresh_refuses_an_expired_or_missing_token(client: AsyncClient) -> None:
    headers = await register(client)
    user_id = (await client.get("/auth/me", headers=headers)).json()["user"]["id"]
    past = datetime.now(UTC) - timedelta(hours=2)
    expired = jwt.encode(
        {"sub": user_id, "iat": int(past.timestamp()), "exp": int(past.timestamp()) + 60},
        get_settings().jwt_secret,
        algorithm="HS256",
    )
    response = await client.post("/auth/refresh", headers={"Authorization": f"Bearer {expired}"})
    assert_problem(response, 401)
    assert_problem(await client.post("/auth/refresh"), 401)
