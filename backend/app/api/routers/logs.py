from typing import Annotated

from fastapi import APIRouter, Body, Query, Response

from app.api import links
from app.api.deps import CurrentUser, DatabaseDep, LogWriter
from app.api.paths import HABIT_ID
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.fields import AnyIsoDate, IsoDate, ResourceId
from app.schemas.habit_log import (
    LOG_WINDOW_PARAMETER,
    HabitLogCreate,
    HabitLogOut,
    HabitLogPage,
    HabitLogPatch,
    ScoresOut,
)
from app.services import habit_history, habit_logs, habits
from app.services.analytics import Window, log_span
from app.services.users import today_for

router = APIRouter(prefix=f"/habits/{HABIT_ID}", tags=["logs"], responses=problems(401, 404))


@router.post(
    "/log",
    status_code=201,
    response_model=HabitLogOut,
    responses=problems(409, 422, 429) | links.CREATED_LOG,
)
def log_day(
    habit_id: ResourceId,
    user: LogWriter,
    database: DatabaseDep,
    body: Annotated[HabitLogCreate | None, Body()] = None,
) -> Response:
    """Log a day as done (default) or skipped; without a date, the user's today.

    A done day may not be after the user's today (in their time zone, with
    their day start hour), a skipped day not more than 90 days after it: 422.
    A day that has a log already: 409."""
    body = body or HabitLogCreate()
    log = user.checked_by(
        lambda: habit_logs.add(
            database=database,
            user_id=user.id,
            version=user.version,
            habit_id=habit_id,
            day=body.date,
            status=body.status,
            note=body.note,
        )
    )
    return json_response(HabitLogOut, log, status_code=201)


@router.patch(
    "/logs/{day}",
    response_model=HabitLogOut,
    responses=problems(422, 429),
)
def change_day(
    habit_id: ResourceId,
    day: AnyIsoDate,
    body: HabitLogPatch,
    user: LogWriter,
    database: DatabaseDep,
) -> Response:
    """Change a logged day's status or note (`note: null` clears it).

    `done` for a day after the user's today, or `skipped` for one more than
    90 days after it, is 422 (a rule of the clock, which the schemas cannot
    state); a day without a log is 404."""
    log = user.checked_by(
        lambda: habit_logs.edit(
            database=database,
            user_id=user.id,
            version=user.version,
            habit_id=habit_id,
            day=day,
            changes=body.model_dump(exclude_unset=True),
        )
    )
    return json_response(HabitLogOut, log)


@router.delete(
    "/logs/{day}",
    status_code=204,
    responses=problems(422, 429),
)
def undo_day(
    habit_id: ResourceId,
    day: AnyIsoDate,
    user: LogWriter,
    database: DatabaseDep,
) -> Response:
    user.checked_by(
        lambda: habit_logs.remove(
            database=database, user_id=user.id, version=user.version, habit_id=habit_id, day=day
        )
    )
    return Response(status_code=204)


@router.get(
    "/logs",
    response_model=HabitLogPage,
    responses=problems(422),
    openapi_extra={"parameters": [LOG_WINDOW_PARAMETER]},
)
def list_logs(
    habit_id: ResourceId,
    user: CurrentUser,
    database: DatabaseDep,
    # In the document as one parameter, LOG_WINDOW_PARAMETER, that states which go together.
    range: Annotated[Window, Query(include_in_schema=False)] = None,  # type: ignore[assignment]
    end: Annotated[IsoDate, Query(include_in_schema=False)] = None,  # type: ignore[assignment]
    first: Annotated[IsoDate, Query(alias="from", include_in_schema=False)] = None,  # type: ignore[assignment]
    last: Annotated[IsoDate, Query(alias="to", include_in_schema=False)] = None,  # type: ignore[assignment]
) -> Response:
    """The logs of the 7 (week) or 30 (month) days ending on `end`, or of
    `from`..`to` (both included, at most 400 days), ascending. `from` after
    `to`, or more than 400 days, is 422 (rules of two values at once, which
    the parameter's schema cannot state)."""
    connection = database.connection
    key = habits.owned_id(connection=connection, user_id=user.id, habit_id=habit_id)
    span = log_span(range=range, end=end, first=first, last=last, today=today_for(user))
    window = habit_history.in_span(connection=connection, habit_id=key, span=span)
    return json_response(HabitLogPage, window)


@router.get("/scores", response_model=ScoresOut, responses=problems(422))
def list_scores(
    habit_id: ResourceId,
    user: CurrentUser,
    database: DatabaseDep,
    first: Annotated[
        IsoDate, Query(alias="from", description="Defaults to 89 days before `to`.")
    ] = None,  # type: ignore[assignment]
    last: Annotated[IsoDate, Query(alias="to", description="Defaults to today.")] = None,  # type: ignore[assignment]
) -> Response:
    """The habit's strength (0-1, 6 decimals) on each day from `from` to `to`
    (both included, at most 400 days), ascending. `from` after `to` (today
    when left out), or more than 400 days, is 422 (rules of two values at
    once and of the clock, which the parameters' schemas cannot state)."""
    first, last = habit_history.score_span(first=first, last=last, today=today_for(user))
    items = habit_history.daily_scores(
        connection=database.connection, user_id=user.id, habit_id=habit_id, first=first, last=last
    )
    return json_response(ScoresOut, {"items": items})
