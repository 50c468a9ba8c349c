"""Settings read from the environment (and `backend/.env` when present)."""

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BACKEND_DIR = Path(__file__).resolve().parents[2]
PLACEHOLDER_SECRET = "change-me"  # noqa: S105 - the value we refuse in production
DEFAULT_DATABASE_URL = f"sqlite:///{BACKEND_DIR / 'fitness.db'}"
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")


def parse_rate(text: str) -> tuple[int, str]:
    """Split `N/second|minute|hour|day` into (N, unit)."""
    match = _RATE.match(text)
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"rate limit {text!r} is not of the form N/second|minute|hour|day")
    return int(match.group(1)), match.group(2)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=BACKEND_DIR / ".env", extra="ignore")

    env: Literal["dev", "test", "prod"] = "dev"
    port: int = 8000
    # Without a server (unset or empty), `make dev` runs on an embedded SQLite file.
    database_url: str = DEFAULT_DATABASE_URL
    # PostgreSQL connections one process holds at most (docs/OPERATIONS.md):
    # 2 backends x 2 workers x 10 stay well within max_connections = 100.
    db_pool_size: int = Field(default=10, ge=1, le=100)
    # Seconds a request waits for a free connection before answering 503.
    db_pool_timeout: float = Field(default=5, gt=0)
    # True behind a pooler in transaction mode (PgBouncer's pool_mode =
    # transaction): no server-side prepared statements, no session settings.
    db_transaction_pooling: bool = False
    jwt_secret: str = PLACEHOLDER_SECRET
    jwt_alg: Literal["HS256"] = "HS256"
    access_token_expire_minutes: int = Field(default=60, ge=1)
    client_url: str = "http://localhost:4321"
    # Empty: rate limits are kept in process.
    redis_url: str = ""

    google_client_id: str = ""
    google_client_secret: str = ""
    google_redirect_uri: str = "http://localhost:8000/auth/google/callback"

    rate_limit_login: str = "5/minute"
    rate_limit_register: str = "10/hour"
    rate_limit_logs: str = "60/hour"
    rate_limit_import: str = "10/hour"
    # Proxies whose X-Forwarded-For is believed; comma-separated, empty = none.
    forwarded_allow_ips: str = ""

    @field_validator("database_url")
    @classmethod
    def _empty_means_sqlite(cls, value: str) -> str:
        return value.strip() or DEFAULT_DATABASE_URL

    @field_validator(
        "rate_limit_login", "rate_limit_register", "rate_limit_logs", "rate_limit_import"
    )
    @classmethod
    def _valid_rate(cls, value: str) -> str:
        parse_rate(value)
        return value

    @model_validator(mode="after")
    def _strong_secret_in_prod(self) -> "Settings":
        if self.env == "prod" and (
            self.jwt_secret == PLACEHOLDER_SECRET or len(self.jwt_secret) < 32
        ):
            raise ValueError("JWT_SECRET must be set to at least 32 characters when ENV=prod")
        return self

    @property
    def google_enabled(self) -> bool:
        return bool(self.google_client_id and self.google_client_secret)

    @property
    def trusted_proxies(self) -> list[str]:
        return [ip.strip() for ip in self.forwarded_allow_ips.split(",") if ip.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
