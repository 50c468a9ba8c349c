"""Dependencies shared by the routers, as type aliases.

Every signed-in route takes `CurrentUser` (or `InteractiveUser`): the token
is checked on the event loop (CPU only), then the account is read on the
request's connection, so a route cannot forget that a token may name an
account deleted since, or be revoked (tests/api/test_every_route.py walks
every route to prove it).
"""

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.core.config import Settings, get_settings
from app.core.security import InvalidToken, PersonalToken, SessionToken, read_bearer
from app.db.session import Database, get_database
from app.errors import Forbidden, Unauthorized
from app.services import personal_tokens, users
from app.services.users import Account

DatabaseDep = Annotated[Database, Depends(get_database)]


def get_session(database: DatabaseDep) -> Session:
    """The request's unit of work: an ORM session in a transaction (see `Database`)."""
    return database.session


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
_bearer = HTTPBearer(
    auto_error=False,
    description="The `accessToken` from /auth/login, or a personal access token (`fht_...`).",
)
Credential = SessionToken | PersonalToken


async def _credential(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Credential:
    """What the bearer token claims: a JWT's signature and claims, or a
    personal access token's digest (CPU only, no I/O)."""
    if credentials is None:
        raise Unauthorized()
    # The app's own settings: a SettingsDep would be a sync dependency (a trip).
    settings: Settings = request.app.state.settings
    try:
        return read_bearer(credentials.credentials, secret=settings.jwt_secret)
    except InvalidToken as error:
        raise Unauthorized() from error


CredentialDep = Annotated[Credential, Depends(_credential)]


def get_current_user(credential: CredentialDep, database: DatabaseDep) -> Account:
    """The account of a valid bearer token, read from the database in one
    statement (401 when it is gone, its password changed since the JWT was
    issued, or the personal access token was revoked or has expired)."""
    if isinstance(credential, PersonalToken):
        return personal_tokens.signed_in(connection=database.connection, digest=credential.digest)
    return users.signed_in(connection=database.connection, token=credential)


CurrentUser = Annotated[Account, Depends(get_current_user)]


async def get_interactive_user(credential: CredentialDep, user: CurrentUser) -> Account:
    """The account, signed in with a password (a JWT): a personal access token
    may not manage the account or mint credentials (403)."""
    if isinstance(credential, PersonalToken):
        raise Forbidden("A personal access token cannot be used here; sign in with a password.")
    return user


# For the routes the contract closes to personal access tokens (/auth/refresh,
# /auth/password, DELETE /auth/me, /auth/tokens*); tests/api/test_every_route.py
# checks that exactly those take it.
InteractiveUser = Annotated[Account, Depends(get_interactive_user)]


async def limit_login(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.login(request, response)


async def limit_register(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.register(request, response)


async def limit_log_writes(request: Request, response: Response, user: CurrentUser) -> None:
    """Log writes are limited per account, whichever credential signed it in."""
    request.state.user_id = user.id
    await request.app.state.rate_limits.log_writes(request, response)


async def limit_password_change(
    request: Request, response: Response, user: InteractiveUser
) -> None:
    """Password checks are limited like login, per account: a stolen session
    must not become a way to guess the password."""
    request.state.user_id = user.id
    await request.app.state.rate_limits.password_change(request, response)


async def limit_account_deletion(
    request: Request, response: Response, user: InteractiveUser
) -> None:
    """The same limit as `limit_password_change`, in a bucket of its own."""
    request.state.user_id = user.id
    await request.app.state.rate_limits.account_deletion(request, response)
