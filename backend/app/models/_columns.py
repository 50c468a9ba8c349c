"""Column shapes shared by every table."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from sqlalchemy import DateTime
from sqlalchemy.orm import mapped_column


def utc_now() -> datetime:
    return datetime.now(UTC)


UuidPk = Annotated[uuid.UUID, mapped_column(primary_key=True, default=uuid.uuid4)]
CreatedAt = Annotated[datetime, mapped_column(DateTime(timezone=True), default=utc_now)]
