from fastapi import APIRouter, Depends

from app.api.deps import CurrentUser, SessionDep, SettingsDep, limit_login, limit_register
from app.core.config import Settings
from app.core.security import create_access_token
from app.models import User
from app.problem_details import problems
from app.schemas.auth import (
    AuthorizationUrl,
    LoginRequest,
    RegisterRequest,
    TokenResponse,
    UpdateMeRequest,
    UserEnvelope,
    UserOut,
)
from app.services import google, users

router = APIRouter(prefix="/auth", tags=["auth"])


def _signed_in(user: User, settings: Settings) -> TokenResponse:
    token = create_access_token(
        user.id, secret=settings.jwt_secret, expires_minutes=settings.access_token_expire_minutes
    )
    return TokenResponse(access_token=token, user=UserOut.model_validate(user))


@router.post(
    "/register",
    status_code=201,
    dependencies=[Depends(limit_register)],
    responses=problems(409, 422, 429),
)
def register(body: RegisterRequest, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    """Create an account and sign in."""
    user = users.register(
        session=session,
        email=body.email,
        password=body.password,
        name=body.name,
        timezone=body.timezone,
    )
    return _signed_in(user, settings)


@router.post("/login", dependencies=[Depends(limit_login)], responses=problems(401, 422, 429))
def login(body: LoginRequest, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    """Exchange email and password for an access token."""
    user = users.authenticate(session=session, email=body.email, password=body.password)
    return _signed_in(user, settings)


@router.get("/me", responses=problems(401))
def read_me(user: CurrentUser) -> UserEnvelope:
    return UserEnvelope(user=UserOut.model_validate(user))


@router.patch("/me", responses=problems(401, 422))
def update_me(body: UpdateMeRequest, user: CurrentUser, session: SessionDep) -> UserEnvelope:
    """Change name, time zone or avatar; fields left out stay as they are."""
    changes = body.model_dump(exclude_unset=True, mode="json")
    user = users.update_profile(session=session, user=user, changes=changes)
    return UserEnvelope(user=UserOut.model_validate(user))


@router.get("/google/login", responses=problems(501))
def google_login(settings: SettingsDep) -> AuthorizationUrl:
    """The Google consent URL, when Google sign-in is configured."""
    return AuthorizationUrl(url=google.authorization_url(settings))


@router.get("/google/callback", responses=problems(422, 501))
def google_callback(
    session: SessionDep, settings: SettingsDep, code: str = "", state: str = ""
) -> TokenResponse:
    """Google redirects here; answers 501 before looking at the query when disabled."""
    user = google.sign_in(session=session, settings=settings, code=code, state=state)
    return _signed_in(user, settings)
