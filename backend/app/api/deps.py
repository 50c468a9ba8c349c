"""Dependencies shared by the routers, as type aliases.

Every signed-in route takes `CurrentUser` (or `InteractiveUser`): the token
is checked on the event loop (CPU only), then the credential against the
account on the request's connection, before anything else runs on it (the
account read first, or the route's own first statement with
`SignedIn.checked_by`), so a route cannot forget that a token may name an
account deleted since, or be revoked (tests/api/test_every_route.py walks
every route to prove it).
"""

import uuid
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.core.config import Settings, get_settings
from app.core.security import InvalidToken, PersonalToken, SessionToken, read_bearer
from app.db.session import Database, get_database
from app.errors import Forbidden, Unauthorized
from app.services import personal_tokens, users
from app.services.users import Account

DatabaseDep = Annotated[Database, Depends(get_database)]
T = TypeVar("T")


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


class SignedIn:
    """The request's signed-in user: `id` and `version` at once, every other
    attribute of the `Account` once it is read.

    The credential is checked before anything else runs on the request's
    connection (`Database.on_first_use`), in the route's own thread-pool
    trip: the account is read, and a credential whose account is gone, whose
    password changed since the JWT was issued, or a revoked or expired
    personal access token refused (401). A route cannot reach the database
    unchecked. The busiest routes (`GET /habits`, `GET /stats/overview`, a
    dated log write) check it in their own first statement instead, with
    `checked_by` (one round trip less, docs/PERFORMANCE.md). A request
    refused before its route runs (an invalid body) is checked by
    `app.problem_details` first, so a dead credential is 401 there too.
    """

    def __init__(
        self,
        user_id: uuid.UUID,
        version: int,
        database: Database,
        read: Callable[[Connection], Account] | None = None,
    ) -> None:
        self.id = user_id
        # The account's token version this credential is valid for
        # (`users.ACCOUNT_MATCHES`' `version` parameter).
        self.version = version
        self._database = database
        self._read = read
        self._account: Account | None = None
        self._checked = read is None
        self._claimed = False
        if read is not None:
            database.on_first_use(self._read_on)

    @classmethod
    def of(cls, account: Account, database: Database) -> "SignedIn":
        user = cls(account.id, account.token_version, database)
        user._account = account
        return user

    def _read_on(self, connection: Connection) -> None:
        if not self._checked and not self._claimed and self._read is not None:
            self._account = self._read(connection)
            self._checked = True

    def checked_by(self, work: Callable[[], T]) -> T:
        """Run `work`, which checks the credential itself: its first
        statement matches the account with `users.ACCOUNT_MATCHES` (the `id`
        and `version` here) and it raises Unauthorized when nothing matched,
        so the account is not read beforehand. tests/api/test_every_route.py
        holds every route to it."""
        if self._checked:
            return work()
        self._claimed = True
        try:
            result = work()
        finally:
            self._claimed = False
        self._checked = True
        return result

    def read_now(self, engine: Engine) -> None:
        """Check the credential on a connection of its own (when the request's
        work is over or never started); 401 when it is dead."""
        if not self._checked:
            with engine.connect() as connection:
                self._read_on(connection)

    @property
    def account(self) -> Account:
        if self._account is None:
            connection = self._database.connection  # its first use reads the account
            if self._account is None and self._read is not None:  # checked by a statement
                self._account = self._read(connection)
        assert self._account is not None
        return self._account

    def __getattr__(self, name: str) -> object:
        return getattr(self.account, name)


async def get_current_user(
    request: Request, credential: CredentialDep, database: DatabaseDep
) -> SignedIn:
    """The user of a valid bearer token, checked against the database (see `SignedIn`)."""
    if isinstance(credential, PersonalToken):
        # Whose token it is only the database knows: read it now (a trip).
        account = await run_in_threadpool(
            lambda: personal_tokens.signed_in(
                connection=database.connection, digest=credential.digest
            )
        )
        return SignedIn.of(account, database)
    user = SignedIn(
        credential.user_id,
        credential.version,
        database,
        read=lambda connection: users.signed_in(connection=connection, token=credential),
    )
    request.state.signed_in = user
    return user


CurrentUser = Annotated[SignedIn, Depends(get_current_user)]


async def get_interactive_user(credential: CredentialDep, user: CurrentUser) -> SignedIn:
    """The account, signed in with a password (a JWT): a personal access token
    may not manage the account or mint credentials (403)."""
    if isinstance(credential, PersonalToken):
        raise Forbidden("A personal access token cannot be used here; sign in with a password.")
    return user


# For the routes the contract closes to personal access tokens (/auth/refresh,
# /auth/password, DELETE /auth/me, /auth/tokens*); tests/api/test_every_route.py
# checks that exactly those take it.
InteractiveUser = Annotated[SignedIn, Depends(get_interactive_user)]


async def limit_login(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.login(request, response)


async def limit_register(request: Request, response: Response) -> None:
    await request.app.state.rate_limits.register(request, response)


async def get_log_writer(request: Request, response: Response, user: CurrentUser) -> SignedIn:
    """The signed-in user, within the limit of log writes (429 beyond it):
    per account, whichever credential signed it in."""
    request.state.user_id = user.id
    await request.app.state.rate_limits.log_writes(request, response)
    return user


# The user of a log write. The route takes it instead of `CurrentUser` beside
# a limit in `dependencies`: FastAPI solves a dependency's whole tree again
# wherever it appears, even when its value is cached (docs/PERFORMANCE.md).
LogWriter = Annotated[SignedIn, Depends(get_log_writer)]


async def limit_imports(request: Request, response: Response, user: CurrentUser) -> None:
    """Imports are limited per account, whichever credential signed it in."""
    request.state.user_id = user.id
    await request.app.state.rate_limits.imports(request, response)


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
