from fastapi import APIRouter, Request
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from app.api.deps import DatabaseDep
from app.problem_details import problems
from app.schemas.health import HealthOut

router = APIRouter(tags=["health"])


@router.get("/health", responses=problems(503))
async def health(request: Request, database: DatabaseDep) -> HealthOut:
    """Readiness: the database must answer; Redis down is degraded, not fatal."""
    # A checkout or statement failure → 503 problem.
    await run_in_threadpool(lambda: database.connection.execute(text("SELECT 1")))
    redis = await request.app.state.rate_limits.redis_status()
    return HealthOut(status="ok", database="ok", redis=redis)
