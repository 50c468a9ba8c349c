"""A pooled connection whose server session was reset, as a pooler's
`DISCARD ALL` does, is healed on the next request: never a lasting 503."""

from httpx import AsyncClient
from sqlalchemy import Engine

from tests.utils.api import create_habit, log, register


def reset_every_pooled_connection(engine: Engine) -> int:
    """DISCARD ALL on each of the pool's connections; how many there were."""
    held = []
    try:
        while engine.pool.checkedin():
            held.append(engine.connect())
        for connection in held:
            connection.exec_driver_sql("DISCARD ALL")
        return len(held)
    finally:
        for connection in held:
            connection.close()


async def test_requests_after_a_reset_succeed(client: AsyncClient, engine: Engine) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    # Every prepared statement of the hot paths is now prepared on a pooled connection.
    assert (await log(client, headers, habit["id"])).status_code == 201
    for path in ("/habits", "/stats/overview?range=month", f"/habits/{habit['id']}/logs"):
        assert (await client.get(path, headers=headers)).status_code == 200
    assert reset_every_pooled_connection(engine) >= 1

    for _ in range(3):  # the first request after the reset, and the ones after it
        for path in ("/habits", "/stats/overview?range=month", f"/habits/{habit['id']}/logs"):
            response = await client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.text)
    today = (await client.get("/auth/me", headers=headers)).json()["user"]["today"]
    undo = await client.delete(f"/habits/{habit['id']}/logs/{today}", headers=headers)
    assert undo.status_code == 204, undo.text
