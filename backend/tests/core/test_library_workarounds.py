"""The pinned libraries the app works around, checked so that a version
change cannot slip by unnoticed: each test fails when the pin moves or when
the upstream bug is gone (then the workaround can go too)."""

from importlib.metadata import version

import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.testclient import TestClient
from fastapi_limiter.depends import RateLimiter
from pyrate_limiter import Duration, InMemoryBucket, Limiter, Rate

WORKAROUND = "see app.core.rate_limit.ScopedRateLimiter and the README's workarounds"


def test_the_limiter_versions_are_the_ones_the_workaround_was_written_for() -> None:
    assert version("fastapi-limiter") == "0.2.0", WORKAROUND
    assert version("pyrate-limiter") == "4.5.1", WORKAROUND
    assert version("fastapi") == "0.165.0", WORKAROUND


def test_fastapi_limiter_still_breaks_on_included_routers() -> None:
    """fastapi-limiter 0.2.0 reads `route.path` of every entry of `app.routes`;
    FastAPI 0.165 lists included routers there, which have none. When this
    stops raising, `ScopedRateLimiter` can return to the stock `RateLimiter`."""
    limiter = RateLimiter(limiter=Limiter(InMemoryBucket([Rate(5, Duration.MINUTE)])))
    router = APIRouter()

    @router.get("/limited", dependencies=[Depends(limiter)])
    def limited() -> dict[str, str]:
        return {"status": "ok"}

    app = FastAPI()
    app.include_router(router)
    with TestClient(app, raise_server_exceptions=True) as client, pytest.raises(AttributeError):
        client.get("/limited")


def test_passlib_still_needs_bcrypt_4_0() -> None:
    """passlib 1.7.4 (its last release) reads `bcrypt.__about__`, gone in bcrypt 4.1."""
    assert version("passlib") == "1.7.4", "see the README's workarounds (bcrypt pin)"
    assert version("bcrypt") == "4.0.1", "see the README's workarounds (bcrypt pin)"
