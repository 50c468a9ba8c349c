import uuid
from datetime import date

from app.schemas.common import ApiModel


class DatasetOut(ApiModel):
    label: str
    habit_id: uuid.UUID
    data: list[int]


class OverviewOut(ApiModel):
    labels: list[date]
    datasets: list[DatasetOut]
