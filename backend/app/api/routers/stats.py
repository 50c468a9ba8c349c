from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.api.deps import CurrentUser, DatabaseDep
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.stats import OverviewOut
from app.services import analytics

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get("/overview", response_model=OverviewOut, responses=problems(401, 422))
def overview(
    user: CurrentUser,
    database: DatabaseDep,
    range: Annotated[analytics.Window, Query()] = analytics.Window.WEEK,
) -> Response:
    """Per habit, 1 for each logged day of the window ending today, else 0."""
    result = user.checked_by(
        lambda: analytics.overview_for_user(
            connection=database.connection, user_id=user.id, version=user.version, window=range
        )
    )
    return json_response(OverviewOut, result)
