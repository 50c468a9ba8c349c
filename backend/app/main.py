"""The FastAPI application: middleware, error handlers and routers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import Engine
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.api.routers import (
    auth,
    badges,
    breaks,
    habits,
    health,
    logs,
    personal_tokens,
    stats,
    transfer,
)
from app.core.config import Settings, get_settings
from app.core.rate_limit import RateLimits
from app.db.session import CloseDatabase, build_engine
from app.middleware import BodySizeLimit, SecurityHeaders
from app.problem_details import install_handlers, problem_openapi
from app.services import data_import


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The app for `settings`, on `engine` (default: its own, built from the settings)."""
    settings = settings or get_settings()
    rate_limits = RateLimits(settings)
    own_engine = engine is None
    engine = engine or build_engine(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await rate_limits.close()
        if own_engine:
            engine.dispose()

    app = FastAPI(
        title="Fitness & Habit Tracker API",
        version="1.0.0",
        lifespan=lifespan,
        # The docs list the tags in this order, whatever the routers' (below).
        openapi_tags=[
            {"name": tag} for tag in ("auth", "habits", "logs", "stats", "badges", "data", "health")
        ],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.rate_limits = rate_limits
    install_handlers(app)
    # Busiest first: a request is matched against the routers in this order,
    # and each router passed costs time (~50 µs for a log write behind auth's
    # and the habits' routes, docs/PERFORMANCE.md, fifth round). No two
    # routers share a path, so the order changes nothing else.
    for router in (
        logs.router,
        habits.router,
        stats.router,
        breaks.router,
        badges.router,
        auth.router,
    ):
        app.include_router(router)
    app.include_router(personal_tokens.router)
    app.include_router(transfer.router)
    app.include_router(health.router)
    app.openapi = lambda: problem_openapi(app)  # type: ignore[method-assign]

    # Added innermost first: the body limit sees requests last, proxy headers first.
    # Innermost of all: a request's database is closed once its response is sent.
    app.add_middleware(CloseDatabase)
    # 1 MiB for every body but an import's file (and its multipart envelope).
    app.add_middleware(
        BodySizeLimit, route_limits={("POST", "/import"): data_import.MAX_BODY_BYTES}
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[settings.client_url],
        allow_credentials=False,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
        # Content-Disposition: the client saves an export under the name it gives.
        expose_headers=["Location", "Retry-After", "Content-Disposition"],
    )
    app.add_middleware(SecurityHeaders)
    # X-Forwarded-For is believed only from FORWARDED_ALLOW_IPS (default: nobody,
    # and then the layer would only cost time on every request).
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    return app


app = create_app()
