# ruff: noqa: RUF001 - the multiplication sign is meant
"""Medians of several `make bench` runs kept with BENCH_SAVE: the same-run
ratios the targets are about, one column per run and their median.

Usage: python bench/medians.py RUN_DIR [RUN_DIR ...]
"""

import json
import statistics
import sys
from pathlib import Path

RATIOS = {
    "GET /habits vs /list (≥ 1.0×)": ("GET /habits", "floor GET /list"),
    "GET /stats/overview?range=month vs /list (≥ 1.0×)": (
        "GET /stats/overview?range=month",
        "floor GET /list",
    ),
    "POST log + DELETE vs /row (≥ 0.5×)": (
        "POST /habits/{id}/log + DELETE",
        "floor GET /row",
    ),
}
HISTORY = {
    "stats, 5 years / 1 month p50 (≤ 1.2×)": "stats month",
    "GET /habits, 5 years / 1 month p50 (≤ 1.2×)": "habits",
}
CPU = (
    "GET /habits",
    "GET /stats/overview?range=month",
    "POST /habits/{id}/log + DELETE",
    "floor GET /list",
    "floor GET /row",
)


def figures(run: Path) -> dict[str, float]:
    results: dict[str, dict] = {}
    for row in map(json.loads, (run / "results.jsonl").read_text().splitlines()):
        kept = results.get(row["name"])
        if kept is None or row["p50_us"] < kept["p50_us"]:
            results[row["name"]] = row
    rps = {
        name: row["requests"] / (row["duration_us"] / 1e6)
        for name, row in results.items()
    }
    out = {
        label: rps[product] / rps[floor] for label, (product, floor) in RATIOS.items()
    }
    for label, prefix in HISTORY.items():
        month = results[f"{prefix}, 1 month of history"]
        years = results[f"{prefix}, 5 years of history"]
        out[label] = years["p50_us"] / month["p50_us"]
    transfer = json.loads((run / "transfer.json").read_text())
    out["POST /import vs the bulk INSERT (≥ 0.5×)"] = (
        transfer["floor"]["seconds"] / transfer["import"]["seconds"]
    )
    for name in CPU:
        row = results[name]
        out[f"{name}: worker CPU ms/req"] = (
            1000 * row["cpu_s"] / max(row["requests"], 1)
        )
    return out


def main() -> None:
    runs = [Path(arg) for arg in sys.argv[1:]]
    table = [figures(run) for run in runs]
    print(
        "| figure | "
        + " | ".join(f"run {n}" for n in range(1, len(runs) + 1))
        + " | median |"
    )
    print("|---|" + "---:|" * (len(runs) + 1))
    for label in table[0]:
        values = [run[label] for run in table]
        unit = "" if "ms/req" in label else "×"
        cells = " | ".join(f"{value:.2f}{unit}" for value in values)
        print(f"| {label} | {cells} | {statistics.median(values):.2f}{unit} |")


if __name__ == "__main__":
    main()
