"""Google sign-in scaffold (Authlib); disabled unless a client id and secret are set."""

import secrets
from datetime import UTC, datetime, timedelta

from authlib.integrations.httpx_client import OAuth2Client
from jose import JWTError, jwt
from sqlalchemy.orm import Session

from app.core.config import Settings
from app.errors import FeatureDisabled, InvalidInput
from app.models import User
from app.services import users

AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth"
TOKEN_URL = "https://oauth2.googleapis.com/token"  # noqa: S105 - an endpoint, not a secret
USERINFO_URL = "https://openidconnect.googleapis.com/v1/userinfo"


def _client(settings: Settings) -> OAuth2Client:
    if not settings.google_enabled:
        raise FeatureDisabled("Google sign-in is not configured on this server.")
    return OAuth2Client(
        client_id=settings.google_client_id,
        client_secret=settings.google_client_secret,
        redirect_uri=settings.google_redirect_uri,
        scope="openid email profile",
    )


def authorization_url(settings: Settings) -> str:
    """Where to send the browser; `state` is a short-lived signed token (no server state)."""
    client = _client(settings)
    state = jwt.encode(
        {"nonce": secrets.token_urlsafe(16), "exp": datetime.now(UTC) + timedelta(minutes=10)},
        settings.jwt_secret,
        algorithm="HS256",
    )
    url, _ = client.create_authorization_url(AUTHORIZE_URL, state=state)
    return url


def sign_in(*, session: Session, settings: Settings, code: str, state: str) -> User:
    """Exchange the code for Google's profile and find or create the user."""
    client = _client(settings)
    try:
        jwt.decode(state, settings.jwt_secret, algorithms=["HS256"])
    except JWTError as error:
        raise InvalidInput("state", "is missing, expired or forged") from error
    if not code:
        raise InvalidInput("code", "is missing")
    client.fetch_token(TOKEN_URL, code=code)
    profile = client.get(USERINFO_URL).json()
    if not profile.get("email_verified"):
        raise InvalidInput("code", "the Google account's email is not verified")
    email = str(profile["email"]).lower()
    user = users.get_by_email(session=session, email=email)
    if user is None:
        user = User(email=email, password_hash=None, name=profile.get("name") or email)
        session.add(user)
        session.commit()
    return user
