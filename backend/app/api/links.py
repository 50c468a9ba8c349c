"""OpenAPI links: which answer gives the identifiers that other operations take.

They tell a reader of the document, and the fuzzer's stateful phase, that the
`id` of a created habit is the `habit_id` of the habit's operations, that a
created log names its habit and its day, and that a created token's `id` is
the one to revoke it by.
"""

from typing import Any


def _operation_ref(path: str, method: str) -> str:
    # A JSON pointer into the document itself (RFC 6901: `~` and `/` escaped).
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method


def _link(path: str, method: str, description: str, **parameters: str) -> dict[str, Any]:
    return {
        "operationRef": _operation_ref(path, method),
        "description": description,
        "parameters": parameters,
    }


_HABIT = "/habits/{habit_id}"
_NEW_HABIT = "$response.body#/id"
_CREATED_HABIT_LINKS = {
    "ReadHabit": _link(_HABIT, "get", "Read the new habit.", habit_id=_NEW_HABIT),
    "ReplaceHabit": _link(_HABIT, "put", "Replace the new habit.", habit_id=_NEW_HABIT),
    "UpdateHabit": _link(_HABIT, "patch", "Change the new habit.", habit_id=_NEW_HABIT),
    "DeleteHabit": _link(_HABIT, "delete", "Delete the new habit.", habit_id=_NEW_HABIT),
    "LogHabit": _link(f"{_HABIT}/log", "post", "Log a day of the new habit.", habit_id=_NEW_HABIT),
    "ListHabitLogs": _link(f"{_HABIT}/logs", "get", "The new habit's logs.", habit_id=_NEW_HABIT),
    "ReadScores": _link(
        f"{_HABIT}/scores", "get", "The new habit's strength.", habit_id=_NEW_HABIT
    ),
}
_CREATED_LOG_LINKS = {
    "ChangeLog": _link(
        f"{_HABIT}/logs/{{day}}",
        "patch",
        "Change the new log.",
        habit_id="$response.body#/habitId",
        day="$response.body#/date",
    ),
    "UndoLog": _link(
        f"{_HABIT}/logs/{{day}}",
        "delete",
        "Delete the new log.",
        habit_id="$response.body#/habitId",
        day="$response.body#/date",
    ),
    "ListLogs": _link(
        f"{_HABIT}/logs", "get", "The logs of the log's habit.", habit_id="$response.body#/habitId"
    ),
}

_CREATED_TOKEN_LINKS = {
    "RevokeToken": _link(
        "/auth/tokens/{token_id}",
        "delete",
        "Revoke the new token.",
        token_id="$response.body#/id",  # noqa: S106 (a parameter's name, not a secret)
    ),
}

CREATED_HABIT = {201: {"description": "The new habit.", "links": _CREATED_HABIT_LINKS}}
CREATED_LOG = {201: {"description": "The new log.", "links": _CREATED_LOG_LINKS}}
CREATED_TOKEN = {201: {"description": "The new token.", "links": _CREATED_TOKEN_LINKS}}
