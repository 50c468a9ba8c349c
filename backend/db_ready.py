"""Ready the configured database for the seed: reachable, then migrated when behind.

What `make seed` (and so `make dev`) runs first. A database that cannot be
reached, or a URL that cannot be used, ends in `NotReady` whose message is one
line naming the URL (its password hidden) and what to do: no traceback.
Nothing here builds the app's engines (`app.db.session` does on import, and
fails with a traceback on a URL SQLAlchemy cannot use).
"""

from __future__ import annotations

import os
import re

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from pydantic import ValidationError
from sqlalchemy import Engine, create_engine, make_url, pool
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from app.core.config import BACKEND_DIR, Settings, get_settings

DEFAULT_URL = Settings.model_fields["database_url"].default
SQLITE_FALLBACK = "unset DATABASE_URL to use the SQLite file backend/fitness.db"


class NotReady(Exception):
    """The database cannot be used; the message is the one line to print."""


def configured_url() -> tuple[str, str]:
    """The database URL the app will use, and where that URL comes from."""
    try:
        url = get_settings().database_url
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]).upper() or "settings"
        # The input itself is left out: it may be a secret.
        raise NotReady(
            f"the backend settings are invalid ({where}: {first['msg']}): "
            "fix the environment or backend/.env (see backend/.env.example)"
        ) from None
    if any(name.upper() == "DATABASE_URL" for name in os.environ):
        return url, "DATABASE_URL"
    if url != DEFAULT_URL:
        return url, "DATABASE_URL in backend/.env"
    return url, "the default: DATABASE_URL is unset"


def shown(url: str) -> str:
    """`url` with its password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def ready(url: str, source: str) -> str:
    """Connect, migrate when behind; returns what was done. Raises NotReady."""
    engine = _engine(url, source)
    config = _alembic_config(url)
    head = ScriptDirectory.from_config(config).get_current_head()
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as error:
        raise NotReady(
            f"cannot reach the database {shown(url)} ({_reason(error, url)}): {_hint(url, source)}"
        ) from None
    finally:
        engine.dispose()
    if current == head:
        return f"schema: up to date (revision {head})"
    try:
        command.upgrade(config, "head")
    except CommandError as error:
        raise NotReady(
            f"cannot migrate the database {shown(url)} ({_reason(error, url)}): its schema is at "
            f"revision {current}, which this checkout does not know (a newer branch?); "
            f"point DATABASE_URL at another database or {SQLITE_FALLBACK}"
        ) from None
    except SQLAlchemyError as error:
        raise NotReady(
            f"cannot migrate the database {shown(url)} ({_reason(error, url)}): "
            f"{_hint(url, source)}"
        ) from None
    return f"schema: migrated from {current or 'an empty database'} to revision {head}"


def _engine(url: str, source: str) -> Engine:
    if not url.strip():
        raise NotReady(
            f"DATABASE_URL is set but empty: set it to a database URL, or {SQLITE_FALLBACK}"
        )
    try:
        parsed = make_url(url)
        connect_args = {} if parsed.get_backend_name() == "sqlite" else {"connect_timeout": 5}
        return create_engine(parsed, poolclass=pool.NullPool, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise NotReady(
            f"{source} {shown(url)} is not a URL this backend can use ({_reason(error, url)}): "
            "write sqlite:///path/to/file.db or postgresql+psycopg2://user:password@host:5432/name"
        ) from None


def _alembic_config(url: str) -> Config:
    # No ini file: alembic.ini's logging would print alembic's INFO lines.
    config = Config()
    config.set_main_option("script_location", str(BACKEND_DIR / "alembic"))
    # The env.py of the migrations takes an explicit URL over the settings; % is
    # the ini interpolation character.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _reason(error: Exception, url: str) -> str:
    """The driver's own first line (e.g. `Connection refused`), password hidden."""
    text = str(getattr(error, "orig", None) or error).strip()
    line = text.splitlines()[0].strip() if text else type(error).__name__
    password = _password(url)
    return line.replace(password, "***") if password else line


def _password(url: str) -> str | None:
    try:
        return make_url(url).password
    except ArgumentError:
        return None


def _hint(url: str, source: str) -> str:
    if make_url(url).get_backend_name() == "sqlite":
        return "make sure the file's directory exists and is writable, or set DATABASE_URL"
    if source == "DATABASE_URL in backend/.env":
        return "start that server or correct DATABASE_URL in backend/.env (remove it for SQLite)"
    return f"start that server or correct DATABASE_URL, or {SQLITE_FALLBACK}"
