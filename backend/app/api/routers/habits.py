from typing import Annotated

from fastapi import APIRouter, Body, Response

from app.api import links
from app.api.deps import CurrentUser, DatabaseDep, SessionDep
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.fields import ResourceId
from app.schemas.habit import HabitOut, HabitPatch, HabitWrite
from app.services import habits

router = APIRouter(prefix="/habits", tags=["habits"], responses=problems(401))


@router.get("", response_model=list[HabitOut])
def list_habits(user: CurrentUser, database: DatabaseDep) -> Response:
    """The user's habits with their streaks, oldest first."""
    connection = database.connection
    summaries = habits.list_summaries(connection=connection, user_id=user.id)
    return json_response(list[HabitOut], summaries)


@router.post(
    "", status_code=201, response_model=HabitOut, responses=problems(422) | links.CREATED_HABIT
)
def create_habit(
    body: Annotated[HabitWrite, Body()], user: CurrentUser, session: SessionDep
) -> Response:
    habit = habits.create(
        session=session,
        user_id=user.id,
        title=body.title,
        frequency=body.frequency,
        target=body.target,
    )
    return json_response(
        HabitOut, habit, status_code=201, headers={"Location": f"/habits/{habit.id}"}
    )


@router.get("/{habit_id}", response_model=HabitOut, responses=problems(404))
def read_habit(habit_id: ResourceId, user: CurrentUser, session: SessionDep) -> Response:
    key = habits.habit_key(habit_id)
    if key is None:
        raise habits.not_found(habit_id)
    return json_response(HabitOut, habits.summary(session=session, user_id=user.id, habit_id=key))


@router.put("/{habit_id}", response_model=HabitOut, responses=problems(404, 422))
def replace_habit(
    habit_id: ResourceId,
    body: Annotated[HabitWrite, Body()],
    user: CurrentUser,
    session: SessionDep,
) -> Response:
    """Replace the habit's title, frequency and target."""
    changes = {"title": body.title, "frequency": body.frequency, "target": body.target}
    habit = habits.update(session=session, user_id=user.id, habit_id=habit_id, changes=changes)
    return json_response(HabitOut, habit)


@router.patch("/{habit_id}", response_model=HabitOut, responses=problems(404, 422))
def update_habit(
    habit_id: ResourceId, body: HabitPatch, user: CurrentUser, session: SessionDep
) -> Response:
    """Change some of the habit's fields; switching to daily sets the target to 1.

    A target other than 1 needs a weekly habit: `frequency: weekly` in the same
    request, or a habit that is weekly already (422 otherwise)."""
    changes = body.model_dump(exclude_unset=True)
    habit = habits.update(session=session, user_id=user.id, habit_id=habit_id, changes=changes)
    return json_response(HabitOut, habit)


@router.delete("/{habit_id}", status_code=204, responses=problems(404))
def delete_habit(habit_id: ResourceId, user: CurrentUser, session: SessionDep) -> Response:
    """Delete the habit and all its logs."""
    habits.delete(session=session, user_id=user.id, habit_id=habit_id)
    return Response(status_code=204)
