"""Domain errors. `app.problem_details` turns each into an RFC 7807 response."""


class DomainError(Exception):
    status = 400
    title = "Bad Request"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}


class NotFound(DomainError):
    status = 404
    title = "Not Found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class Unauthorized(DomainError):
    status = 401
    title = "Unauthorized"

    def __init__(self, detail: str = "Missing or invalid bearer token.") -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class InvalidInput(DomainError):
    """A request that is well-formed but breaks a rule pydantic cannot see."""

    status = 422
    title = "Unprocessable Content"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.errors = {field: [message]}


class FeatureDisabled(DomainError):
    """A feature that this deployment has not configured (Google sign-in)."""

    status = 501
    title = "Not Implemented"


class TooManyRequests(DomainError):
    status = 429
    title = "Too Many Requests"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"Rate limit exceeded; retry in {retry_after_seconds} seconds.",
            headers={"Retry-After": str(retry_after_seconds)},
        )


class ServiceUnavailable(DomainError):
    status = 503
    title = "Service Unavailable"


class UnsupportedFileFormat(DomainError):
    """An uploaded file that is none of the formats the import reads."""

    status = 415
    title = "Unsupported Media Type"


class UnreadableFile(InvalidInput):
    """An uploaded file of a known format that cannot be read (broken, unsafe, wrong version)."""

    def __init__(self, message: str) -> None:
        super().__init__("file", message)
