"""JSON bodies for sync routes, validated and serialised by pydantic in one go.

A sync route that returns a model has FastAPI validate it against the
response model once more, in the thread pool: one more hand-off between the
event loop and a worker thread on every request. A route that returns a
`Response` is sent as it is, so the sync routes build theirs here and name
their model in `response_model=` (which keeps the OpenAPI document).
"""

from functools import lru_cache
from typing import Any

from fastapi import Response
from pydantic import TypeAdapter


@lru_cache(maxsize=64)
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def json_response(
    model: Any, value: object, *, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """`value` (a model, a dataclass, a row or a list of them) as `model`, in camelCase JSON."""
    adapter = _adapter(model)
    body = adapter.dump_json(adapter.validate_python(value, from_attributes=True), by_alias=True)
    return Response(body, status_code=status_code, media_type="application/json", headers=headers)
