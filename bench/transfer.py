"""`make bench`, export and import: a 20-habit, 5-year Loop backup imported
through the product, against the floor that inserts the same rows.

Against the running servers of bench/run.sh:

- import: POST /import of a Loop Habit Tracker backup (.db, schema 25, built
  as the transfer tests build theirs) holding `transfer_history`'s 36,520
  checks, each time into a new account; the floor's POST /bulk-logs inserts
  the same habits and days with one multi-row INSERT each, in one
  transaction. Interleaved, ROUNDS of each; the quickest of each is kept
  (the machine's background load only ever adds time). Logs per second are
  the checks over the request's wall time, upload included.
- the same file imported again into an account that has it (matches all,
  creates nothing);
- export: GET /export and GET /export?format=loop of that account, ROUNDS each.
- memory: before each product request the peak RSS of every product worker
  is reset to its current RSS (`/proc/PID/clear_refs`, 5); afterwards the
  worker whose peak grew most served it: its peak (VmHWM) and growth.

Writes OUT/transfer.json for report.py.

Usage: python bench/transfer.py OUT PRODUCT_PORT FLOOR_PORT WORKER_PID...
(DATABASE_URL and JWT_SECRET set, as for the servers)
"""

import json
import os
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent / "backend"), str(BENCH)]

import transfer_history  # noqa: E402
from app.core.security import create_access_token  # noqa: E402
from tests.services.transfer.files import LoopHabit, LoopRepetition, build_loop_db  # noqa: E402

ROUNDS = 3
TIMEOUT_SECONDS = 120
_LOOP_VALUES = {"done": 2, "skipped": 3}


def loop_backup() -> bytes:
    """The history as a Loop backup: daily habits, one repetition per day."""
    today = datetime.now(UTC).date()  # the accounts' time zone is UTC
    history = transfer_history.days(today)
    habits = [LoopHabit(f"Habit {n}", position=n) for n in range(transfer_history.HABITS)]
    repetitions = [
        LoopRepetition(number, day, value=_LOOP_VALUES[status], notes=note)
        for number in range(1, transfer_history.HABITS + 1)
        for day, status, note in history
    ]
    return build_loop_db(25, habits, repetitions)


class Accounts:
    """New accounts, straight into the database (registration is rate limited)."""

    def __init__(self) -> None:
        self.engine = create_engine(os.environ["DATABASE_URL"])
        self.secret = os.environ["JWT_SECRET"]

    def new(self, label: str) -> dict[str, str]:
        user_id = uuid.uuid4()
        with self.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, email, name, timezone, created_at) "
                    "VALUES (:id, :email, 'Transfer bench', 'UTC', now())"
                ),
                {"id": user_id, "email": f"transfer-{label}-{user_id}@example.com"},
            )
        token = create_access_token(user_id, secret=self.secret, expires_minutes=60)
        return {"Authorization": f"Bearer {token}"}


class Workers:
    """Peak memory of the product's workers, one request at a time."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.before: dict[int, int] = {}

    @staticmethod
    def _status_kb(pid: int, field: str) -> int:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
        raise LookupError(field)

    def reset(self) -> None:
        for pid in self.pids:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
            self.before[pid] = self._status_kb(pid, "VmRSS")

    def peak(self) -> dict[str, float]:
        """The serving worker's peak RSS and how much it grew, in MiB."""
        growth = {pid: self._status_kb(pid, "VmHWM") - self.before[pid] for pid in self.pids}
        pid = max(growth, key=growth.__getitem__)
        return {
            "peak_mib": self._status_kb(pid, "VmHWM") / 1024,
            "growth_mib": growth[pid] / 1024,
        }


def timed(send) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = send()
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return elapsed, response


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda run: run["seconds"])


def main() -> None:
    out = Path(sys.argv[1])
    product = httpx.Client(base_url=f"http://127.0.0.1:{sys.argv[2]}", timeout=TIMEOUT_SECONDS)
    floor = httpx.Client(base_url=f"http://127.0.0.1:{sys.argv[3]}", timeout=TIMEOUT_SECONDS)
    workers = Workers([int(pid) for pid in sys.argv[4:]])
    accounts = Accounts()
    backup = loop_backup()

    def product_request(method: str, path: str, headers: dict[str, str], **sent) -> dict:
        workers.reset()
        seconds, response = timed(lambda: product.request(method, path, headers=headers, **sent))
        return {
            "seconds": seconds,
            "bytes": len(response.content),
            **workers.peak(),
            "response": response,
        }

    imports, floors = [], []
    for round_number in range(ROUNDS):
        headers = accounts.new(f"floor{round_number}")
        seconds, answer = timed(lambda: floor.post("/bulk-logs", headers=headers))
        assert answer.json()["logs"] == transfer_history.CHECKS, answer.text
        floors.append({"seconds": seconds})
        headers = accounts.new(f"import{round_number}")
        files = {"file": ("Loop Habits Backup.db", backup, "application/octet-stream")}
        run = product_request("POST", "/import", headers, files=files)
        summary = run.pop("response").json()
        assert summary["logsCreated"] == transfer_history.CHECKS, summary
        imports.append(run)
    files = {"file": ("Loop Habits Backup.db", backup, "application/octet-stream")}
    again = product_request("POST", "/import", headers, files=files)
    summary = again.pop("response").json()
    assert (summary["logsCreated"], summary["logsExisting"]) == (0, transfer_history.CHECKS)

    exports: dict[str, list[dict]] = {"json": [], "loop": []}
    for _ in range(ROUNDS):
        for export_format, runs in exports.items():
            run = product_request("GET", f"/export?format={export_format}", headers)
            run.pop("response")
            runs.append(run)

    results = {
        "checks": transfer_history.CHECKS,
        "habits": transfer_history.HABITS,
        "days": transfer_history.DAYS,
        "backup_bytes": len(backup),
        "import": best(imports),
        "floor": best(floors),
        "reimport": again,
        "export_json": best(exports["json"]),
        "export_loop": best(exports["loop"]),
        "all_seconds": {
            "import": [run["seconds"] for run in imports],
            "floor": [run["seconds"] for run in floors],
        },
    }
    (out / "transfer.json").write_text(json.dumps(results, indent=1))
    ratio = results["floor"]["seconds"] / results["import"]["seconds"]
    print(
        f"import {results['import']['seconds']:.2f} s, floor {results['floor']['seconds']:.2f} s "
        f"({ratio:.2f}x); export JSON {results['export_json']['seconds']:.2f} s, "
        f"Loop {results['export_loop']['seconds']:.2f} s"
    )


if __name__ == "__main__":
    main()
