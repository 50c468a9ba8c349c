from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Response

from app.api.deps import CurrentUser, LockedHabit, OwnedHabit, SessionDep, limit_log_writes
from app.problem_details import problems
from app.schemas.common import IsoDate
from app.schemas.habit_log import HabitLogCreate, HabitLogOut, HabitLogPage
from app.services import habit_logs
from app.services.analytics import Window
from app.services.users import today_for

router = APIRouter(prefix="/habits/{habit_id}", tags=["logs"], responses=problems(401, 404))


@router.post(
    "/log",
    status_code=201,
    dependencies=[Depends(limit_log_writes)],
    responses=problems(409, 422, 429),
)
def log_day(
    habit: LockedHabit,
    user: CurrentUser,
    session: SessionDep,
    body: Annotated[HabitLogCreate | None, Body()] = None,
) -> HabitLogOut:
    """Mark a day as kept; without a date, the user's today."""
    today = today_for(user)
    day = body.date if body and body.date else today
    log = habit_logs.add(session=session, habit=habit, day=day, today=today)
    return HabitLogOut.model_validate(log)


@router.delete(
    "/logs/{day}",
    status_code=204,
    dependencies=[Depends(limit_log_writes)],
    responses=problems(422, 429),
)
def undo_day(day: IsoDate, habit: LockedHabit, session: SessionDep) -> Response:
    habit_logs.remove(session=session, habit=habit, day=day)
    return Response(status_code=204)


@router.get("/logs", responses=problems(422))
def list_logs(
    habit: OwnedHabit,
    user: CurrentUser,
    session: SessionDep,
    range: Annotated[Window, Query()] = Window.WEEK,
    end: Annotated[IsoDate | None, Query(description="Defaults to today.")] = None,
) -> HabitLogPage:
    """The logs of the 7 (week) or 30 (month) days ending on `end`, ascending."""
    window = habit_logs.in_window(
        session=session, habit_id=habit.id, window=range, end=end or today_for(user)
    )
    return HabitLogPage.model_validate(window)
