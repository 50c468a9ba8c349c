from typing import Literal

from app.schemas.common import ApiModel


class HealthOut(ApiModel):
    status: Literal["ok"]
    database: Literal["ok"]
    redis: Literal["ok", "disabled", "down"]
