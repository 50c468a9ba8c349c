"""Injection (OWASP API Top 10 2019 API8; folded into API8:2023 Misconfiguration and
API10:2023 in the current list): what looks like SQL, HTML, a template or a path
is data. It is stored and returned exactly as sent, and never executed.
"""

import pytest
from httpx import AsyncClient

from tests.security.conftest import Victim
from tests.utils.api import assert_problem, create_habit

PAYLOADS = [
    "'; DROP TABLE habits; --",
    '" OR 1=1 --',
    "1' UNION SELECT password_hash FROM users --",
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "{{7*7}} ${7*7} #{7*7} <%= 7*7 %>",
    "${jndi:ldap://127.0.0.1/a}",
    "../../../../etc/passwd",
    "%00%27%22",
    "\\'\\\"\\\\",
    "Robert'); DELETE FROM habit_logs WHERE ('1'='1",
    "\u202egnp.exe",  # right-to-left override
    "emoji 🏃‍♀️ and 中文 and \u00d7\u00f7",
    '{"$gt": ""}',
]


async def test_injection_looking_titles_are_stored_and_returned_verbatim(
    client: AsyncClient, victim: Victim
) -> None:
    for title in PAYLOADS:
        await _round_trip(client, victim, title)
    # The victim's other habit and logs are untouched by whatever the titles said.
    read = await client.get(f"/habits/{victim.habit['id']}", headers=victim.headers)
    assert read.json() == victim.habit
    assert len((await client.get("/habits", headers=victim.headers)).json()) == 1 + len(PAYLOADS)


async def _round_trip(client: AsyncClient, victim: Victim, title: str) -> None:
    habit = await create_habit(client, victim.headers, title=title)
    assert habit["title"] == title
    read = await client.get(f"/habits/{habit['id']}", headers=victim.headers)
    assert read.json()["title"] == title
    assert read.headers["content-type"] == "application/json"  # never rendered as HTML
    listed = (await client.get("/habits", headers=victim.headers)).json()
    assert {h["id"]: h["title"] for h in listed}[habit["id"]] == title
    overview = (await client.get("/stats/overview", headers=victim.headers)).json()
    assert {d["habitId"]: d["label"] for d in overview["datasets"]}[habit["id"]] == title
    renamed = await client.put(
        f"/habits/{habit['id']}",
        json={"title": title[::-1], "frequency": "daily"},
        headers=victim.headers,
    )
    assert renamed.json()["title"] == title[::-1]


async def test_injection_looking_names_are_returned_verbatim(
    client: AsyncClient, victim: Victim
) -> None:
    for name in PAYLOADS[:6]:
        response = await client.patch("/auth/me", json={"name": name}, headers=victim.headers)
        assert response.json()["user"]["name"] == name


@pytest.mark.parametrize(
    "query", ["range=week' OR '1'='1", "range=month;DROP TABLE habits", "end=2024-01-01' --"]
)
async def test_injection_in_query_parameters_is_a_422(
    client: AsyncClient, victim: Victim, query: str
) -> None:
    response = await client.get(
        f"/habits/{victim.habit['id']}/logs?{query}", headers=victim.headers
    )
    assert_problem(response, 422)
