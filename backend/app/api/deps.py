"""Dependencies shared by the routers, as type aliases.

A signed-in route takes either `CurrentUser` (the account, loaded by a sync
dependency) or `UserId` (the token's user, checked on the event loop); a
route that takes `UserId` must check the account itself, with
`users.signed_in` or in its own statement (no row: 401). FastAPI runs every
sync dependency in a thread-pool trip of its own (~0.2 ms of CPU here), so
the routes the dashboard calls on every visit and every log take `UserId`
and make one trip per request (docs/PERFORMANCE.md); the others take
`CurrentUser`.
"""

import uuid
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.core.config import Settings, get_settings
from app.core.security import InvalidToken, decode_access_token
from app.db.session import Database, get_database, get_session
from app.errors import Unauthorized
from app.services import users
from app.services.users import Account

SessionDep = Annotated[Session, Depends(get_session)]
# For the busiest routes (see app.db.session.Database).
DatabaseDep = Annotated[Database, Depends(get_database)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
_bearer = HTTPBearer(auto_error=False, description="The `accessToken` from /auth/login.")


async def get_user_id(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> uuid.UUID:
    """The user of a valid bearer token: signature and claims only (CPU, no I/O).

    The account may have been deleted since; the route must still check it.
    """
    if credentials is None:
        raise Unauthorized()
    # The app's own settings: a SettingsDep would be a sync dependency (a trip).
    settings: Settings = request.app.state.settings
    try:
        return decode_access_token(credentials.credentials, secret=settings.jwt_secret)
    except InvalidToken as error:
        raise Unauthorized() from error


UserId = Annotated[uuid.UUID, Depends(get_user_id)]


def get_current_user(user_id: UserId, session: SessionDep) -> Account:
    """The account of a valid bearer token, reloaded from the database."""
    return users.signed_in(session=session, user_id=user_id)


CurrentUser = Annotated[Account, Depends(get_current_user)]


async def limit_login(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.login(request, response)


async def limit_register(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.register(request, response)


async def limit_log_writes(request: Request, response: Response, user_id: UserId) -> None:
    """Log writes are limited per user, so the token is checked first."""
    request.state.user_id = user_id
    await request.app.state.rate_limits.log_writes(request, response)
