"""The .http examples cover every endpoint of the contract, each request asserting its status.

scripts/test-delivery.sh executes them with httpyac against a live backend; this
test keeps them complete when an endpoint is added to the list below.
"""

from __future__ import annotations

import re

from ._repo import REPO

HTTP_FILES = sorted((REPO / "backend/http").glob("*.http"))

# CONTRACT.md §2, with path parameters written as {}.
CONTRACT_ENDPOINTS = {
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("GET", "/auth/me"),
    ("PATCH", "/auth/me"),
    ("GET", "/auth/google/login"),
    ("GET", "/auth/google/callback"),
    ("GET", "/habits"),
    ("POST", "/habits"),
    ("GET", "/habits/{}"),
    ("PUT", "/habits/{}"),
    ("PATCH", "/habits/{}"),
    ("PUT", "/habits/order"),
    ("DELETE", "/habits/{}"),
    ("POST", "/habits/{}/log"),
    ("PATCH", "/habits/{}/logs/{}"),
    ("DELETE", "/habits/{}/logs/{}"),
    ("POST", "/habits/skip"),
    ("GET", "/habits/{}/logs"),
    ("GET", "/habits/{}/scores"),
    ("GET", "/stats/overview"),
    ("GET", "/badges"),
    ("GET", "/health"),
}

REQUEST_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) \{\{baseUrl\}\}(\S*)", re.MULTILINE)


def _requests() -> list[tuple[str, str, str]]:
    """(file name, method, path template) of every request, in file order."""
    found = []
    for path in HTTP_FILES:
        for method, target in REQUEST_LINE.findall(path.read_text(encoding="utf-8")):
            route = target.split("?")[0]
            route = "/".join("{}" if "{{" in part else part for part in route.split("/"))
            found.append((path.name, method, route))
    return found


def test_every_contract_endpoint_has_an_example():
    covered = {(method, route) for _, method, route in _requests()}
    assert CONTRACT_ENDPOINTS - covered == set()
    assert covered - CONTRACT_ENDPOINTS == set(), "an example calls an endpoint the contract lacks"


def test_every_request_asserts_its_status():
    for path in HTTP_FILES:
        blocks = re.split(r"^###.*$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        for block in blocks:
            if REQUEST_LINE.search(block):
                assert re.search(
                    r"^\?\? status == \d{3}$", block, re.MULTILINE
                ), f"{path.name}: a request without `?? status == NNN`:\n{block}"


def test_the_readme_shows_every_endpoint_as_curl():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- curl-examples:start -->")[1].split("<!-- curl-examples:end -->")[0]
    # Each curl call up to the end of its command (continuation lines included).
    curls = re.findall(r"\bcurl\s.*?(?<!\\)$", block, flags=re.MULTILINE | re.DOTALL)
    shown = set()
    for command in curls:
        method = re.search(r"-X (\w+)", command)
        url = re.search(r"\$API(/[^\s\"'?]*)", command)
        if url:
            route = "/".join(
                "{}" if part.startswith("$") else part for part in url.group(1).split("/")
            )
            shown.add((method.group(1) if method else "GET", route))
    assert CONTRACT_ENDPOINTS - shown == set()
