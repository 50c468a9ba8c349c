"""The OpenAPI document states a rule for every value a request may carry.

The fuzzer (scripts/test-fuzz.sh) holds the API to the document in both
directions, but only as far as the document says something: a string field
with no pattern lets any string through, so the API's own refusal of NUL
(422) would contradict it, and an unbounded integer invites values the code
refuses. These tests walk every parameter and request body of the served
document, so that a new field cannot silently loosen it.
"""

import re
from collections.abc import Iterator
from re import _parser as sre_parse
from typing import Any

import pytest
from httpx import AsyncClient

# `re._parser` above is the standard library's regular expression parser (the
# public `sre_parse` is its deprecated alias): reading a pattern's parts is
# how to tell that no string containing NUL can match it.

_PROVEN_FORMATS = {"date", "uuid"}  # formats whose every valid string is free of NUL
# A file's bytes (POST /import's `file`): every byte, NUL included, is taken
# as it is; what a file must hold no JSON Schema can say (its description does).
_FILE_FORMATS = {"binary"}
_NUL = 0
_CATEGORIES_WITHOUT_NUL = {
    sre_parse.CATEGORY_DIGIT,
    sre_parse.CATEGORY_SPACE,
    sre_parse.CATEGORY_WORD,
}
_METHODS = ("get", "put", "post", "delete", "patch")
_LOOSE_STRING = "a string without an enum, a format or a NUL-free pattern"


def _matches_nul(items: Any) -> bool:
    """Whether any character a parsed pattern can consume may be NUL."""
    return any(_item_matches_nul(op, value) for op, value in items)


def _item_matches_nul(op: Any, value: Any) -> bool:
    if op is sre_parse.LITERAL:
        return value == _NUL
    if op is sre_parse.NOT_LITERAL:
        return value != _NUL
    if op is sre_parse.IN:
        return _class_has_nul(value)
    if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
        return _matches_nul(value[2])
    if op is sre_parse.SUBPATTERN:
        return _matches_nul(value[3])
    if op is sre_parse.BRANCH:
        return any(_matches_nul(branch) for branch in value[1])
    # Anchors inside the pattern take no character; anything else (`.`,
    # lookarounds, backreferences) is not proven free of NUL.
    return op is not sre_parse.AT


def _class_has_nul(items: list[tuple[Any, Any]]) -> bool:
    negated = bool(items) and items[0][0] is sre_parse.NEGATE
    listed = any(
        (op is sre_parse.LITERAL and value == _NUL)
        or (op is sre_parse.RANGE and value[0] <= _NUL <= value[1])
        or (op is sre_parse.CATEGORY and value not in _CATEGORIES_WITHOUT_NUL)
        for op, value in (items[1:] if negated else items)
    )
    return listed != negated


def excludes_nul(pattern: str) -> bool:
    """Whether no string containing NUL matches `pattern` (anchored at both ends)."""
    parsed = list(sre_parse.parse(pattern))
    anchored = (
        len(parsed) >= 2
        and parsed[0] == (sre_parse.AT, sre_parse.AT_BEGINNING)
        and parsed[-1] == (sre_parse.AT, sre_parse.AT_END)
    )
    return anchored and not _matches_nul(parsed[1:-1])


class Walker:
    """Every subschema of a request value, with the problems found in it."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.problems: list[str] = []
        self.checked: dict[str, int] = {"string": 0, "number": 0, "object": 0}

    def resolve(self, schema: Any) -> Any:
        while isinstance(schema, dict) and "$ref" in schema:
            node: Any = self.document
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def walk(
        self, schema: Any, where: str, *, body: bool, whole: bool = True, stated: bool = False
    ) -> None:
        """Check `schema` and its parts; `whole`: it describes a value by itself (a
        parameter, a body, a property, an item), not one branch of a combination;
        `stated`: one of `allOf` whose whole already states a string's rule."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return
        types = schema.get("type", [])
        types = [types] if isinstance(types, str) else types
        fixed = "const" in schema or "enum" in schema
        combined = any(key in schema for key in ("allOf", "anyOf", "oneOf"))
        if whole and not (types or fixed or combined):
            self.problems.append(f"{where}: a value of any type")
        string_stated = False
        if "string" in types:
            self.checked["string"] += 1
            patterns = [schema.get("pattern")] + [
                self.resolve(part).get("pattern") for part in schema.get("allOf", [])
            ]
            string_stated = (
                stated
                or fixed
                or schema.get("format") in _PROVEN_FORMATS | _FILE_FORMATS
                or any(excludes_nul(pattern) for pattern in patterns if pattern)
            )
            if not string_stated:
                self.problems.append(f"{where}: {_LOOSE_STRING}")
        if "integer" in types or "number" in types:
            self.checked["number"] += 1
            low = "minimum" in schema or "exclusiveMinimum" in schema
            high = "maximum" in schema or "exclusiveMaximum" in schema
            if not (fixed or (low and high)):
                self.problems.append(f"{where}: a number without both bounds")
        if "array" in types and "maxItems" not in schema:
            self.problems.append(f"{where}: an array without maxItems")
        if "object" in types:
            self.checked["object"] += 1
            # Unknown body fields are refused (422); the document must say so.
            # (Unknown query parameters are ignored: a query object need not.)
            if body and schema.get("additionalProperties") is not False:
                self.problems.append(f"{where}: an object that does not forbid other fields")
        for name, part in schema.get("properties", {}).items():
            self.walk(part, f"{where}.{name}", body=body)
        if "items" in schema:
            self.walk(schema["items"], f"{where}[]", body=body)
        for key in ("allOf", "anyOf", "oneOf"):
            for index, part in enumerate(schema.get(key, [])):
                within = string_stated and key == "allOf"
                self.walk(part, f"{where}/{key}[{index}]", body=body, whole=False, stated=within)
        for key in ("then", "else"):
            if key in schema:
                self.walk(schema[key], f"{where}/{key}", body=body, whole=False)


def request_values(document: dict[str, Any]) -> Iterator[tuple[str, Any, bool]]:
    """(where, schema, is a body) of every parameter and request body."""
    for path, item in document["paths"].items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                yield f"{label} {parameter['in']} {parameter['name']}", parameter["schema"], False
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                yield f"{label} body ({media})", content["schema"], True


@pytest.fixture
async def document(client: AsyncClient) -> dict[str, Any]:
    return (await client.get("/openapi.json")).json()


async def test_every_request_value_states_its_rule(document: dict[str, Any]) -> None:
    walker = Walker(document)
    for where, schema, body in request_values(document):
        walker.walk(schema, where, body=body)
    assert walker.problems == []
    # The walk reached the fields it is about (not a vacuous pass).
    assert walker.checked["string"] >= 15
    assert walker.checked["number"] >= 3
    assert walker.checked["object"] >= 6


def test_the_walk_finds_loose_schemas() -> None:
    loose = {
        "paths": {
            "/things": {
                "post": {
                    "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "count": {"type": "integer", "minimum": 0},
                                        "name": {"type": "string", "pattern": "^[a-z]*$"},
                                        "note": {"type": "string", "pattern": "^.*$"},
                                        "tags": {"type": "array", "items": {"type": "string"}},
                                        "extra": {},
                                    },
                                }
                            }
                        }
                    },
                }
            }
        }
    }
    walker = Walker(loose)
    for where, schema, body in request_values(loose):
        walker.walk(schema, where, body=body)
    body = "POST /things body (application/json)"
    assert walker.problems == [
        f"POST /things query q: {_LOOSE_STRING}",
        f"{body}: an object that does not forbid other fields",
        f"{body}.count: a number without both bounds",
        f"{body}.note: {_LOOSE_STRING}",
        f"{body}.tags: an array without maxItems",
        f"{body}.tags[]: {_LOOSE_STRING}",
        f"{body}.extra: a value of any type",
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^[^\x00]*$", True),
        (r"^[2-9][0-9]{3}-[0-9]{2}-[0-9]{2}$", True),
        (r"^[a-z]+(?:\.[a-z]+)*@[a-z]+$", True),
        (r"^[\u0009-\u000d ]*[^\u0009-\u000d \x00](?:[^\x00]{0,98})?$", True),
        (r"^.*$", False),
        (r"^[^a]*$", False),
        (r"[^\x00]*", False),  # unanchored: "a\x00" contains a match
        (r"^[\x00-\x20]+$", False),
        (r"^\W+$", False),
        (r"^(?:a|[^b])$", False),
    ],
)
def test_nul_free_patterns_are_told_apart(pattern: str, expected: bool) -> None:
    assert excludes_nul(pattern) is expected


async def test_links_lead_to_operations_and_their_parameters(document: dict[str, Any]) -> None:
    links = 0
    for item in document["paths"].values():
        for method in _METHODS:
            responses = item.get(method, {}).get("responses", {})
            for response in responses.values():
                for name, link in response.get("links", {}).items():
                    links += 1
                    path, target_method = _operation_ref(link["operationRef"])
                    target = document["paths"][path][target_method]
                    names = {parameter["name"] for parameter in target.get("parameters", [])}
                    assert set(link["parameters"]) <= names, name
                    body = response["content"]["application/json"]["schema"]
                    fields = Walker(document).resolve(body)["properties"]
                    for expression in link["parameters"].values():
                        field = expression.removeprefix("$response.body#/")
                        assert field in fields, (name, expression)
    assert links >= 8


def _operation_ref(reference: str) -> tuple[str, str]:
    match = re.fullmatch(r"#/paths/(.+)/(get|put|post|delete|patch)", reference)
    assert match, reference
    return match.group(1).replace("~1", "/").replace("~0", "~"), match.group(2)
