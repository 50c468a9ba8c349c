"""GET /habits costs a fixed number of SQL statements, whatever the number of habits."""

from datetime import date, timedelta

from httpx import AsyncClient
from sqlalchemy import Engine

from tests.utils.api import create_habit, log, register, utc_today
from tests.utils.statements import count_statements


async def statements_for_list(client: AsyncClient, engine: Engine, habits: int) -> int:
    headers = await register(client)
    for number in range(habits):
        habit = await create_habit(client, headers, title=f"Habit {number}")
        for offset in range(3):
            await log(client, headers, habit["id"], date(2026, 1, 1) + timedelta(days=offset))
    # The first run of a statement on a connection also prepares it (app.db.prepared).
    await client.get("/habits", headers=headers)
    with count_statements(engine) as statements:
        response = await client.get("/habits", headers=headers)
    assert len(response.json()) == habits
    return len(statements)


async def test_listing_habits_does_not_query_per_habit(client: AsyncClient, engine: Engine) -> None:
    one = await statements_for_list(client, engine, 1)
    twenty = await statements_for_list(client, engine, 20)
    assert one == twenty
    assert one == 1  # the account (the credential's check) and its habits, in one


async def test_stats_and_logs_use_a_fixed_number_of_statements(
    client: AsyncClient, engine: Engine
) -> None:
    headers = await register(client)
    await client.get("/stats/overview?range=month", headers=headers)  # prepares it
    counts = []
    for habits in (1, 10):
        for number in range(habits - len(counts) if counts else habits):
            await create_habit(client, headers, title=f"H{number}")
        with count_statements(engine) as statements:
            await client.get("/stats/overview?range=month", headers=headers)
        counts.append(len(statements))
    assert counts == [1, 1]  # the account (the credential's check) and its window


async def test_a_log_write_is_two_prepared_statements(client: AsyncClient, engine: Engine) -> None:
    """Read the account (the credential's check and its today) with the
    habit, its recent logs and the day's log, then save the log and the state
    if the habit is unchanged: no BEGIN, no COMMIT, no planning."""
    headers = await register(client)
    habit = await create_habit(client, headers)
    today = utc_today()
    path = f"/habits/{habit['id']}"
    await log(client, headers, habit["id"], today)  # earns a badge
    # The first use of each statement on a connection prepares it. Days from
    # the state's anchor on (3 days ago for a daily habit) need no history.
    warm = (today - timedelta(days=1)).isoformat()
    await log(client, headers, habit["id"], date.fromisoformat(warm))
    await client.patch(f"{path}/logs/{warm}", json={"note": "warm"}, headers=headers)
    await client.delete(f"{path}/logs/{warm}", headers=headers)
    day = today - timedelta(days=3)
    with count_statements(engine) as statements:
        assert (await log(client, headers, habit["id"], day)).status_code == 201
        changed = await client.patch(
            f"{path}/logs/{day}", json={"status": "skipped", "note": "ill"}, headers=headers
        )
        assert changed.status_code == 200
        undone = await client.delete(f"{path}/logs/{day}", headers=headers)
        assert undone.status_code == 204
    sent = [statement.split("(")[0].split("\n")[0] for statement in statements]
    assert sent == [
        "EXECUTE read_for_log_write",
        "EXECUTE insert_log_if_unchanged",
        "EXECUTE read_for_log_write",
        "EXECUTE update_log_if_unchanged",
        "EXECUTE read_for_log_write",
        "EXECUTE delete_log_if_unchanged",
    ]


async def test_a_log_of_today_without_a_date_reads_the_account_first(
    client: AsyncClient, engine: Engine
) -> None:
    """Without a date the day is the account's today, known only from the
    account: it is read first, and the write is then optimistic as usual."""
    headers = await register(client)
    habit = await create_habit(client, headers)
    path = f"/habits/{habit['id']}"
    await log(client, headers, habit["id"], utc_today())  # earns a badge
    warm = (utc_today() - timedelta(days=1)).isoformat()
    await log(client, headers, habit["id"], date.fromisoformat(warm))
    await client.delete(f"{path}/logs/{warm}", headers=headers)
    await client.delete(f"{path}/logs/{utc_today().isoformat()}", headers=headers)
    with count_statements(engine) as statements:
        response = await client.post(f"{path}/log", headers=headers)
    assert response.status_code == 201
    assert response.json()["date"] == utc_today().isoformat()
    sent = [statement.split("(")[0].split("\n")[0] for statement in statements]
    assert sent == [
        "EXECUTE account",
        "EXECUTE read_for_log_write",
        "EXECUTE insert_log_if_unchanged",
    ]


async def test_a_personal_token_costs_one_statement_and_a_write_a_minute(
    client: AsyncClient, engine: Engine
) -> None:
    """The token's row joins the account's read; `lastUsedAt` is written on
    the first use and then not again within the minute."""
    headers = await register(client)
    response = await client.post("/auth/tokens", json={"name": "cron"}, headers=headers)
    token = {"Authorization": f"Bearer {response.json()['token']}"}
    await client.get("/habits", headers=headers)  # prepares the list
    with count_statements(engine) as first:
        assert (await client.get("/habits", headers=token)).status_code == 200
    with count_statements(engine) as second:
        assert (await client.get("/habits", headers=token)).status_code == 200
    assert len(first) == 3
    assert "personal_access_tokens JOIN users" in first[0]
    assert first[1].startswith("UPDATE personal_access_tokens SET last_used_at")
    assert len(second) == 2
    assert "personal_access_tokens JOIN users" in second[0]
