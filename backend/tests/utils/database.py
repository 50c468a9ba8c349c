"""The database in tests: migrations, row counts."""

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.config import BACKEND_DIR
from app.db.base import Base


def alembic_config(url: str) -> Config:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    return config


def migrate_to_head(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


def row_counts(session: Session) -> dict[str, int]:
    """How many rows each table holds (what "nothing written" compares)."""
    session.rollback()  # a fresh snapshot
    return {
        table.name: session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    }
