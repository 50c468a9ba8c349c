"""API4:2023 Unrestricted Resource Consumption.

Input bounds (body size, title length, NUL, dates) and the contract's rate
limits at their default values: a spoofed `X-Forwarded-For` does not reset
them, and one client's flood does not lock out another.
"""

import json
from datetime import date, timedelta

from httpx import AsyncClient

from app.middleware import MAX_BODY_BYTES
from tests.security.conftest import CONTRACT_LIMITS, ClientFrom, Victim
from tests.utils.api import (
    PASSWORD,
    assert_problem,
    create_habit,
    import_file,
    register,
    unique_email,
)


def _body_of_size(size: int) -> bytes:
    """A JSON object of exactly `size` bytes."""
    skeleton = json.dumps({"title": "", "frequency": "daily"}).encode()
    return json.dumps({"title": "x" * (size - len(skeleton)), "frequency": "daily"}).encode()


async def test_bodies_over_one_mebibyte_are_413_before_authentication(
    client: AsyncClient, victim: Victim
) -> None:
    too_big = _body_of_size(MAX_BODY_BYTES + 1)
    json_type = {"Content-Type": "application/json"}
    for method, path, headers in [
        ("POST", "/auth/register", {}),
        ("POST", "/auth/login", {}),
        ("POST", "/habits", {}),  # no token: the size is refused first
        ("PUT", f"/habits/{victim.habit['id']}", victim.headers),
        ("PATCH", "/auth/me", victim.headers),
        ("POST", f"/habits/{victim.habit['id']}/log", victim.headers),
    ]:
        response = await client.request(
            method, path, content=too_big, headers={**headers, **json_type}
        )
        assert_problem(response, 413)
    # Exactly 1 MiB is not "over": it reaches validation (the title is too long).
    response = await client.post(
        "/habits", content=_body_of_size(MAX_BODY_BYTES), headers={**victim.headers, **json_type}
    )
    assert "title" in assert_problem(response, 422)["errors"]


async def test_a_101_character_title_is_422_on_create_and_update(
    client: AsyncClient, victim: Victim
) -> None:
    body = {"title": "t" * 101, "frequency": "daily"}
    for method, path in [("POST", "/habits"), ("PUT", f"/habits/{victim.habit['id']}")]:
        response = await client.request(method, path, json=body, headers=victim.headers)
        assert "title" in assert_problem(response, 422)["errors"]


NUL_BODIES = [
    ("POST", "/habits", {"title": "\x00", "frequency": "daily"}, "title"),
    ("POST", "/habits", {"title": "ok", "frequency": "daily\x00"}, "frequency"),
    ("PATCH", "/auth/me", {"name": "Nul\x00l"}, "name"),
    ("PATCH", "/auth/me", {"timezone": "UTC\x00"}, "timezone"),
    ("PATCH", "/auth/me", {"avatarUrl": "https://example.com/\x00.png"}, "avatarUrl"),
    (
        "POST",
        "/auth/register",
        {"email": "a@b.c", "password": PASSWORD, "name": "\x00"},
        "name",
    ),
    ("POST", "/auth/login", {"email": "a@example.com", "password": "\x00" * 9}, "password"),
    ("POST", "/habits/{id}/log", {"date": "2024-01-01\x00"}, "date"),
]


async def test_a_nul_character_anywhere_in_a_body_is_422(
    client: AsyncClient, victim: Victim
) -> None:
    for method, path, body, field in NUL_BODIES:
        path = path.replace("{id}", victim.habit["id"])
        response = await client.request(method, path, json=body, headers=victim.headers)
        assert field in assert_problem(response, 422)["errors"], (method, path)


async def test_a_nul_character_in_the_path_or_query_is_never_a_500(
    client: AsyncClient, victim: Victim
) -> None:
    habit = f"/habits/{victim.habit['id']}"
    assert_problem(await client.get("/habits/%00", headers=victim.headers), 422)
    assert_problem(await client.get(f"{habit}/logs?end=%00", headers=victim.headers), 422)
    assert_problem(await client.get(f"{habit}/logs?range=%00", headers=victim.headers), 422)
    assert_problem(await client.get("/stats/overview?range=week%00", headers=victim.headers), 422)
    assert (await client.get("/auth/google/callback?code=%00&state=%00")).status_code in {422, 501}


async def test_log_dates_out_of_range_or_not_iso_are_422(
    client: AsyncClient, victim: Victim
) -> None:
    path = f"/habits/{victim.habit['id']}/log"
    tomorrow = date.today() + timedelta(days=2)  # tomorrow in every time zone
    for value in [
        "1999-12-31",
        "0001-01-01",
        tomorrow.isoformat(),
        "9999-12-31",
        "2024-02-30",
        "24-01-01",
        "2024-1-1",
        "2024-01-01T00:00:00",
        946_684_800,  # 2000-01-01 as a Unix timestamp
        "",
    ]:
        response = await client.post(path, json={"date": value}, headers=victim.headers)
        assert "date" in assert_problem(response, 422)["errors"], value
    assert (
        await client.post(path, json={"date": "2000-01-01"}, headers=victim.headers)
    ).status_code == 201


def _spoofed(number: int) -> dict[str, str]:
    """Headers a client might use to pose as another address."""
    address = f"10.{number // 250}.{number % 250}.1"
    return {"X-Forwarded-For": address, "X-Real-IP": address, "Forwarded": f"for={address}"}


async def test_login_limit_holds_against_spoofed_forwarded_headers(
    limited_app, client_from: ClientFrom
) -> None:
    app = limited_app(**CONTRACT_LIMITS)
    limit = int(CONTRACT_LIMITS["rate_limit_login"].split("/")[0])
    body = {"email": "nobody@example.com", "password": PASSWORD}
    async with (
        client_from(app, "203.0.113.66") as attacker,
        client_from(app, "198.51.100.7") as bystander,
    ):
        for number in range(limit):
            assert (
                await attacker.post("/auth/login", json=body, headers=_spoofed(number))
            ).status_code == 401
        for number in range(limit, limit + 20):
            response = await attacker.post("/auth/login", json=body, headers=_spoofed(number))
            assert_problem(response, 429)
            assert 1 <= int(response.headers["retry-after"]) <= 60
        # The flood did not use up anybody else's allowance.
        assert (await bystander.post("/auth/login", json=body)).status_code == 401


async def test_register_limit_holds_against_spoofed_forwarded_headers(
    limited_app, client_from: ClientFrom
) -> None:
    app = limited_app(**CONTRACT_LIMITS)
    limit = int(CONTRACT_LIMITS["rate_limit_register"].split("/")[0])

    def body() -> dict[str, str]:
        return {"email": unique_email(), "password": PASSWORD, "name": "Bot"}

    async with (
        client_from(app, "203.0.113.67") as attacker,
        client_from(app, "198.51.100.8") as bystander,
    ):
        for number in range(limit):
            response = await attacker.post("/auth/register", json=body(), headers=_spoofed(number))
            assert response.status_code == 201
        response = await attacker.post("/auth/register", json=body(), headers=_spoofed(999))
        assert_problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1
        assert (await bystander.post("/auth/register", json=body())).status_code == 201


async def test_log_write_limit_is_per_user_and_shared_by_write_and_undo(
    limited_app, client_from: ClientFrom
) -> None:
    app = limited_app(**CONTRACT_LIMITS)
    limit = int(CONTRACT_LIMITS["rate_limit_logs"].split("/")[0])
    async with client_from(app, "203.0.113.68") as client:
        heavy, light = await register(client), await register(client)
        habit = await create_habit(client, heavy)
        start = date(2024, 1, 1)
        for offset in range(limit // 2):
            day = (start + timedelta(days=offset)).isoformat()
            path = f"/habits/{habit['id']}/log"
            assert (await client.post(path, json={"date": day}, headers=heavy)).status_code == 201
            path = f"/habits/{habit['id']}/logs/{day}"
            assert (await client.delete(path, headers=heavy)).status_code == 204
        for _ in range(3):
            response = await client.post(f"/habits/{habit['id']}/log", headers=heavy)
            assert_problem(response, 429)
        # Same address, another user: not locked out.
        other = await create_habit(client, light)
        assert (await client.post(f"/habits/{other['id']}/log", headers=light)).status_code == 201


async def test_import_limit_is_per_user_at_the_contract_default(
    limited_app, client_from: ClientFrom
) -> None:
    app = limited_app(**CONTRACT_LIMITS)
    limit = int(CONTRACT_LIMITS["rate_limit_import"].split("/")[0])
    empty = b'{"format": "fitness-habit-tracker", "version": 1, "habits": []}'
    async with client_from(app, "203.0.113.69") as client:
        heavy, light = await register(client), await register(client)
        for _ in range(limit):
            assert (await import_file(client, heavy, empty)).status_code == 200
        response = await import_file(client, heavy, empty)
        assert_problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1
        assert (await import_file(client, light, empty)).status_code == 200
