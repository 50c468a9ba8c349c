from fastapi import APIRouter, Request
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from app.api.deps import SessionDep
from app.problem_details import problems
from app.schemas.health import HealthOut

router = APIRouter(tags=["health"])


@router.get("/health", responses=problems(503))
async def health(request: Request, session: SessionDep) -> HealthOut:
    """Readiness: the database must answer; Redis down is degraded, not fatal."""
    await run_in_threadpool(session.execute, text("SELECT 1"))  # failure → 503 problem
    redis = await request.app.state.rate_limits.redis_status()
    return HealthOut(status="ok", database="ok", redis=redis)
