"""Dependencies shared by the routers, as type aliases.

Every signed-in route takes `CurrentUser`: the token is checked on the event
loop (CPU only), then the account is read on the request's connection, so a
route cannot forget that a token may name an account deleted since
(tests/api/test_every_route.py walks every route to prove it).
"""

import uuid
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.core.config import Settings, get_settings
from app.core.security import InvalidToken, decode_access_token
from app.db.session import Database, get_database
from app.errors import Unauthorized
from app.services import users
from app.services.users import Account

DatabaseDep = Annotated[Database, Depends(get_database)]


def get_session(database: DatabaseDep) -> Session:
    """The request's unit of work: an ORM session in a transaction (see `Database`)."""
    return database.session


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
_bearer = HTTPBearer(auto_error=False, description="The `accessToken` from /auth/login.")


async def _token_user_id(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> uuid.UUID:
    """The user of a valid bearer token: signature and claims only (CPU, no I/O)."""
    if credentials is None:
        raise Unauthorized()
    # The app's own settings: a SettingsDep would be a sync dependency (a trip).
    settings: Settings = request.app.state.settings
    try:
        return decode_access_token(credentials.credentials, secret=settings.jwt_secret)
    except InvalidToken as error:
        raise Unauthorized() from error


def get_current_user(
    user_id: Annotated[uuid.UUID, Depends(_token_user_id)], database: DatabaseDep
) -> Account:
    """The account of a valid bearer token, read from the database (401 when it is gone)."""
    return users.signed_in(connection=database.connection, user_id=user_id)


CurrentUser = Annotated[Account, Depends(get_current_user)]


async def limit_login(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.login(request, response)


async def limit_register(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.register(request, response)


async def limit_log_writes(
    request: Request, response: Response, user_id: Annotated[uuid.UUID, Depends(_token_user_id)]
) -> None:
    """Log writes are limited per user, so the token is checked first."""
    request.state.user_id = user_id
    await request.app.state.rate_limits.log_writes(request, response)
