"""Rate limits: fastapi-limiter 0.2 over pyrate-limiter, one bucket per key.

fastapi-limiter's README hands `RateLimiter` a single bucket, which every
client then shares: one attacker would lock everybody out. `KeyedBuckets`
gives each key (a client address or a user) a bucket of its own, in Redis when
`REDIS_URL` is set so that every worker shares it, in process otherwise. While
Redis is unreachable a shared bucket falls back to an in-process one (limits
keep holding per worker instead of failing open), and goes back to Redis as
soon as it answers again.
"""

import asyncio
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from inspect import isawaitable

from fastapi import Request, Response
from fastapi_limiter.depends import RateLimiter
from pyrate_limiter import (
    AbstractBucket,
    BucketFactory,
    Duration,
    InMemoryBucket,
    Limiter,
    Rate,
    RateItem,
    RedisBucket,
)
from pyrate_limiter.buckets.redis_bucket import LuaScript
from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.core.config import Settings, parse_rate
from app.errors import TooManyRequests

_UNITS = {"second": Duration.SECOND, "minute": Duration.MINUTE, "hour": Duration.HOUR}
_UNITS["day"] = Duration.DAY
# A Redis that does not answer within this is treated as down.
REDIS_TIMEOUT_SECONDS = 0.5
# The bucket and item of the latest check in this request, to tell Retry-After.
_last_check: ContextVar[tuple[AbstractBucket, RateItem] | None] = ContextVar(
    "last_rate_check", default=None
)


def to_rate(text: str) -> Rate:
    """`5/minute` → pyrate-limiter's Rate(5, Duration.MINUTE)."""
    limit, unit = parse_rate(text)
    return Rate(limit, _UNITS[unit])


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _put_and_trim_script(window_ms: int) -> str:
    """pyrate-limiter's check-and-insert script, then the key's upkeep.

    After the put (admitted or not) the entries older than the longest window
    are dropped and the key expires a window after the latest check, so the
    key is kept no longer than its longest window needs. That used to be a
    second round trip (a pipeline) after every put; here it is the same
    script call.
    """
    return (
        "local function put_item()\n"
        + LuaScript.PUT_ITEM
        + "\nend\n"
        + "local result = put_item()\n"
        + f"local window = '{int(window_ms)}'\n"
        + "local oldest = string.format('%.0f', tonumber(ARGV[1]) - tonumber(window))\n"
        + "redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, oldest)\n"
        + "redis.call('PEXPIRE', KEYS[1], window)\n"
        + "return result\n"
    )


class _SharedBucket(RedisBucket):
    """A Redis bucket for one key that limits in process while Redis is down."""

    def __init__(self, factory: "KeyedBuckets", redis: Redis, key: str) -> None:
        super().__init__(factory.rates, redis, key, script_hash="")
        self._factory = factory
        self._fallback = InMemoryBucket(factory.rates)
        self._degraded = False

    async def put(self, item: RateItem) -> bool:  # type: ignore[override]
        try:
            # One round trip: the factory's script puts the item, then trims
            # the key and renews its expiry (see `_put_and_trim_script`).
            async with asyncio.timeout(REDIS_TIMEOUT_SECONDS):
                self.script_hash = await self._factory.script_hash()
                admitted = await super().put(item)
        except (RedisError, TimeoutError):
            self._factory.forget_script()  # a restarted Redis has lost it
            self._degraded = True
            admitted = self._fallback.put(item)
            self.failing_rate = self._fallback.failing_rate  # the limiter reads it
            return admitted
        self._degraded = False
        return admitted

    def waiting(self, item: RateItem) -> int | Awaitable[int]:
        return self._fallback.waiting(item) if self._degraded else super().waiting(item)


class KeyedBuckets(BucketFactory):
    """One bucket per item name (the key), kept in Redis or in process."""

    MAX_KEYS_IN_PROCESS = 50_000

    def __init__(self, rates: list[Rate], *, scope: str, redis: Redis | None) -> None:
        self.rates = rates
        self._scope = scope
        self._redis = redis
        self._script_hash: str | None = None
        self._buckets: OrderedDict[str, AbstractBucket] = OrderedDict()

    def wrap_item(self, name: str, weight: int = 1) -> RateItem:
        return RateItem(name, _now_ms(), weight=weight)

    def get(self, item: RateItem) -> AbstractBucket:
        bucket = self._buckets.get(item.name)
        if bucket is None:
            bucket = self._new_bucket(item.name)
            self._buckets[item.name] = bucket
            if len(self._buckets) > self.MAX_KEYS_IN_PROCESS:
                self._buckets.popitem(last=False)  # the least recently used key
        else:
            self._buckets.move_to_end(item.name)
        if isinstance(bucket, InMemoryBucket):
            bucket.leak(item.timestamp)
        _last_check.set((bucket, item))
        return bucket

    def _new_bucket(self, key: str) -> AbstractBucket:
        if self._redis is None:
            return InMemoryBucket(self.rates)
        return _SharedBucket(self, self._redis, f"rate-limit:{self._scope}:{key}")

    async def script_hash(self) -> str:
        assert self._redis is not None
        if self._script_hash is None:
            window_ms = max(rate.interval for rate in self.rates)
            self._script_hash = await self._redis.script_load(_put_and_trim_script(window_ms))
        return self._script_hash

    def forget_script(self) -> None:
        self._script_hash = None


async def _too_many_requests(_request: Request, _response: Response) -> None:
    check = _last_check.get()
    wait_ms = 1000
    if check is not None:
        bucket, item = check
        waited = bucket.waiting(item)
        wait_ms = await waited if isawaitable(waited) else waited
    raise TooManyRequests(retry_after_seconds=max(1, math.ceil(wait_ms / 1000)))


async def client_address(request: Request) -> str:
    """The peer address; X-Forwarded-For only counts from a trusted proxy (see main)."""
    return request.client.host if request.client else "unknown"


async def signed_in_user(request: Request) -> str:
    return f"user:{request.state.user_id}"


class ScopedRateLimiter(RateLimiter):
    """fastapi-limiter's RateLimiter without its scan of `app.routes`, and
    without pyrate-limiter's event-loop-wide lock.

    0.2.0 reads `route.path` of every entry of `app.routes` to build a per-route
    key; FastAPI 0.165 lists included routers there, which have no `path`, so
    every request crashed with AttributeError. Each limiter here has a scope of
    its own (its Redis key prefix), so the key needs no route index.

    `Limiter.try_acquire_async` holds one asyncio.Lock per event loop across
    the bucket's Redis round trip: a worker's checks, whatever their keys,
    waited for each other one round trip at a time, and the lock and its
    layers of coroutines cost more CPU than the Redis call
    (docs/PERFORMANCE.md, fifth round). Each bucket decides alone: the Redis
    bucket's script is atomic, and an in-process bucket's `put` runs without
    awaiting, so no other check can interleave with it.
    """

    async def __call__(self, request: Request, response: Response) -> None:
        key = await self.identifier(request)
        buckets = self.limiter.bucket_factory
        item = buckets.wrap_item(key)
        admitted = buckets.get(item).put(item)
        if isawaitable(admitted):
            admitted = await admitted
        if not admitted:
            await self.callback(request, response)


def _limiter(
    text: str, *, scope: str, redis: Redis | None, identifier: Callable[[Request], Awaitable[str]]
) -> ScopedRateLimiter:
    buckets = KeyedBuckets([to_rate(text)], scope=scope, redis=redis)
    return ScopedRateLimiter(
        limiter=Limiter(buckets), identifier=identifier, callback=_too_many_requests
    )


class RateLimits:
    """The limits of the contract, built from the settings."""

    def __init__(self, settings: Settings) -> None:
        self.redis: Redis | None = (
            # No socket timeout (redis-py's default is 5 s): on Python 3.11
            # redis-py enforces it with asyncio.wait_for, a new task for every
            # command; the callers bound each call with one asyncio.timeout.
            Redis.from_url(
                settings.redis_url,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                socket_timeout=None,
            )
            if settings.redis_url
            else None
        )
        self.login = _limiter(
            settings.rate_limit_login, scope="login", redis=self.redis, identifier=client_address
        )
        self.register = _limiter(
            settings.rate_limit_register,
            scope="register",
            redis=self.redis,
            identifier=client_address,
        )
        self.log_writes = _limiter(
            settings.rate_limit_logs, scope="logs", redis=self.redis, identifier=signed_in_user
        )
        self.imports = _limiter(
            settings.rate_limit_import, scope="import", redis=self.redis, identifier=signed_in_user
        )
        # The routes that check a signed-in user's password take the login
        # limit, per user: guessing through them is no faster than logging in.
        self.password_change = _limiter(
            settings.rate_limit_login,
            scope="password",
            redis=self.redis,
            identifier=signed_in_user,
        )
        self.account_deletion = _limiter(
            settings.rate_limit_login,
            scope="account-deletion",
            redis=self.redis,
            identifier=signed_in_user,
        )

    async def redis_status(self) -> str:
        """`ok`, `down`, or `disabled` when limits are kept in process."""
        if self.redis is None:
            return "disabled"
        try:
            async with asyncio.timeout(REDIS_TIMEOUT_SECONDS):
                await self.redis.ping()
        except (RedisError, TimeoutError):
            return "down"
        return "ok"

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
