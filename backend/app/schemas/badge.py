from app.schemas.common import ApiModel, UtcDatetime


class BadgeOut(ApiModel):
    code: str
    title: str
    description: str
    achieved_at: UtcDatetime
