"""RFC 7807: every error leaves the API as `application/problem+json`."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import Match

from app.errors import DomainError, status_title
from app.schemas.common import Problem
from app.schemas.habit import UNION_TAGS

PROBLEM_JSON = "application/problem+json"
# Headers every error carries, including a 500 raised outside the middleware.
_ALWAYS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
logger = logging.getLogger("app.errors")


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    problem = Problem(
        title=status_title(status),
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers={**_ALWAYS, **(headers or {})},
    )


_TAGS = {tag for tags in UNION_TAGS.values() for tag in tags}


def field_errors(error: RequestValidationError) -> dict[str, list[str]]:
    """pydantic's error list as `{"<field path>": ["message", ...]}`."""
    errors: dict[str, list[str]] = {}
    for item in error.errors():
        where, *path = [str(part) for part in item["loc"]] or ["body"]
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] in ("union_tag_invalid", "union_tag_not_found"):
            field = item["ctx"]["discriminator"].strip("'")
            path.append(field)
            message = f"must be one of: {', '.join(UNION_TAGS.get(field, []))}"
        # A tagged union's member ("daily") is not a field of the body.
        path = [part for part in path if part not in _TAGS]
        key = where if item["type"] == "json_invalid" else ".".join(path) or where
        errors.setdefault(key, []).append(message)
    return errors


async def _domain_error(request: Request, error: DomainError) -> JSONResponse:
    return problem_response(
        request,
        error.status,
        error.detail,
        errors=getattr(error, "errors", None),
        headers=error.headers,
    )


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    # A dead credential is a 401 whatever the body (app.api.deps.SignedIn
    # reads the account lazily, after FastAPI has validated the request).
    signed_in = getattr(request.state, "signed_in", None)
    if signed_in is not None:
        try:
            await run_in_threadpool(signed_in.read_now, request.app.state.engine)
        except DomainError as refused:
            return await _domain_error(request, refused)
    errors = field_errors(error)
    summary = "; ".join(f"{field}: {', '.join(messages)}" for field, messages in errors.items())
    return problem_response(request, 422, f"The request is not valid. {summary}", errors=errors)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> str:
    """Every method the path answers to.

    Starlette's 405 names only the methods of the first route whose path
    matched (`Allow: GET` on /habits, which also takes POST); RFC 9110 wants
    all of the resource's methods.
    """
    allowed = [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.router.routes
        )
    ]
    return ", ".join(allowed)


async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
    detail = str(error.detail)
    headers = dict(error.headers or {})
    if error.status_code == 404 and detail == "Not Found":
        detail = f"No resource at {request.method} {request.url.path}."
    elif error.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}."
        headers["Allow"] = _allowed_methods(request)
    return problem_response(request, error.status_code, detail, headers=headers)


async def _database_unavailable(request: Request, error: Exception) -> JSONResponse:
    logger.warning("database unavailable: %s", error)
    return problem_response(
        request,
        503,
        "The database is unavailable right now; try again shortly.",
        headers={"Retry-After": "5"},
    )


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(request, 500, "Something went wrong on our side.")


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    for error in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(error, _database_unavailable)
    app.add_exception_handler(DBAPIError, _database_or_bug)
    app.add_exception_handler(Exception, _unexpected_error)


async def _database_or_bug(request: Request, error: Exception) -> JSONResponse:
    # psycopg2 reports a lost connection as a DBAPIError flagged as a disconnect.
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return await _database_unavailable(request, error)
    return await _unexpected_error(request, error)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the error statuses a route can answer."""
    return {status: {"description": status_title(status)} for status in statuses}


def problem_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with every 4xx/5xx body declared as problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, routes=app.routes, tags=app.openapi_tags
    )
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    problem_content = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            # Every route can meet an oversized body, a crash or a lost database.
            for status in ("413", "500", "503"):
                responses.setdefault(status, {"description": status_title(int(status))})
            if "requestBody" in operation:
                # FastAPI answers 400 to a body it cannot decode (not UTF-8).
                responses.setdefault("400", {"description": "The body could not be decoded."})
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    response["content"] = problem_content
    app.openapi_schema = schema
    return schema
