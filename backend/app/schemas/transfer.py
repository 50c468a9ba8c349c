"""Export and import (contract §2.2): the upload, the import's summary, and the
JSON export's shape as the document states it (the bytes themselves come from
`app.services.transfer.write_json`; tests/api/test_transfer_export.py holds
them to this shape)."""

import enum
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from app.models import Frequency, LogStatus
from app.schemas.common import ApiModel, UtcDatetime
from app.services.data_import import MAX_FILE_BYTES
from app.services.transfer.json_format import FORMAT, VERSION


class ExportFormat(enum.StrEnum):
    JSON = "json"
    LOOP = "loop"


_UPLOAD_SCHEMA: dict[str, Any] = {
    "type": "string",
    "format": "binary",
    "contentMediaType": "application/octet-stream",
    "description": (
        f"At most {MAX_FILE_BYTES // 1024 // 1024} MiB ({MAX_FILE_BYTES} bytes): a JSON "
        "export of this app, a Loop Habit Tracker CSV export (.zip) or a Loop Habit "
        "Tracker backup (.db), told apart by content. A file none of them is answers "
        "415, a broken or unsafe one 422, a larger one 413."
    ),
}


class ImportForm(BaseModel):
    """The multipart body of POST /import: one field, `file`, nothing else."""

    model_config = ConfigDict(extra="forbid")

    # A file part (with a file name), or the same bytes as a plain text field
    # (`curl -F 'file=<habits.json'`).
    file: Annotated[UploadFile | str, WithJsonSchema(_UPLOAD_SCHEMA)]


class ImportSummaryOut(ApiModel):
    habits_created: int
    habits_matched: int
    logs_created: int
    logs_existing: int
    warnings: list[str]


class _Exported(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedUser(_Exported):
    email: str
    name: str
    timezone: str
    day_start_hour: int = Field(alias="dayStartHour")


class ExportedLog(_Exported):
    date: date
    status: LogStatus
    note: str | None


class ExportedHabit(_Exported):
    title: str
    frequency: Frequency
    target: int
    archived: bool
    position: int
    created_at: UtcDatetime | None = Field(alias="createdAt")
    logs: list[ExportedLog] = Field(description="By ascending date.")


class ExportedBadge(_Exported):
    code: str
    achieved_at: UtcDatetime = Field(alias="achievedAt")


class ExportDocument(_Exported):
    """GET /export's JSON: everything of the user's, archived habits included."""

    format: Literal["fitness-habit-tracker"] = FORMAT
    version: Literal[1] = VERSION
    exported_at: UtcDatetime = Field(alias="exportedAt")
    user: ExportedUser
    habits: list[ExportedHabit] = Field(description="In the user's order (`position`).")
    badges: list[ExportedBadge]
