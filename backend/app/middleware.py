"""Pure ASGI middleware: security headers and the request body limit."""

import json
from collections.abc import Mapping

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import status_title

MAX_BODY_BYTES = 1024 * 1024


def too_large(limit: int) -> str:
    """The problem's `detail` for a body over `limit` bytes."""
    size = f"{limit // 1024 // 1024} MiB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
    return f"The request body is larger than {size}."


class SecurityHeaders:
    """`nosniff` on every response, `no-store` on API responses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Answer 413 problem+json to a body over its limit, declared or streamed.

    Every body may be at most `max_bytes` (1 MiB), except on the routes
    listed in `route_limits`, `{(method, path): bytes}`: the one table of
    the larger limits, looked up by the exact path before any routing.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        route_limits: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.route_limits = dict(route_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.route_limits.get((scope["method"], scope["path"]), self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > limit:
            await self._reject(scope, send, limit)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                # An HTTPException passes through FastAPI's body parsing to the
                # problem handler; any other error would become a 400.
                raise HTTPException(413, too_large(limit))
            return message

        await self.app(scope, counting_receive, send)

    async def _reject(self, scope: Scope, send: Send, limit: int) -> None:
        problem = {
            "type": "about:blank",
            "title": status_title(413),
            "status": 413,
            "detail": too_large(limit),
            "instance": scope["path"],
        }
        body = json.dumps(problem).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"cache-control", b"no-store"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
