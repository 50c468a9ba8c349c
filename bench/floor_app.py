"""The benchmark's floor: bare FastAPI + SQLAlchemy, no business logic.

Not part of the product. It answers what the cheapest possible version of a
request costs on this stack, so that the product is judged by same-run ratios
rather than by absolute numbers on a shared machine:

- `GET /plain`: constant JSON, the cost of the framework alone;
- `GET /row`: decode the JWT, read one row by primary key;
- `GET /list`: decode the JWT, the user's habits with the count and the
  `max(date)` of their logs in one aggregate query (`count(l.date)`: the
  count of the issue's `count(*)` that an index-only scan can answer);
- `POST /bulk-logs`: decode the JWT, then in one transaction the import
  benchmark's habits (`transfer_history.py`) with one multi-row INSERT and
  all their logs with another: the least that storing an import costs.

It uses the same JWT library, driver and pool size as the product and
SQLAlchemy's defaults otherwise: no pre-ping (the product checks its pooled
connections without a round trip), so it does nothing a bare app would not.
Like the product, it checks the token in an async dependency (CPU only, no
thread-pool trip) and makes one trip for the handler.
Run it from this directory: `gunicorn ... floor_app:app`.
"""

import os
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException
from jose import JWTError, jwt
from psycopg2.extras import execute_values
from sqlalchemy import create_engine, text

import transfer_history

engine = create_engine(
    os.environ["DATABASE_URL"],
    pool_size=20,
    max_overflow=0,
    pool_timeout=5,
    connect_args={"connect_timeout": 3, "options": "-c statement_timeout=10000"},
)
SECRET = os.environ["JWT_SECRET"]
app = FastAPI(title="benchmark floor", openapi_url=None, docs_url=None, redoc_url=None)

ROW = text("SELECT id, email, name, timezone, created_at FROM users WHERE id = :id")
LIST = text(
    "SELECT h.id, h.title, count(l.date) AS logs, max(l.date) AS last_logged "
    "FROM habits h LEFT JOIN habit_logs l ON l.habit_id = h.id "
    "WHERE h.user_id = :id GROUP BY h.id ORDER BY h.created_at, h.id"
)


async def user_id(authorization: Annotated[str, Header()] = "") -> uuid.UUID:
    """The `sub` of a valid HS256 bearer token."""
    try:
        claims = jwt.decode(authorization.removeprefix("Bearer "), SECRET, algorithms=["HS256"])
        return uuid.UUID(claims["sub"])
    except (JWTError, KeyError, ValueError) as error:
        raise HTTPException(401) from error


UserId = Annotated[uuid.UUID, Depends(user_id)]


@app.get("/plain")
async def plain() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/row")
def row(user: UserId) -> dict[str, Any]:
    with engine.connect() as conn:
        found = conn.execute(ROW, {"id": user}).mappings().one()
    return dict(found)


@app.get("/list")
def habit_list(user: UserId) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(habit) for habit in conn.execute(LIST, {"id": user}).mappings()]


@app.post("/bulk-logs")
def bulk_logs(user: UserId) -> dict[str, int]:
    now = datetime.now(UTC)
    today = now.date()
    habit_ids = [str(uuid.uuid4()) for _ in range(transfer_history.HABITS)]
    habits = [
        (habit_id, str(user), f"Habit {n}", "daily", 1, now, False, n, today, 0, 0, 0.0, 0)
        for n, habit_id in enumerate(habit_ids)
    ]
    history = transfer_history.days(today)
    logs = [
        (str(uuid.uuid4()), habit_id, day, status, note, now)
        for habit_id in habit_ids
        for day, status, note in history
    ]
    with engine.begin() as conn:
        cursor = conn.connection.dbapi_connection.cursor()
        execute_values(
            cursor,
            "INSERT INTO habits (id, user_id, title, frequency, target, created_at, archived, "
            "position, anchor, anchor_run, anchor_longest, anchor_score, total_logs) VALUES %s",
            habits,
            page_size=len(habits),
        )
        execute_values(
            cursor,
            "INSERT INTO habit_logs (id, habit_id, date, status, note, created_at) VALUES %s",
            logs,
            page_size=len(logs),
        )
    return {"habits": len(habits), "logs": len(logs)}
