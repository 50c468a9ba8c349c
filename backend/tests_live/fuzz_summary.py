"""What a schemathesis run sent, read from its NDJSON events (scripts/test-fuzz.sh).

schemathesis's own summary counts test cases; this says, per phase, how many
requests went out and how they were answered, and for the stateful phase how
many steps followed a link from an earlier answer and how many of those
reached a habit or a log that the run itself had created — the proof that the
stateful phase exercised real identifiers, not random ones.

Usage: python -m tests_live.fuzz_summary EVENTS.ndjson... (exit status 1 when
no stateful step reached a created habit: the links no longer lead anywhere).
"""

import base64
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

_HABIT_ID = re.compile(r"^/habits/([0-9a-f-]{36})(?:/|$)")


def summarize(lines: Iterable[str]) -> tuple[list[str], bool]:
    """Summary lines, and whether a stateful step reached a habit the run created."""
    requests: dict[str, Counter[str]] = defaultdict(Counter)
    scenarios = steps = linked = on_created = 0
    created: set[str] = set()
    for line in lines:
        event = json.loads(line).get("ScenarioFinished")
        if event is None:
            continue
        phase = event["phase"]
        recorder = event["recorder"]
        if phase == "stateful":
            scenarios += 1
        for case_id, case in recorder.get("cases", {}).items():
            interaction = recorder.get("interactions", {}).get(case_id)
            if interaction is None or interaction.get("response") is None:
                continue
            status = interaction["response"]["status_code"]
            # Server errors by their exact status: the Google stubs' 501 is expected.
            requests[phase][str(status) if status >= 500 else f"{status // 100}xx"] += 1
            requests[phase]["total"] += 1
            if phase != "stateful":
                continue
            steps += 1
            request = interaction["request"]
            path = urlsplit(request["uri"]).path
            if request["method"] == "POST" and path == "/habits" and status == 201:
                body = json.loads(_text(interaction["response"].get("content")) or "{}")
                created.add(body.get("id", ""))
            if case.get("is_transition_applied"):
                linked += 1
                match = _HABIT_ID.match(path)
                if match and match.group(1) in created:
                    on_created += 1
    out = []
    for phase, counts in requests.items():
        classes = ", ".join(f"{counts[name]} {name}" for name in sorted(counts) if name != "total")
        out.append(f"{phase}: {counts['total']} requests ({classes})")
    out.append(
        f"stateful: {scenarios} scenarios, {steps} steps; {linked} steps took their parameters "
        f"from a link, {on_created} of them on one of the {len(created)} habits the run created"
    )
    return out, on_created > 0


def _lines(paths: list[str]) -> Iterator[str]:
    for path in paths:
        with open(path, encoding="utf-8") as events:
            yield from events


def _text(content: object) -> str | None:
    if isinstance(content, dict) and "$base64" in content:
        return base64.b64decode(content["$base64"]).decode("utf-8", "replace")
    return content if isinstance(content, str) else None


if __name__ == "__main__":
    summary, reached_created = summarize(_lines(sys.argv[1:]))
    print("\n".join(summary))
    sys.exit(0 if reached_created else 1)
