from typing import Annotated

from fastapi import APIRouter, Body, Query, Response

from app.api import links
from app.api.deps import CurrentUser, DatabaseDep, SessionDep
from app.api.paths import HABIT_ID
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.fields import QueryBool, ResourceId
from app.schemas.habit import HabitOrder, HabitOut, HabitPatch, HabitWrite
from app.services import habits
from app.services.users import today_for

router = APIRouter(prefix="/habits", tags=["habits"], responses=problems(401))


@router.get("", response_model=list[HabitOut])
def list_habits(
    user: CurrentUser,
    database: DatabaseDep,
    archived: Annotated[
        QueryBool, Query(description="true lists the archived habits instead.")
    ] = False,
) -> Response:
    """The user's habits with their streaks and strength, in the user's order."""
    summaries = user.checked_by(
        lambda: habits.list_summaries(
            connection=database.connection,
            user_id=user.id,
            version=user.version,
            archived=archived,
        )
    )
    return json_response(list[HabitOut], summaries)


@router.post(
    "", status_code=201, response_model=HabitOut, responses=problems(422) | links.CREATED_HABIT
)
def create_habit(
    body: Annotated[HabitWrite, Body()], user: CurrentUser, session: SessionDep
) -> Response:
    """A new habit, last in the user's order."""
    habit = habits.create(
        session=session,
        user_id=user.id,
        today=today_for(user),
        title=body.title,
        frequency=body.frequency,
        target=body.target,
    )
    return json_response(
        HabitOut, habit, status_code=201, headers={"Location": f"/habits/{habit.id}"}
    )


@router.put("/order", response_model=list[HabitOut], responses=problems(422))
def reorder_habits(body: HabitOrder, user: CurrentUser, session: SessionDep) -> Response:
    """Put the user's habits in the order of `ids`; all of them, in that order.

    `ids` names each of the user's habits, archived ones too, exactly once.
    The document says "no id twice"; which ids are the user's is stored
    state, which no schema can state: an id that is not one of them, or one
    of them left out, is 422."""
    ordered = habits.reorder(session=session, user_id=user.id, today=today_for(user), ids=body.ids)
    return json_response(list[HabitOut], ordered)


@router.get(f"/{HABIT_ID}", response_model=HabitOut, responses=problems(404))
def read_habit(habit_id: ResourceId, user: CurrentUser, database: DatabaseDep) -> Response:
    key = habits.habit_key(habit_id)
    if key is None:
        raise habits.not_found(habit_id)
    habit = habits.summary(
        connection=database.connection, user_id=user.id, habit_id=key, today=today_for(user)
    )
    return json_response(HabitOut, habit)


@router.put(f"/{HABIT_ID}", response_model=HabitOut, responses=problems(404, 422))
def replace_habit(
    habit_id: ResourceId,
    body: Annotated[HabitWrite, Body()],
    user: CurrentUser,
    session: SessionDep,
) -> Response:
    """Replace the habit's title, frequency and target."""
    changes = {"title": body.title, "frequency": body.frequency, "target": body.target}
    habit = habits.update(
        session=session, user_id=user.id, habit_id=habit_id, today=today_for(user), changes=changes
    )
    return json_response(HabitOut, habit)


@router.patch(f"/{HABIT_ID}", response_model=HabitOut, responses=problems(404, 422))
def update_habit(
    habit_id: ResourceId, body: HabitPatch, user: CurrentUser, session: SessionDep
) -> Response:
    """Change some of the habit's fields; switching to daily sets the target to
    1; a new frequency or target re-rates the whole history.

    A target other than 1 needs a weekly habit: `frequency: weekly` in the same
    request, or a habit that is weekly already (422 otherwise)."""
    changes = body.model_dump(exclude_unset=True)
    habit = habits.update(
        session=session, user_id=user.id, habit_id=habit_id, today=today_for(user), changes=changes
    )
    return json_response(HabitOut, habit)


@router.delete(f"/{HABIT_ID}", status_code=204, responses=problems(404))
def delete_habit(habit_id: ResourceId, user: CurrentUser, session: SessionDep) -> Response:
    """Delete the habit and all its logs; the habits after it move up one place."""
    habits.delete(session=session, user_id=user.id, habit_id=habit_id)
    return Response(status_code=204)
