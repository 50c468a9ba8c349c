from fastapi import APIRouter, Response

from app.api.deps import CurrentUser, OwnedHabit, SessionDep
from app.problem_details import problems
from app.schemas.habit import HabitOut, HabitWrite
from app.services import habits
from app.services.users import today_for

router = APIRouter(prefix="/habits", tags=["habits"], responses=problems(401))


@router.get("")
def list_habits(user: CurrentUser, session: SessionDep) -> list[HabitOut]:
    """The user's habits with their streaks, oldest first."""
    summaries = habits.list_summaries(session=session, user_id=user.id, today=today_for(user))
    return [HabitOut.model_validate(summary) for summary in summaries]


@router.post("", status_code=201, responses=problems(422))
def create_habit(
    body: HabitWrite, user: CurrentUser, session: SessionDep, response: Response
) -> HabitOut:
    habit = habits.create(
        session=session,
        user_id=user.id,
        title=body.title,
        frequency=body.frequency,
        target=body.target,
    )
    response.headers["Location"] = f"/habits/{habit.id}"
    return HabitOut.model_validate(
        habits.summary(session=session, habit=habit, today=today_for(user))
    )


@router.get("/{habit_id}", responses=problems(404))
def read_habit(habit: OwnedHabit, user: CurrentUser, session: SessionDep) -> HabitOut:
    return HabitOut.model_validate(
        habits.summary(session=session, habit=habit, today=today_for(user))
    )


@router.put("/{habit_id}", responses=problems(404, 422))
def update_habit(
    body: HabitWrite, habit: OwnedHabit, user: CurrentUser, session: SessionDep
) -> HabitOut:
    habit = habits.update(
        session=session,
        habit=habit,
        title=body.title,
        frequency=body.frequency,
        target=body.target,
    )
    return HabitOut.model_validate(
        habits.summary(session=session, habit=habit, today=today_for(user))
    )


@router.delete("/{habit_id}", status_code=204, responses=problems(404))
def delete_habit(habit: OwnedHabit, session: SessionDep) -> Response:
    """Delete the habit and all its logs."""
    habits.delete(session=session, habit=habit)
    return Response(status_code=204)
