from fastapi import APIRouter, Response

from app.api.deps import CurrentUser, DatabaseDep
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.badge import BadgeOut
from app.services import badges

router = APIRouter(prefix="/badges", tags=["badges"])


@router.get("", response_model=list[BadgeOut], responses=problems(401))
def list_badges(user: CurrentUser, database: DatabaseDep) -> Response:
    """The badges the user has earned, oldest first."""
    return json_response(
        list[BadgeOut], badges.earned(connection=database.connection, user_id=user.id)
    )
