from fastapi import APIRouter, Response

from app.api.deps import CurrentUser, DatabaseDep, OwnedHabit, SessionDep, UserId
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.habit import HabitOut, HabitWrite
from app.services import habits
from app.services.users import today_for

router = APIRouter(prefix="/habits", tags=["habits"], responses=problems(401))


@router.get("", response_model=list[HabitOut])
def list_habits(user_id: UserId, database: DatabaseDep) -> Response:
    """The user's habits with their streaks, oldest first."""
    with database.autocommit() as connection:
        summaries = habits.list_summaries(connection=connection, user_id=user_id)
    return json_response(list[HabitOut], summaries)


@router.post("", status_code=201, response_model=HabitOut, responses=problems(422))
def create_habit(body: HabitWrite, user: CurrentUser, session: SessionDep) -> Response:
    habit = habits.create(
        session=session,
        user_id=user.id,
        title=body.title,
        frequency=body.frequency,
        target=body.target,
    )
    return json_response(
        HabitOut,
        habits.summary(session=session, habit=habit, today=today_for(user)),
        status_code=201,
        headers={"Location": f"/habits/{habit.id}"},
    )


@router.get("/{habit_id}", response_model=HabitOut, responses=problems(404))
def read_habit(habit: OwnedHabit, user: CurrentUser, session: SessionDep) -> Response:
    return json_response(
        HabitOut, habits.summary(session=session, habit=habit, today=today_for(user))
    )


@router.put("/{habit_id}", response_model=HabitOut, responses=problems(404, 422))
def update_habit(
    body: HabitWrite, habit: OwnedHabit, user: CurrentUser, session: SessionDep
) -> Response:
    habit = habits.update(
        session=session,
        habit=habit,
        title=body.title,
        frequency=body.frequency,
        target=body.target,
    )
    return json_response(
        HabitOut, habits.summary(session=session, habit=habit, today=today_for(user))
    )


@router.delete("/{habit_id}", status_code=204, responses=problems(404))
def delete_habit(habit: OwnedHabit, session: SessionDep) -> Response:
    """Delete the habit and all its logs."""
    habits.delete(session=session, habit=habit)
    return Response(status_code=204)
