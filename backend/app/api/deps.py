"""Dependencies shared by the routers, as type aliases."""

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.core.config import Settings, get_settings
from app.core.security import InvalidToken, decode_access_token
from app.db.session import get_session
from app.errors import Unauthorized
from app.models import Habit
from app.services import habits, users
from app.services.users import Account

SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
_bearer = HTTPBearer(auto_error=False, description="The `accessToken` from /auth/login.")


def get_current_user(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Account:
    """The user named by a valid bearer token, reloaded from the database."""
    if credentials is None:
        raise Unauthorized()
    # The app's own settings rather than a SettingsDep: every sync dependency
    # costs a trip through the thread pool, and this one runs on every request.
    settings: Settings = request.app.state.settings
    try:
        user_id = decode_access_token(credentials.credentials, secret=settings.jwt_secret)
    except InvalidToken as error:
        raise Unauthorized() from error
    user = users.find_account(session=session, user_id=user_id)
    if user is None:
        raise Unauthorized()
    return user


CurrentUser = Annotated[Account, Depends(get_current_user)]


def get_owned_habit(habit_id: str, user: CurrentUser, session: SessionDep) -> Habit:
    return habits.get_owned(session=session, user_id=user.id, habit_id=habit_id)


OwnedHabit = Annotated[Habit, Depends(get_owned_habit)]


async def limit_login(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.login(request, response)


async def limit_register(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.register(request, response)


async def limit_log_writes(request: Request, response: Response, user: CurrentUser) -> None:
    """Log writes are limited per user, so the user is known first."""
    request.state.user_id = user.id
    await request.app.state.rate_limits.log_writes(request, response)
