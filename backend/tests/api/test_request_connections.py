"""Every request gives its pooled connection back once it is answered
(`app.db.session.CloseDatabase`), whatever the answer: a read, a write on
the autocommit connection, a write in a transaction, a refusal."""

from httpx import AsyncClient
from sqlalchemy import Engine

from tests.utils.api import create_habit, log, register, utc_today


async def test_no_request_keeps_its_connection(client: AsyncClient, engine: Engine) -> None:
    headers = await register(client)
    habit = await create_habit(client, headers)
    path = f"/habits/{habit['id']}"
    today = utc_today().isoformat()
    requests = [
        ("GET", "/habits", None, 200),
        ("GET", "/stats/overview?range=month", None, 200),
        ("POST", f"{path}/log", {"date": today}, 201),  # autocommit
        ("POST", f"{path}/log", {"date": today}, 409),  # refused after a read
        ("DELETE", f"{path}/logs/{today}", None, 204),
        ("POST", "/habits/skip", {"from": today, "to": today}, 201),  # a transaction
        ("PATCH", path, {"title": ""}, 422),  # refused before the route ran
        ("GET", "/habits/00000000-0000-4000-8000-000000000000", None, 404),
    ]
    for method, url, body, status in requests:
        response = await client.request(method, url, json=body, headers=headers)
        assert response.status_code == status, (method, url, response.text)
        assert engine.pool.checkedout() == 0, (method, url)
    assert (await log(client, headers, habit["id"], utc_today())).status_code == 409
    assert engine.pool.checkedout() == 0
