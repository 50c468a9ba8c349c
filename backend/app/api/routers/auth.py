from fastapi import APIRouter, Depends, Response

from app.api.deps import (
    CurrentUser,
    DatabaseDep,
    InteractiveUser,
    SessionDep,
    SettingsDep,
    limit_account_deletion,
    limit_login,
    limit_password_change,
    limit_register,
)
from app.api.responses import json_response
from app.core.config import Settings
from app.core.security import create_access_token
from app.models import User
from app.problem_details import problems
from app.schemas.auth import (
    AuthorizationUrl,
    ChangePasswordRequest,
    DeleteAccountRequest,
    LoginRequest,
    RegisterRequest,
    TokenResponse,
    UpdateMeRequest,
    UserEnvelope,
)
from app.schemas.fields import text
from app.services import google, users
from app.services.users import Account

router = APIRouter(prefix="/auth", tags=["auth"])


def _signed_in(user: User | Account, settings: Settings, *, status_code: int = 200) -> Response:
    token = create_access_token(
        user.id,
        secret=settings.jwt_secret,
        expires_minutes=settings.access_token_expire_minutes,
        version=user.token_version,
    )
    return json_response(
        TokenResponse, {"access_token": token, "user": user}, status_code=status_code
    )


@router.post(
    "/register",
    status_code=201,
    response_model=TokenResponse,
    dependencies=[Depends(limit_register)],
    responses=problems(409, 422, 429),
)
def register(body: RegisterRequest, session: SessionDep, settings: SettingsDep) -> Response:
    """Create an account and sign in."""
    user = users.register(
        session=session,
        email=body.email,
        password=body.password,
        name=body.name,
        timezone=body.timezone,
    )
    return _signed_in(user, settings, status_code=201)


@router.post(
    "/login",
    response_model=TokenResponse,
    dependencies=[Depends(limit_login)],
    responses=problems(401, 422, 429),
)
def login(body: LoginRequest, session: SessionDep, settings: SettingsDep) -> Response:
    """Exchange email and password for an access token."""
    user = users.authenticate(session=session, email=body.email, password=body.password)
    return _signed_in(user, settings)


@router.get("/me", response_model=UserEnvelope, responses=problems(401))
def read_me(user: CurrentUser) -> Response:
    return json_response(UserEnvelope, {"user": user.account})


@router.post("/refresh", response_model=TokenResponse, responses=problems(401, 403))
def refresh(user: InteractiveUser, settings: SettingsDep) -> Response:
    """A new access token with a full lifetime, for a JWT that is still valid."""
    return _signed_in(user.account, settings)


@router.post(
    "/password",
    status_code=204,
    dependencies=[Depends(limit_password_change)],
    responses=problems(401, 403, 422, 429),
)
def change_password(
    body: ChangePasswordRequest, user: InteractiveUser, database: DatabaseDep
) -> Response:
    """Change the password; every access token issued before answers 401 from
    then on, this request's too (sign in again with the new password)."""
    users.change_password(
        connection=database.connection,
        user_id=user.id,
        current_password=body.current_password,
        new_password=body.new_password,
    )
    return Response(status_code=204)


@router.delete(
    "/me",
    status_code=204,
    dependencies=[Depends(limit_account_deletion)],
    responses=problems(401, 403, 422, 429),
)
def delete_me(body: DeleteAccountRequest, user: InteractiveUser, database: DatabaseDep) -> Response:
    """Delete the account and everything in it, given its password."""
    users.delete_account(connection=database.connection, user_id=user.id, password=body.password)
    return Response(status_code=204)


@router.patch("/me", response_model=UserEnvelope, responses=problems(401, 422))
def update_me(body: UpdateMeRequest, user: CurrentUser, session: SessionDep) -> Response:
    """Change name, time zone or avatar; fields left out stay as they are."""
    changes = body.model_dump(exclude_unset=True, mode="json")
    updated = users.update_profile(session=session, user_id=user.id, changes=changes)
    return json_response(UserEnvelope, {"user": updated})


@router.get("/google/login", response_model=AuthorizationUrl, responses=problems(501))
def google_login(settings: SettingsDep) -> Response:
    """The Google consent URL, when Google sign-in is configured."""
    return json_response(AuthorizationUrl, {"url": google.authorization_url(settings)})


@router.get("/google/callback", response_model=TokenResponse, responses=problems(422, 501))
def google_callback(
    session: SessionDep,
    settings: SettingsDep,
    code: text(max_length=2048) = "",
    state: text(max_length=2048) = "",
) -> Response:
    """Google redirects here; answers 501 before looking at the query when disabled."""
    user = google.sign_in(session=session, settings=settings, code=code, state=state)
    return _signed_in(user, settings)
