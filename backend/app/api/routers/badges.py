from fastapi import APIRouter

from app.api.deps import CurrentUser, SessionDep
from app.problem_details import problems
from app.schemas.badge import BadgeOut
from app.services import badges

router = APIRouter(prefix="/badges", tags=["badges"])


@router.get("", responses=problems(401))
def list_badges(user: CurrentUser, session: SessionDep) -> list[BadgeOut]:
    """The badges the user has earned, oldest first."""
    return [
        BadgeOut.model_validate(badge) for badge in badges.earned(session=session, user_id=user.id)
    ]
