"""The `{habit_id}` path segment: any segment but the names of the habit
collection's own operations.

`PUT /habits/order` and `POST /habits/skip` share their shape with
`/habits/{habit_id}`; were "order" and "skip" habit ids too, `PATCH
/habits/order` would reach the habit's PATCH (and answer 422 on its body)
instead of 405 with `Allow: PUT`. Any other segment is still an id, so a
segment that is no UUID answers 404 and one with a NUL 422, as before. The
OpenAPI document shows the plain `{habit_id}` (FastAPI leaves the convertor
out of it).
"""

from starlette.convertors import Convertor, register_url_convertor

RESERVED = ("order", "skip")


class HabitIdConvertor(Convertor[str]):
    regex = f"(?!(?:{'|'.join(RESERVED)})(?:/|$))[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("habit_id", HabitIdConvertor())

# For a route's path: `{habit_id}` read with the convertor above.
HABIT_ID = "{habit_id:habit_id}"
