"""`app` for ASGI servers that expect this module (gunicorn, uvicorn)."""

from app.main import app

__all__ = ["app"]
