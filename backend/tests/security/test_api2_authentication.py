"""API2:2023 Broken Authentication.

Forged, expired and incomplete tokens, account enumeration through login, and
bcrypt's 72-byte truncation.
"""

import base64
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from httpx import AsyncClient
from jose import jwt
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.core import security
from app.core.config import get_settings
from app.models import User
from tests.utils.api import PASSWORD, assert_problem, register, unique_email

SECRET = get_settings().jwt_secret


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(user_id: str, **changes: object) -> dict:
    now = datetime.now(UTC)
    claims = {
        "sub": user_id,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=10)).timestamp()),
    }
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


def _tampered(user_id: str, other_user_id: str) -> str:
    """A valid token of `user_id` whose payload now names another (existing) user."""
    header, _payload, signature = jwt.encode(_claims(user_id), SECRET).split(".")
    return f"{header}.{_b64(_claims(other_user_id))}.{signature}"


def _expired(user_id: str) -> str:
    past = datetime.now(UTC) - timedelta(hours=1)
    return jwt.encode(
        _claims(user_id, iat=int(past.timestamp()), exp=int(past.timestamp()) + 60), SECRET
    )


# Each builds an Authorization header value from (victim id, another existing user id).
FORGERIES: dict[str, Callable[[str, str], str | None]] = {
    "no token": lambda _user, _other: None,
    "not a JWT": lambda _user, _other: "Bearer not.a.jwt",
    "other scheme": lambda user, _other: f"Basic {jwt.encode(_claims(user), SECRET)}",
    "alg none": lambda user, _other: (
        f"Bearer {_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(user))}."
    ),
    "HS512 with the right key": lambda user, _other: (
        f"Bearer {jwt.encode(_claims(user), SECRET, algorithm='HS512')}"
    ),
    "wrong key": lambda user, _other: (
        f"Bearer {jwt.encode(_claims(user), 'another-secret-that-is-long-enough-42')}"
    ),
    "tampered payload": lambda user, other: f"Bearer {_tampered(user, other)}",
    "expired": lambda user, _other: f"Bearer {_expired(user)}",
    "no exp": lambda user, _other: f"Bearer {jwt.encode(_claims(user, exp=None), SECRET)}",
    "no sub": lambda user, _other: f"Bearer {jwt.encode(_claims(user, sub=None), SECRET)}",
    "sub not a user id": lambda _user, _other: f"Bearer {jwt.encode(_claims('admin'), SECRET)}",
    # A numeric string is not a NumericDate (RFC 7519); it answered 500.
    "exp a numeric string": lambda user, _other: (
        f"Bearer {jwt.encode({**_claims(user), 'exp': str(_claims(user)['exp'])}, SECRET)}"
    ),
    "iat a numeric string": lambda user, _other: (
        f"Bearer {jwt.encode({**_claims(user), 'iat': str(_claims(user)['iat'])}, SECRET)}"
    ),
    "exp a boolean": lambda user, _other: (
        f"Bearer {jwt.encode({**_claims(user), 'exp': True}, SECRET)}"
    ),
    "sub a number": lambda _user, _other: f"Bearer {jwt.encode(_claims(12345), SECRET)}",
    # The token version (app.core.security): only a whole number the account has reached.
    "ver a string": lambda user, _other: f"Bearer {jwt.encode(_claims(user, ver='0'), SECRET)}",
    "ver a boolean": lambda user, _other: f"Bearer {jwt.encode(_claims(user, ver=False), SECRET)}",
    "ver negative": lambda user, _other: f"Bearer {jwt.encode(_claims(user, ver=-1), SECRET)}",
    "ver huge": lambda user, _other: f"Bearer {jwt.encode(_claims(user, ver=2**63), SECRET)}",
    "ver not reached": lambda user, _other: f"Bearer {jwt.encode(_claims(user, ver=1), SECRET)}",
    "personal token never issued": lambda _user, _other: "Bearer fht_" + "A" * 43,
    "personal token prefix alone": lambda _user, _other: "Bearer fht_",
    "sub of no user": lambda _user, _other: (
        f"Bearer {jwt.encode(_claims(str(uuid.uuid4())), SECRET)}"
    ),
}


async def _user_id(client: AsyncClient, headers: dict[str, str]) -> str:
    return (await client.get("/auth/me", headers=headers)).json()["user"]["id"]


async def test_forged_and_incomplete_tokens_get_one_identical_401(client: AsyncClient) -> None:
    user = await _user_id(client, await register(client))
    other = await _user_id(client, await register(client))
    bodies = {}
    for name, forge in FORGERIES.items():
        value = forge(user, other)
        headers = {"Authorization": value} if value else {}
        for path in ("/auth/me", "/habits"):
            response = await client.get(path, headers=headers)
            assert_problem(response, 401)
            assert response.headers["www-authenticate"] == "Bearer", name
            bodies[(name, path)] = response.json()
    for path in ("/auth/me", "/habits"):
        assert len({json.dumps(body) for (_, where), body in bodies.items() if where == path}) == 1


async def test_the_token_of_a_deleted_user_is_401(client: AsyncClient, session: Session) -> None:
    headers = await register(client)
    user_id = uuid.UUID(await _user_id(client, headers))
    session.execute(delete(User).where(User.id == user_id))
    session.commit()
    response = await client.get("/auth/me", headers=headers)
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    anonymous = await client.get("/auth/me")
    assert response.json() == anonymous.json()


async def test_a_genuine_token_still_works(client: AsyncClient) -> None:
    # The control for the forgeries above: the same claims, correctly signed.
    user = await _user_id(client, await register(client))
    token = jwt.encode(_claims(user), SECRET, algorithm="HS256")
    response = await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


@pytest.fixture
def hash_verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hashes passlib is asked to verify against, in order.

    Instrumentation, not a mock: the wrapper records the call and then runs the
    real bcrypt verification, so timing and results are unchanged.
    """
    calls: list[str] = []
    real_verify = security._passwords.verify

    def counting_verify(secret: str, hash: str, **kwargs: object) -> bool:
        calls.append(hash)
        return real_verify(secret, hash, **kwargs)

    monkeypatch.setattr(security._passwords, "verify", counting_verify)
    return calls


async def test_unknown_email_costs_one_hash_verification_like_a_wrong_password(
    client: AsyncClient, session: Session, hash_verifications: list[str]
) -> None:
    email = unique_email()
    await register(client, email=email)
    stored_hash = session.scalar(select(User.password_hash).where(User.email == email))

    wrong_password = await client.post(
        "/auth/login", json={"email": email, "password": "not the password"}
    )
    assert hash_verifications == [stored_hash]
    hash_verifications.clear()
    unknown_email = await client.post(
        "/auth/login", json={"email": unique_email(), "password": PASSWORD}
    )
    assert hash_verifications == [security._DUMMY_HASH]

    assert assert_problem(wrong_password, 401) == assert_problem(unknown_email, 401)
    assert wrong_password.headers.keys() == unknown_email.headers.keys()
    # The dummy hash costs what a real one costs: same scheme, same parameters.
    parameters = "$".join(stored_hash.split("$")[:3])  # "$bcrypt-sha256$v=2,t=2b,r=12"
    assert security._DUMMY_HASH.startswith(parameters + "$")


@pytest.mark.parametrize(
    "prefix",
    ["a" * 72, "é" * 36],  # 72 bytes of ASCII, and 72 bytes of two-byte UTF-8
    ids=["ascii", "utf8"],
)
async def test_passwords_sharing_their_first_72_bytes_do_not_verify_for_each_other(
    client: AsyncClient, prefix: str
) -> None:
    email = unique_email()
    registered = await client.post(
        "/auth/register", json={"email": email, "password": prefix + "X", "name": "Long"}
    )
    assert registered.status_code == 201, registered.text
    response = await client.post("/auth/login", json={"email": email, "password": prefix + "Y"})
    assert_problem(response, 401)
    response = await client.post("/auth/login", json={"email": email, "password": prefix})
    assert_problem(response, 401)
    response = await client.post("/auth/login", json={"email": email, "password": prefix + "X"})
    assert response.status_code == 200


async def test_a_token_accepted_while_valid_is_refused_once_it_expires(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Verified tokens are cached; the cache must not outlive the token."""
    headers = await register(client)
    token = headers["Authorization"].removeprefix("Bearer ")
    expires = jwt.get_unverified_claims(token)["exp"]
    assert (await client.get("/habits", headers=headers)).status_code == 200
    assert (await client.get("/habits", headers=headers)).status_code == 200  # from the cache

    # The clock as app.core.security reads it, one second after the expiry.
    monkeypatch.setattr(security, "time", SimpleNamespace(time=lambda: expires + 1))
    response = await client.get("/habits", headers=headers)
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
