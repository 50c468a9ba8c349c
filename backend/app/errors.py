"""Domain errors. `app.problem_details` turns each into an RFC 7807 response."""

from http import HTTPStatus

# RFC 9110's names where Python's table still has RFC 7231's.
_RFC_9110_TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}


def status_title(status: int) -> str:
    """The one problem `title` of each status, everywhere."""
    return _RFC_9110_TITLES.get(status) or HTTPStatus(status).phrase


class DomainError(Exception):
    status = 400

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}

    @property
    def title(self) -> str:
        return status_title(self.status)


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class Unauthorized(DomainError):
    status = 401

    def __init__(self, detail: str = "Missing or invalid bearer token.") -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(DomainError):
    """Known, and refused: a wrong password while signed in (not 401, which
    would tell the client to sign the user out), or a personal access token
    where only a password sign-in may act."""

    status = 403


class InvalidInput(DomainError):
    """A request that is well-formed but breaks a rule pydantic cannot see."""

    status = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.errors = {field: [message]}


class FeatureDisabled(DomainError):
    """A feature that this deployment has not configured (Google sign-in)."""

    status = 501


class TooManyRequests(DomainError):
    status = 429

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"Rate limit exceeded; retry in {retry_after_seconds} seconds.",
            headers={"Retry-After": str(retry_after_seconds)},
        )


class ServiceUnavailable(DomainError):
    status = 503


class ContentTooLarge(DomainError):
    """An uploaded file over the size its route takes."""

    status = 413


class UnsupportedFileFormat(DomainError):
    """An uploaded file that is none of the formats the import reads."""

    status = 415


class UnreadableFile(InvalidInput):
    """An uploaded file of a known format that cannot be read (broken, unsafe, wrong version)."""

    def __init__(self, message: str) -> None:
        super().__init__("file", message)
