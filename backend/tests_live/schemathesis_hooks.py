"""schemathesis hooks for scripts/test-fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

The OpenAPI document states every rule a JSON Schema can state. Four rules
depend on the clock, on two values at once, on the stored habit or on what
a file holds, so no schema can say them; each operation's description does, and the hooks below
keep generated requests inside them, so that `positive_data_acceptance` can
hold the API to "a request the document calls valid is accepted" everywhere
else. Each hook only moves a value that is valid by the document to another
valid one (a request the document calls invalid stays invalid), and leaves
every other value as generated.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import schemathesis

EARLIEST = date(2000, 1, 1)
MAX_SPAN_DAYS = 400


def _as_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _latest_past_day() -> date:
    # A `done` log may not be after the user's today, which depends on the
    # user's zone and dayStartHour (the fuzzer changes both through PATCH
    # /auth/me). UTC-12 and a day starting at 23:00 put it at most two days
    # behind UTC's date, so a day no later than that is never in the future.
    return datetime.now(UTC).date() - timedelta(days=2)


@schemathesis.hook("map_body").apply_to(method="POST", path="/habits/{habit_id}/log")
def past_log_date(context: Any, body: Any) -> Any:
    """Fold a log date after the user's today into the years before it."""
    day = _as_date(body.get("date")) if isinstance(body, dict) else None
    latest = _latest_past_day()
    if day is not None and day > latest:
        span = (latest - EARLIEST).days
        body["date"] = (latest - timedelta(days=(day - latest).days % span)).isoformat()
    return body


@schemathesis.hook("map_query").apply_to(method="GET", path="/habits/{habit_id}/logs")
def ordered_log_span(context: Any, query: Any) -> Any:
    """`from` no later than `to`, at most MAX_SPAN_DAYS days apart: swap and shorten."""
    # The hook sees the query as sent: the exploded `window` object's
    # properties are parameters of their own.
    if not isinstance(query, dict):
        return query
    first, last = _as_date(query.get("from")), _as_date(query.get("to"))
    if first is None or last is None:
        return query
    first, last = min(first, last), max(first, last)
    last = first + timedelta(days=(last - first).days % MAX_SPAN_DAYS)
    query["from"], query["to"] = first.isoformat(), last.isoformat()
    return query


@schemathesis.hook("map_body").apply_to(method="PATCH", path="/habits/{habit_id}")
def weekly_for_a_target(context: Any, body: Any) -> Any:
    """A target other than 1 with no frequency is valid only if the stored habit
    is weekly (which the fuzzer cannot know): send it with `frequency: weekly`."""
    if not isinstance(body, dict) or "frequency" in body:
        return body
    target = body.get("target")
    if isinstance(target, int | float) and not isinstance(target, bool) and target != 1:
        body["frequency"] = "weekly"
    return body


# A file POST /import reads (contract §2.2): this app's own export, one habit
# and one day. Which bytes are a Loop backup or an export no JSON Schema can
# say; tests/api/test_transfer_bad_files.py holds the refusals of other files.
_IMPORTABLE = (
    b'{"format": "fitness-habit-tracker", "version": 1, "habits": [{"title": "Imported", '
    b'"frequency": "daily", "logs": [{"date": "2024-01-01", "status": "done"}]}]}'
)


@schemathesis.hook("map_body").apply_to(method="POST", path="/import")
def importable_file(context: Any, body: Any) -> Any:
    """A body that is exactly one `file` field sends a file the import reads."""
    if isinstance(body, dict) and set(body) == {"file"}:
        body["file"] = _IMPORTABLE
    return body
