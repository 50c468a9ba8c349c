from typing import Annotated

from fastapi import APIRouter, Path, Response

from app.api import links
from app.api.deps import DatabaseDep, InteractiveUser
from app.api.responses import json_response
from app.problem_details import problems
from app.schemas.fields import NO_NUL
from app.schemas.personal_token import NewTokenOut, TokenCreate, TokenOut
from app.services import personal_tokens

# Managed with a password sign-in only: a token cannot mint or list tokens (403).
router = APIRouter(prefix="/auth/tokens", tags=["auth"], responses=problems(401, 403))


@router.post(
    "",
    status_code=201,
    response_model=NewTokenOut,
    responses=problems(422) | links.CREATED_TOKEN,
)
def create_token(body: TokenCreate, user: InteractiveUser, database: DatabaseDep) -> Response:
    """A personal access token for scripts; the token is in this response only."""
    token = personal_tokens.create(
        connection=database.connection,
        user_id=user.id,
        name=body.name,
        expires_in_days=body.expires_in_days,
    )
    return json_response(NewTokenOut, token, status_code=201)


@router.get("", response_model=list[TokenOut])
def list_tokens(user: InteractiveUser, database: DatabaseDep) -> Response:
    """The user's tokens, oldest first, without the tokens themselves."""
    tokens = personal_tokens.listing(connection=database.connection, user_id=user.id)
    return json_response(list[TokenOut], tokens)


@router.delete("/{token_id}", status_code=204, responses=problems(404, 422))
def revoke_token(
    token_id: Annotated[str, Path(pattern=NO_NUL)], user: InteractiveUser, database: DatabaseDep
) -> Response:
    """Revoke a token: it answers 401 from then on."""
    personal_tokens.revoke(connection=database.connection, user_id=user.id, token_id=token_id)
    return Response(status_code=204)
