"""schemathesis hooks for scripts/test-fuzz.sh (SCHEMATHESIS_HOOKS=tests_live.schemathesis_hooks,
imported from backend/, so the limits below are the app's own).

The OpenAPI document states every rule a JSON Schema can state. The rules
below depend on the clock (the user's today), on two values at once, on
what is stored, or on what a file holds, so no schema can say them; each operation's description
does, and these hooks keep generated requests inside them, so that
`positive_data_acceptance` can hold the API to "a request the document calls
valid is accepted" everywhere else.

Each hook only moves a value that is valid by the document to another valid
one, and leaves every other value as generated: a request the document calls
invalid stays invalid (schemathesis reads a changed case against the
document again before it sends it), and no check is turned off.

Where they run: the value rules are `map_case` hooks, which schemathesis
(4.32) applies to the cases of every phase. `map_body` and `map_query` hooks
are not applied to the coverage phase's cases, which is how a done log dated
3279 reached the API before. The habits' order depends on the stored habits,
so its hook runs just before the request is sent (`before_call`), and the
run sends one request at a time (`--workers 1`), so the habits it reads are
the habits the request meets. So does the break's in the stateful phase,
for a reason of its own (`pause_own_habits_when_stateful`).
"""

import hashlib
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import schemathesis

from app.schemas.fields import EARLIEST_DATE
from app.services.analytics import MAX_SPAN_DAYS
from app.services.breaks import MAX_BREAK_DAYS
from app.services.habit_history import MAX_SCORE_DAYS
from app.services.habit_logs import SKIP_AHEAD_DAYS


def _as_date(value: Any, earliest: date = EARLIEST_DATE) -> date | None:
    """The day `value` names if it is a valid date by the document (`earliest`
    or later), else None: a hook never moves a value the document refuses."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if day >= earliest else None


def _today_bounds() -> tuple[date, date]:
    """The earliest and the latest day the user's today can be right now.

    The user's today is the date, in their zone (UTC-12 to UTC+14), of now
    minus their dayStartHour (0-23), and the fuzzer changes both (PATCH
    /auth/me): a day no later than the first bound is never after it."""
    now = datetime.now(UTC)
    return (now - timedelta(hours=12 + 23)).date(), (now + timedelta(hours=14)).date()


def _fold(day: date, first: date, last: date) -> date:
    """`day` if it is within `first`..`last`, else a day of that span (the same
    day for the same input, different days for different ones)."""
    if first <= day <= last:
        return day
    return last - timedelta(days=(last - day).days % ((last - first).days + 1))


def _log_day_limit(status: Any) -> date:
    """The latest day a log of `status` may have for any user's today: a done
    day not after today, a skipped one at most SKIP_AHEAD_DAYS after it."""
    earliest_today, _ = _today_bounds()
    ahead = SKIP_AHEAD_DAYS if status == "skipped" else 0
    return earliest_today + timedelta(days=ahead)


@schemathesis.hook("map_case").apply_to(method="POST", path="/habits/{habit_id}/log")
def log_day_not_too_late(context: Any, case: Any) -> Any:
    """A done `date` after today, or a skipped one over SKIP_AHEAD_DAYS ahead:
    folded into the days from 2000-01-01 to the latest allowed."""
    body = case.body
    day = _as_date(body.get("date")) if isinstance(body, dict) else None
    if day is not None:
        last = _log_day_limit(body.get("status", "done"))
        body["date"] = _fold(day, EARLIEST_DATE, last).isoformat()
    return case


@schemathesis.hook("map_case").apply_to(method="PATCH", path="/habits/{habit_id}/logs/{day}")
def changed_day_not_too_late(context: Any, case: Any) -> Any:
    """A new `status` for a day after the latest it allows (a log's day comes
    from the path): a done day that may still be skipped becomes skipped (so
    a day a link took from a real log keeps naming it); any other day is
    folded into the days from 2000-01-01 to the latest done day."""
    body = case.body
    # The path takes any date (a day that has no log is 404).
    day = _as_date(case.path_parameters.get("day"), date.min)
    if not isinstance(body, dict) or body.get("status") not in ("done", "skipped") or day is None:
        return case
    if body["status"] == "done" and _log_day_limit("done") < day <= _log_day_limit("skipped"):
        body["status"] = "skipped"
    elif day > _log_day_limit(body["status"]):
        case.path_parameters["day"] = _fold(day, EARLIEST_DATE, _log_day_limit("done")).isoformat()
    return case


def _ordered_span(first: date, last: date, most_days: int) -> tuple[date, date]:
    """`first` no later than `last`, at most `most_days` days in all: swapped, shortened."""
    first, last = min(first, last), max(first, last)
    return first, first + timedelta(days=(last - first).days % most_days)


@schemathesis.hook("map_case").apply_to(method="GET", path="/habits/{habit_id}/logs")
def ordered_log_span(context: Any, case: Any) -> Any:
    """`from` no later than `to`, at most MAX_SPAN_DAYS days: swapped and shortened."""
    # The exploded `window` object's properties are query parameters of their own.
    query = case.query
    first, last = _as_date(query.get("from")), _as_date(query.get("to"))
    if first is not None and last is not None:
        first, last = _ordered_span(first, last, MAX_SPAN_DAYS)
        query["from"], query["to"] = first.isoformat(), last.isoformat()
    return case


@schemathesis.hook("map_case").apply_to(method="GET", path="/habits/{habit_id}/scores")
def ordered_score_span(context: Any, case: Any) -> Any:
    """`from` no later than `to` (which defaults to today), at most
    MAX_SCORE_DAYS days: swapped and shortened; a `from` alone is folded into
    the days that are no later than today and at most MAX_SCORE_DAYS days
    before it, whatever the user's today."""
    query = case.query
    first, last = _as_date(query.get("from")), _as_date(query.get("to"))
    if first is not None and last is not None:
        first, last = _ordered_span(first, last, MAX_SCORE_DAYS)
        query["from"], query["to"] = first.isoformat(), last.isoformat()
    elif first is not None and "to" not in query:
        earliest_today, latest_today = _today_bounds()
        lowest = latest_today - timedelta(days=MAX_SCORE_DAYS - 1)
        query["from"] = _fold(first, lowest, earliest_today).isoformat()
    return case


@schemathesis.hook("map_case").apply_to(method="POST", path="/habits/skip")
def break_in_reach(context: Any, case: Any) -> Any:
    """A break is `from`..`to` in order, at most MAX_BREAK_DAYS days, ending at
    most SKIP_AHEAD_DAYS after today: swapped, shortened, and a break that
    ends later moved back whole (same length) to end no later than that."""
    body = case.body
    if not isinstance(body, dict):
        return case
    first, last = _as_date(body.get("from")), _as_date(body.get("to"))
    if first is None or last is None:
        return case
    first, last = _ordered_span(first, last, MAX_BREAK_DAYS)
    length = last - first
    latest = _log_day_limit("skipped")
    if last > latest:
        last = _fold(last, EARLIEST_DATE + length, latest)
        first = last - length
    body["from"], body["to"] = first.isoformat(), last.isoformat()
    return case


@schemathesis.hook("map_case").apply_to(method="PATCH", path="/habits/{habit_id}")
def weekly_for_a_target(context: Any, case: Any) -> Any:
    """A target other than 1 with no frequency is valid only if the stored habit
    is weekly (which the fuzzer cannot know): send it with `frequency: weekly`."""
    body = case.body
    if not isinstance(body, dict) or "frequency" in body:
        return case
    target = body.get("target")
    if isinstance(target, int | float) and not isinstance(target, bool) and target != 1:
        body["frequency"] = "weekly"
    return case


def _uuids(value: Any) -> bool:
    """Whether `value` is a list of UUIDs as the document writes them."""
    if not isinstance(value, list):
        return False
    try:
        return all(isinstance(item, str) and str(uuid.UUID(item)) == item.lower() for item in value)
    except ValueError:
        return False


def _users_habits(case: Any) -> list[str] | None:
    """The ids of the habits (archived ones too) of the account `case` is sent
    as, read with its own Authorization header right before it goes out; None
    when it has no credential or one the API refuses (it answers 401 then,
    whatever its body)."""
    authorization = (case.headers or {}).get("Authorization")
    if not authorization:
        return None
    habits = []
    with httpx.Client(base_url=case.operation.base_url, timeout=10) as client:
        for archived in ("false", "true"):
            response = client.get(
                "/habits", params={"archived": archived}, headers={"Authorization": authorization}
            )
            if response.status_code != 200:
                return None
            habits += [habit["id"] for habit in response.json()]
    return habits


@schemathesis.hook("before_call").apply_to(method="PUT", path="/habits/order")
def every_habit_once(context: Any, case: Any, kwargs: Any) -> None:
    """`ids` must name each of the user's habits exactly once: what the user
    has is stored state, which no document states. A PUT whose `ids` are valid
    by the document (distinct UUIDs) gets the habits the account has, in an
    order drawn from the generated ids (so cases still differ)."""
    body = case.body
    if case.method != "PUT" or not isinstance(body, dict):
        return
    ids = body.get("ids")
    if not _uuids(ids) or len(set(ids)) != len(ids):
        return
    habits = _users_habits(case)
    if habits is not None:
        drawn = ",".join(ids)
        body["ids"] = sorted(
            habits, key=lambda habit: hashlib.sha256(f"{drawn}/{habit}".encode()).digest()
        )


@schemathesis.hook("before_call").apply_to(method="POST", path="/habits/skip")
def pause_own_habits_when_stateful(context: Any, case: Any, kwargs: Any) -> None:
    """In the stateful phase only, `habitIds` keeps only the account's habits.

    A foreign or missing id answers 404, which is right and which the other
    phases keep sending. But a break that follows a POST /habits (a link
    schemathesis infers from the new habit's `id` to `habitIds`) is read by
    `ensure_resource_availability` as a request for the habit just created,
    /habits/skip looking like an item below /habits: its 404 for another id
    would count as "the created habit is gone"."""
    body, meta = case.body, case.meta
    stateful = meta is not None and meta.phase.name == "stateful"
    if case.method != "POST" or not stateful or not isinstance(body, dict):
        return
    if not _uuids(body.get("habitIds")):
        return
    habits = _users_habits(case)
    if habits is not None:
        own = set(habits)
        body["habitIds"] = [habit for habit in body["habitIds"] if habit.lower() in own]


# A file POST /import reads (contract §2.2): this app's own export, one habit
# and one day. Which bytes are a Loop backup or an export no JSON Schema can
# say; tests/api/test_transfer_bad_files.py holds the refusals of other files.
_IMPORTABLE = (
    b'{"format": "fitness-habit-tracker", "version": 1, "habits": [{"title": "Imported", '
    b'"frequency": "daily", "logs": [{"date": "2024-01-01", "status": "done"}]}]}'
)


@schemathesis.hook("map_case").apply_to(method="POST", path="/import")
def importable_file(context: Any, case: Any) -> Any:
    """A body that is exactly one `file` field sends a file the import reads."""
    if isinstance(case.body, dict) and set(case.body) == {"file"}:
        case.body["file"] = _IMPORTABLE
    return case
