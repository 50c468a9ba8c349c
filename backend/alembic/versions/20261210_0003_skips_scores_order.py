"""skipped days and notes, archive and order, the stored habit state with the strength

Every existing log stays a done day and every habit's order is its creation
order (per user). The streak state of 0001 (last_run_end, last_run_length,
longest_streak) gives way to the state of `app.services.habit_state`, which
also holds the strength: it is computed here from each habit's logs.

Downgrading drops what 0002 cannot hold: skipped days (deleted: they were
never done), notes, archive flags and the order; the old streak state is
computed again from the done days.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10 12:00:00
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from app.models.habit import Frequency
from app.services import habit_state

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LOG_STATUS = sa.Enum("done", "skipped", name="log_status")
_STATE_COLUMNS = ("anchor_run", "anchor_longest")

_users = sa.table("users", sa.column("id"), sa.column("timezone"), sa.column("day_start_hour"))
_logs = sa.table(
    "habit_logs", sa.column("habit_id"), sa.column("date", sa.Date), sa.column("status")
)
_habits_0003 = sa.table(
    "habits",
    sa.column("id"),
    sa.column("user_id"),
    sa.column("frequency"),
    sa.column("target"),
    sa.column("created_at"),
    sa.column("position"),
    sa.column("anchor", sa.Date),
    sa.column("anchor_run"),
    sa.column("anchor_longest"),
    sa.column("anchor_score"),
    sa.column("total_logs"),
)
_habits_0002 = sa.table(
    "habits",
    sa.column("id"),
    sa.column("frequency"),
    sa.column("target"),
    sa.column("last_run_end", sa.Date),
    sa.column("last_run_length"),
    sa.column("longest_streak"),
    sa.column("total_logs"),
)


def upgrade() -> None:
    bind = op.get_bind()
    _LOG_STATUS.create(bind, checkfirst=True)
    with op.batch_alter_table("habit_logs") as batch:
        batch.add_column(
            sa.Column("status", _LOG_STATUS, server_default="done", nullable=False),
        )
        batch.add_column(sa.Column("note", sa.String(length=500), nullable=True))
    with op.batch_alter_table("habits") as batch:
        batch.add_column(
            sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("position", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("anchor", sa.Date(), nullable=True))
        for name in _STATE_COLUMNS:
            batch.add_column(sa.Column(name, sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("anchor_score", sa.Double(), server_default="0", nullable=False))
    _store_new_state(bind)
    with op.batch_alter_table("habits") as batch:
        batch.alter_column("position", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("anchor", existing_type=sa.Date(), nullable=False)
        batch.drop_column("last_run_end")
        batch.drop_column("last_run_length")
        batch.drop_column("longest_streak")


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.delete(_logs).where(_logs.c.status == "skipped"))
    with op.batch_alter_table("habits") as batch:
        batch.add_column(sa.Column("last_run_end", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("last_run_length", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(
            sa.Column("longest_streak", sa.Integer(), server_default="0", nullable=False)
        )
    _store_old_state(bind)
    with op.batch_alter_table("habits") as batch:
        for name in ("archived", "position", "anchor", *_STATE_COLUMNS, "anchor_score"):
            batch.drop_column(name)
    with op.batch_alter_table("habit_logs") as batch:
        batch.drop_column("note")
        batch.drop_column("status")
    _LOG_STATUS.drop(bind, checkfirst=True)


def _logs_by_habit(bind: sa.Connection) -> dict[object, dict[date, str]]:
    logs: dict[object, dict[date, str]] = {}
    for habit_id, day, status in bind.execute(sa.select(_logs)):
        logs.setdefault(habit_id, {})[day] = status
    return logs


def _today(timezone: str, day_start_hour: int) -> date:
    """The user's today (`app.services.users.today_in`, as of this migration)."""
    local = datetime.now(UTC).astimezone(ZoneInfo(timezone))
    return (local - timedelta(hours=day_start_hour)).date()


def _store_new_state(bind: sa.Connection) -> None:
    """Each habit's position (its creation order among its owner's habits) and
    its state, as a log write today would leave it."""
    habits = _habits_0003
    logs = _logs_by_habit(bind)
    rows = bind.execute(
        sa.select(habits.c.id, habits.c.frequency, habits.c.target, _users.c.timezone)
        .add_columns(_users.c.day_start_hour, habits.c.user_id)
        .join_from(habits, _users, _users.c.id == habits.c.user_id)
        .order_by(habits.c.user_id, habits.c.created_at, habits.c.id)
    ).all()
    owner, position = None, 0
    for habit_id, frequency, target, timezone, day_start_hour, user_id in rows:
        position = position + 1 if user_id == owner else 0
        owner = user_id
        today = _today(timezone, day_start_hour)
        state = habit_state.summarize(logs.get(habit_id, {}), Frequency(frequency), target, today)
        bind.execute(
            sa.update(habits)
            .where(habits.c.id == habit_id)
            .values(
                position=position,
                anchor=state.anchor,
                anchor_run=state.run,
                anchor_longest=state.longest,
                anchor_score=state.score,
                total_logs=state.total_logs,
            )
        )


def _store_old_state(bind: sa.Connection) -> None:
    """0002's streak state from the done days (all that is left)."""
    habits = _habits_0002
    logs = _logs_by_habit(bind)
    for habit_id, frequency, target in bind.execute(
        sa.select(habits.c.id, habits.c.frequency, habits.c.target)
    ):
        days = logs.get(habit_id, {})
        end, run, longest = _old_runs(days, frequency == "weekly", target)
        bind.execute(
            sa.update(habits)
            .where(habits.c.id == habit_id)
            .values(
                last_run_end=end, last_run_length=run, longest_streak=longest, total_logs=len(days)
            )
        )


def _old_runs(days: dict[date, str], weekly: bool, target: int) -> tuple[date | None, int, int]:
    """(first day of the latest kept period, the run it ends, the longest run)
    over the periods holding at least `target` days (0001's `streaks.summarize`)."""
    step = timedelta(days=7 if weekly else 1)
    counts: dict[date, int] = {}
    for day in days:
        start = day - timedelta(days=day.weekday()) if weekly else day
        counts[start] = counts.get(start, 0) + 1
    previous: date | None = None
    run = longest = 0
    for start in sorted(period for period, count in counts.items() if count >= target):
        run = run + 1 if previous is not None and start - previous == step else 1
        longest = max(longest, run)
        previous = start
    return previous, run, longest
