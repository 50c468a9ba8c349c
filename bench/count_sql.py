"""SQL statements and database round trips per request, for the product and the floor.

Runs each app in process (Starlette's TestClient) against the benchmark's
database and Redis and counts, per request:

- `statements`: every statement the code sends, counted at the driver
  (psycopg2's cursor, the tests' `count_statements`): SQLAlchemy's own and
  the product's prepared ones, which run on the DBAPI cursor (app.db.prepared);
- `round_trips`: every statement PostgreSQL received, from its own log
  (`log_statement = all` for the duration of the count): the statements
  plus what the driver and the pool send around them (BEGIN, COMMIT or
  ROLLBACK, a pre-ping's SELECT 1). Each is one round trip.

Usage: python bench/count_sql.py TOKENS_FILE OUT_JSON   (same env as the servers;
PG_DIR names the throw-away server's directory, whose `log` file is read)
"""

import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent / "backend"), str(BENCH)]

import floor_app  # noqa: E402
from app.main import app as product_app  # noqa: E402
from tests.utils.statements import count_statements  # noqa: E402

SAMPLES = 5


SERVER_LOG = Path(os.environ["PG_DIR"]) / "log"


def _log_every_statement(on: bool) -> None:
    admin = create_engine(os.environ["DATABASE_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if on:
            connection.execute(text("ALTER SYSTEM SET log_statement = 'all'"))
        else:
            connection.execute(text("ALTER SYSTEM RESET log_statement"))
        connection.execute(text("SELECT pg_reload_conf()"))
    admin.dispose()
    time.sleep(0.5)  # the backends pick the setting up at their next command


def _logged_statements() -> int:
    with SERVER_LOG.open("rb") as log:
        return sum(1 for line in log if b"LOG:  statement: " in line)


class StatementCounter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def measure(self, send) -> dict[str, float]:
        """Average counts of `send()` over SAMPLES calls; every answer must be 2xx."""
        logged = _logged_statements()
        with count_statements(self.engine) as statements:
            for sample in range(SAMPLES):
                response = send(sample)
                assert 200 <= response.status_code < 300, (response.status_code, response.text)
        time.sleep(0.2)  # the server writes its log as it goes; let it catch up
        return {
            "statements": len(statements) / SAMPLES,
            "round_trips": (_logged_statements() - logged) / SAMPLES,
        }


def main() -> None:
    lines = Path(sys.argv[1]).read_text().splitlines()
    users = [line.split("\t") for line in lines[:SAMPLES]]
    headers = [{"Authorization": f"Bearer {user[0]}"} for user in users]
    habit = [user[1] for user in users]
    results: dict[str, dict[str, float]] = {}
    _log_every_statement(True)
    try:
        count(results, headers, habit)
    finally:
        _log_every_statement(False)
    Path(sys.argv[2]).write_text(json.dumps(results, indent=2))


def count(results: dict[str, dict[str, float]], headers: list[dict], habit: list[str]) -> None:
    today = datetime.now(UTC).date()  # the benchmark users' time zone is UTC
    year = f"from={today - timedelta(days=364)}&to={today}"
    # A two-week break beyond the windows that the wrk run of POST /habits/skip used.
    pause = {
        "from": str(today + timedelta(days=76)),
        "to": str(today + timedelta(days=89)),
    }
    with TestClient(product_app) as client:
        product = StatementCounter(product_app.state.engine)
        # Warm both pools and the caches: a new connection's set-up (and the
        # first use of a prepared statement on it) is not a request's.
        client.get("/habits", headers=headers[0])
        client.get("/stats/overview?range=month", headers=headers[0])
        client.get(f"/habits/{habit[0]}/logs?range=month", headers=headers[0])
        client.get(f"/habits/{habit[0]}/scores?{year}", headers=headers[0])
        # Today is not logged in the seeded history ("Log today", "Undo today").
        client.post(f"/habits/{habit[0]}/log", json={"date": str(today)}, headers=headers[0])
        client.delete(f"/habits/{habit[0]}/logs/{today}", headers=headers[0])
        results["GET /habits"] = product.measure(
            lambda i: client.get("/habits", headers=headers[i])
        )
        results["GET /habits/{id}/logs?range=month"] = product.measure(
            lambda i: client.get(f"/habits/{habit[i]}/logs?range=month", headers=headers[i])
        )
        results["GET /stats/overview?range=month"] = product.measure(
            lambda i: client.get("/stats/overview?range=month", headers=headers[i])
        )
        results["GET /habits/{id}/scores, a year"] = product.measure(
            lambda i: client.get(f"/habits/{habit[i]}/scores?{year}", headers=headers[i])
        )
        results["POST /habits/{id}/log"] = product.measure(
            lambda i: client.post(
                f"/habits/{habit[i]}/log", json={"date": str(today)}, headers=headers[i]
            )
        )
        results["DELETE /habits/{id}/logs/{date}"] = product.measure(
            lambda i: client.delete(f"/habits/{habit[i]}/logs/{today}", headers=headers[i])
        )
        results["POST /habits/skip, 2 weeks of 10 habits"] = product.measure(
            lambda i: client.post("/habits/skip", json=pause, headers=headers[i])
        )

    with TestClient(floor_app.app) as client:
        floor = StatementCounter(floor_app.engine)
        client.get("/row", headers=headers[0])
        results["floor GET /plain"] = floor.measure(lambda i: client.get("/plain"))
        results["floor GET /row"] = floor.measure(lambda i: client.get("/row", headers=headers[i]))
        results["floor GET /list"] = floor.measure(
            lambda i: client.get("/list", headers=headers[i])
        )


if __name__ == "__main__":
    main()
