from fastapi import APIRouter, Response

from app.api.deps import LogWriter, SessionDep
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.habit_log import BreakCreate, BreakOut
from app.services import breaks
from app.services.users import today_for

router = APIRouter(prefix="/habits", tags=["logs"], responses=problems(401))


@router.post(
    "/skip",
    status_code=201,
    response_model=BreakOut,
    responses=problems(404, 422, 429),
)
def take_break(
    body: BreakCreate,
    # One request, one log write against the limit, however many days.
    user: LogWriter,
    session: SessionDep,
) -> Response:
    """A break: a skipped log on every day from `from` to `to` (both included)
    that has no log yet, for each habit of `habitIds` (default: every habit
    not archived).

    `from` after `to`, more than 90 days, or a `to` more than 90 days after
    the user's today is 422 (rules of two values at once and of the clock,
    which the schema cannot state)."""
    created = breaks.take(
        session=session,
        user_id=user.id,
        today=today_for(user),
        first=body.first,
        last=body.last,
        habit_ids=body.habit_ids,
    )
    return json_response(BreakOut, {"created": created}, status_code=201)
