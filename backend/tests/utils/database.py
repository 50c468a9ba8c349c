"""Migrations for tests."""

from alembic import command
from alembic.config import Config

from app.core.config import BACKEND_DIR


def alembic_config(url: str) -> Config:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    return config


def migrate_to_head(url: str) -> None:
    command.upgrade(alembic_config(url), "head")
