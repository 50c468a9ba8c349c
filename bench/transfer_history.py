"""The history of the import benchmark, shared by its two sides: the Loop
backup that `transfer.py` uploads to the product and the rows that the floor
(`floor_app.py`) inserts, day for day the same.

HABITS daily habits, each checked on each of the DAYS days up to yesterday
(36,520 checks): a skipped day every week, a note every month.
"""

from datetime import date, timedelta

HABITS = 20
DAYS = 5 * 365 + 1
CHECKS = HABITS * DAYS


def days(today: date) -> list[tuple[date, str, str | None]]:
    """Each day of a habit's history, oldest first: (day, "done" or "skipped", its note)."""
    return [
        (
            today - timedelta(days=offset),
            "skipped" if offset % 7 == 0 else "done",
            "a note" if offset % 30 == 0 else None,
        )
        for offset in range(DAYS, 0, -1)
    ]
