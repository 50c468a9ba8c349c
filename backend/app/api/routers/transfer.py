from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Response, UploadFile

from app.api.deps import CurrentUser, DatabaseDep, limit_imports
from app.api.responses import json_response
from app.errors import ContentTooLarge
from app.problem_details import problems
from app.schemas.transfer import ExportDocument, ExportFormat, ImportForm, ImportSummaryOut
from app.services import data_export, data_import
from app.services.users import today_for

router = APIRouter(tags=["data"], responses=problems(401))

_MEDIA_TYPES = {ExportFormat.JSON: "application/json", ExportFormat.LOOP: "application/zip"}
_EXPORTED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file, as an attachment: JSON, or with `format=loop` a zip.",
        "headers": {
            "Content-Disposition": {
                "description": 'attachment; filename="habits-YYYY-MM-DD.json" (the user\'s '
                'today), or "habits-YYYY-MM-DD-loop.zip".',
                "required": True,
                "schema": {"type": "string"},
            }
        },
        "content": {
            "application/zip": {
                "schema": {
                    "type": "string",
                    "format": "binary",
                    "contentMediaType": "application/zip",
                    "description": "Loop Habit Tracker 2.3's CSV export layout.",
                }
            }
        },
    },
    **problems(422),
}


@router.get("/export", response_model=ExportDocument, responses=_EXPORTED)
def export(
    user: CurrentUser,
    database: DatabaseDep,
    export_format: Annotated[
        ExportFormat,
        Query(
            alias="format",
            description="`json` (this app's export) or `loop` (a Loop Habit Tracker CSV zip).",
        ),
    ] = ExportFormat.JSON,
) -> Response:
    """Everything of the user's as a file: every habit (archived ones too) with
    its logs, statuses and notes, and (JSON) the profile and the badges."""
    today = today_for(user)
    if export_format is ExportFormat.JSON:
        content = data_export.json_file(connection=database.connection, user=user.account)
    else:
        content = data_export.loop_file(
            connection=database.connection, user_id=user.id, today=today
        )
    name = data_export.filename(today, export_format)
    return Response(
        content,
        media_type=_MEDIA_TYPES[export_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post(
    "/import",
    response_model=ImportSummaryOut,
    dependencies=[Depends(limit_imports)],
    responses=problems(413, 415, 422, 429),
    # A file sent as a plain text field (`curl -F 'file=<habits.json'`) may
    # be as large as a file part: Starlette would stop it at 1 MiB (400); the
    # body's limit stops it first, and `_content` at the file's (413).
    form_limits={"max_part_size": data_import.MAX_BODY_BYTES},
)
def import_file(
    form: Annotated[ImportForm, Form(media_type="multipart/form-data")],
    user: CurrentUser,
    database: DatabaseDep,
) -> Response:
    """Add the habits and days of a file to the user's: this app's JSON export,
    a Loop Habit Tracker CSV zip or backup. Habits are matched by title
    (case-insensitively; the n-th of a title in the file with the user's
    n-th by position), days by date (an existing log is kept): importing a
    file twice creates nothing the second time. All or nothing: a file it
    cannot read (415, 422) writes nothing."""
    summary = data_import.run(
        session=database.session, user_id=user.id, today=today_for(user), data=_content(form.file)
    )
    return json_response(ImportSummaryOut, summary)


def _content(file: UploadFile | str) -> bytes:
    """The uploaded file's bytes (a text field's as UTF-8); 413 over the limit."""
    limit = data_import.MAX_FILE_BYTES
    # One byte more than the limit is enough to tell.
    content = file.encode() if isinstance(file, str) else file.file.read(limit + 1)
    if len(content) > limit:
        raise ContentTooLarge(f"The file is larger than {limit // 1024 // 1024} MiB.")
    return content
