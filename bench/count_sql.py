"""SQL statements per request, per endpoint, for the product and the floor.

Runs each app in process (Starlette's TestClient) against the benchmark's
database and Redis, and counts what goes through SQLAlchemy's
`before_cursor_execute` (every statement the code sends). Besides those, every
request pays the pool's pre-ping on checkout and a COMMIT or ROLLBACK, in the
product and in the floor alike; those are counted separately.

Usage: python bench/count_sql.py TOKENS_FILE OUT_JSON   (same env as the servers)
"""

import json
import sys
from collections import Counter
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent / "backend"), str(BENCH)]

import floor_app  # noqa: E402
from app.db.session import engine as product_engine  # noqa: E402
from app.main import app as product_app  # noqa: E402

SAMPLES = 5


class StatementCounter:
    def __init__(self, engine: Engine) -> None:
        self.counts: Counter[str] = Counter()
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", lambda _conn: self._count("commit"))
        event.listen(engine, "rollback", lambda _conn: self._count("rollback"))
        event.listen(engine.pool, "checkout", lambda *_args: self._count("checkout"))

    def _statement(self, *_args: object) -> None:
        self._count("statements")

    def _count(self, kind: str) -> None:
        self.counts[kind] += 1

    def measure(self, send) -> dict[str, float]:
        """Average counts of `send()` over SAMPLES calls; every answer must be 2xx."""
        self.counts.clear()
        for sample in range(SAMPLES):
            response = send(sample)
            assert 200 <= response.status_code < 300, (response.status_code, response.text)
        return {kind: count / SAMPLES for kind, count in sorted(self.counts.items())}


def main() -> None:
    lines = Path(sys.argv[1]).read_text().splitlines()
    users = [line.split("\t") for line in lines[:SAMPLES]]
    headers = [{"Authorization": f"Bearer {user[0]}"} for user in users]
    habit = [user[1] for user in users]
    results: dict[str, dict[str, float]] = {}

    with TestClient(product_app) as client:
        product = StatementCounter(product_engine)
        client.get("/habits", headers=headers[0])  # warm the pool and the caches
        results["GET /habits"] = product.measure(
            lambda i: client.get("/habits", headers=headers[i])
        )
        results["GET /habits/{id}/logs?range=month"] = product.measure(
            lambda i: client.get(f"/habits/{habit[i]}/logs?range=month", headers=headers[i])
        )
        results["GET /stats/overview?range=month"] = product.measure(
            lambda i: client.get("/stats/overview?range=month", headers=headers[i])
        )
        day = "2010-06-15"  # before the seeded history
        results["POST /habits/{id}/log"] = product.measure(
            lambda i: client.post(f"/habits/{habit[i]}/log", json={"date": day}, headers=headers[i])
        )
        results["DELETE /habits/{id}/logs/{date}"] = product.measure(
            lambda i: client.delete(f"/habits/{habit[i]}/logs/{day}", headers=headers[i])
        )

    with TestClient(floor_app.app) as client:
        floor = StatementCounter(floor_app.engine)
        client.get("/row", headers=headers[0])
        results["floor GET /plain"] = floor.measure(lambda i: client.get("/plain"))
        results["floor GET /row"] = floor.measure(lambda i: client.get("/row", headers=headers[i]))
        results["floor GET /list"] = floor.measure(
            lambda i: client.get("/list", headers=headers[i])
        )

    Path(sys.argv[2]).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
