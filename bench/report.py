# ruff: noqa: RUF001, S603, S607 - the multiplication sign is meant; wrk is found on PATH
"""Turn one `make bench` run into a table: printed, and written into docs/PERFORMANCE.md.

The doc keeps its prose; only the part between the two markers below is
replaced by the latest run.

Usage: python bench/report.py OUT_DIR --duration S --connections N --elapsed S
"""

import argparse
import json
import os
import platform
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

BEGIN = "<!-- bench:begin (written by bench/report.py; do not edit by hand) -->"
END = "<!-- bench:end -->"
COMMAND = "make bench   # = bash bench/run.sh"

# Product endpoint, the floor endpoint it is held against, and the target ratio.
TARGETS = {
    "GET /habits": ("floor GET /list", 1.0),
    "GET /stats/overview?range=month": ("floor GET /list", 1.0),
    "POST /habits/{id}/log + DELETE": ("floor GET /row", 0.5),
}
SQL_KEYS = {
    "POST /habits/{id}/log + DELETE": ["POST /habits/{id}/log", "DELETE /habits/{id}/logs/{date}"],
}
HISTORY_TARGET = 1.2
# One-user rows against the length of the history: (row name prefix, what it measures).
HISTORY = {
    "stats month": "`GET /stats/overview?range=month`",
    "habits": "`GET /habits`",
}
HISTORY_ROWS = tuple(f"{prefix}," for prefix in HISTORY)
# POST /import's logs per second against the floor's bulk insert of the same rows.
IMPORT_TARGET = 0.5


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    postgres = subprocess.run(
        [f"{os.environ.get('PG_BIN', '/usr/lib/postgresql/15/bin')}/postgres", "--version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB RAM, "
        f"Linux {platform.release()}, Python {platform.python_version()}, {postgres}, "
        f"{(wrk.stdout or wrk.stderr).splitlines()[0].split(' [')[0]}"
    )


def ms(microseconds: float) -> str:
    return f"{microseconds / 1000:.1f}"


def statements(sql: dict, name: str) -> str:
    keys = SQL_KEYS.get(name, [name])
    if not all(key in sql for key in keys):
        return "—"
    sent = " + ".join(f"{sql[key].get('statements', 0):g}" for key in keys)
    trips = " + ".join(f"{sql[key].get('round_trips', 0):g}" for key in keys)
    return f"{sent} ({trips})"


def build(out: Path, duration: int, connections: int, elapsed: int) -> str:
    results: dict[str, dict] = {}
    for row in map(json.loads, (out / "results.jsonl").read_text().splitlines()):
        # A measurement taken more than once (the history one) keeps its
        # quietest run: the machine's background load only ever adds latency.
        kept = results.get(row["name"])
        if kept is None or row["p50_us"] < kept["p50_us"]:
            results[row["name"]] = row
    sql = json.loads((out / "sql.json").read_text())
    for row in results.values():
        row["rps"] = row["requests"] / (row["duration_us"] / 1e6)
        row["cpu_ms"] = 1000 * row["cpu_s"] / max(row["requests"], 1)

    lines = [
        f"Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `{COMMAND}`, "
        f"{elapsed} s in all. Each endpoint: `wrk -t{connections} -c{connections} "
        f"-d{duration}s` with `bench/requests.lua`.",
        "",
        f"- Machine: {machine()}",
        f"- Load average before / after: {load(out / 'load-before.txt')} / "
        f"{load(out / 'load-after.txt')} (the machine is shared: absolute numbers are noisy, "
        "same-run ratios are what count)",
        f"- Data: {(out / 'seed.txt').read_text().strip()}",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | non-2xx | worker CPU ms/req "
        "| SQL/req (round trips) | vs floor | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    verdicts = []
    # Product rows first, then the floor's, whatever order they were driven in.
    for name, row in sorted(results.items(), key=lambda item: item[0].startswith("floor")):
        if name.startswith(HISTORY_ROWS):
            continue
        ratio = target = ""
        if name in TARGETS:
            floor, wanted = TARGETS[name]
            value = row["rps"] / results[floor]["rps"]
            ratio = f"{value:.2f}× {floor.removeprefix('floor GET ')}"
            met = value >= wanted
            target = f"≥ {wanted}× {'met' if met else '**missed**'}"
            verdicts.append(met)
        non2xx = row["non2xx"] + row["socket_errors"]
        verdicts.append(non2xx == 0)
        lines.append(
            f"| {name} | {row['rps']:.0f} | {ms(row['p50_us'])} | {ms(row['p99_us'])} "
            f"| {non2xx} | {row['cpu_ms']:.2f} | {statements(sql, name)} | {ratio} | {target} |"
        )
    write = results["POST /habits/{id}/log + DELETE"]
    lines += [
        "",
        f"The write row counts POST and DELETE each as one request: {write['rps'] / 2:.0f} "
        f"pairs/s, {write['rps'] / 2 / results['floor GET /row']['rps']:.2f}× /row "
        "counted in pairs. SQL/req is what the code sends; round trips are every "
        "statement PostgreSQL received for the request (its own log), BEGIN, COMMIT "
        "or ROLLBACK included.",
        "",
    ]
    for prefix, endpoint in HISTORY.items():
        month = results[f"{prefix}, 1 month of history"]
        years = results[f"{prefix}, 5 years of history"]
        growth = years["p50_us"] / month["p50_us"]
        verdicts.append(growth <= HISTORY_TARGET)
        lines += [
            f"{endpoint}, one connection for {month['duration_us'] / 1e6:.0f} s each, "
            "10 daily habits; each history measured twice, interleaved, the lower p50 kept:",
            "",
            "| history | req/s | p50 ms | p99 ms |",
            "|---|---:|---:|---:|",
            *(
                f"| {label} | {row['rps']:.0f} | {ms(row['p50_us'])} | {ms(row['p99_us'])} |"
                for label, row in (("1 month", month), ("5 years", years))
            ),
            "",
            f"5 years / 1 month (p50): {growth:.2f}× (target ≤ {HISTORY_TARGET}×: "
            f"{'met' if growth <= HISTORY_TARGET else '**missed**'}).",
            "",
        ]
    lines += transfer(out, verdicts)
    rss = [int(kb) for kb in (out / "rss-kb.txt").read_text().split()]
    lines.append(
        f"Peak RSS of a product worker (VmHWM after the run): "
        f"{max(rss) / 1024:.0f} MiB (workers: {', '.join(f'{kb / 1024:.0f}' for kb in rss)} MiB)."
    )
    lines.append("")
    lines.append(f"All targets met: {'yes' if all(verdicts) else 'no'}.")
    return "\n".join(lines)


def transfer(out: Path, verdicts: list[bool]) -> list[str]:
    """The export and import rows (bench/transfer.py), with the import's verdict."""
    results = json.loads((out / "transfer.json").read_text())
    checks = results["checks"]
    floor, imported = results["floor"], results["import"]
    ratio = floor["seconds"] / imported["seconds"]
    met = ratio >= IMPORT_TARGET
    verdicts.append(met)
    rounds = len(results["all_seconds"]["import"])

    def row(name: str, run: dict, *, logs: bool = False, versus: str = "", target: str = "") -> str:
        per_second = f"{checks / run['seconds']:,.0f}" if logs else ""
        memory = f"{run['peak_mib']:.0f} (+{run['growth_mib']:.0f})" if "peak_mib" in run else ""
        return f"| {name} | {run['seconds']:.2f} | {per_second} | {memory} | {versus} | {target} |"

    return [
        f"Export and import: a Loop Habit Tracker backup (schema 25, "
        f"{results['backup_bytes'] / 2**20:.1f} MiB) of {results['habits']} daily habits "
        f"x {results['days']} days, {checks:,} checks (a skip a week, a note a month), "
        f"imported into a new account each time; quickest of {rounds} interleaved runs "
        "(wall time of one request, upload included). Memory: the serving worker's peak "
        "RSS during the request (VmHWM, reset before it) and its growth over the RSS before.",
        "",
        "| request | s | logs/s | worker peak RSS MiB (growth) | vs floor | target |",
        "|---|---:|---:|---:|---:|---|",
        row(
            "POST /import, the backup",
            imported,
            logs=True,
            versus=f"{ratio:.2f}× bulk-logs",
            target=f"≥ {IMPORT_TARGET}× {'met' if met else '**missed**'}",
        ),
        row("POST /import, the same file again (creates nothing)", results["reimport"]),
        row(
            f"GET /export, JSON ({results['export_json']['bytes'] / 2**20:.1f} MiB)",
            results["export_json"],
        ),
        row(
            f"GET /export?format=loop, zip ({results['export_loop']['bytes'] / 2**20:.1f} MiB)",
            results["export_loop"],
        ),
        row(
            "floor POST /bulk-logs: the same habits and logs, a multi-row INSERT each, "
            "one transaction",
            floor,
            logs=True,
        ),
        "",
    ]


def load(path: Path) -> str:
    return path.read_text().split("load average:")[-1].strip()


def write_doc(doc: Path, table: str) -> None:
    block = f"{BEGIN}\n{table}\n{END}"
    text = doc.read_text() if doc.exists() else "# Performance\n\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--duration", type=int, required=True)
    parser.add_argument("--connections", type=int, required=True)
    parser.add_argument("--elapsed", type=int, required=True)
    args = parser.parse_args()
    table = build(args.out, args.duration, args.connections, args.elapsed)
    print(table)
    if os.environ.get("BENCH_DOC"):
        write_doc(Path(os.environ["BENCH_DOC"]), table)
        print(f"\n(written into {os.environ['BENCH_DOC']})")


if __name__ == "__main__":
    main()
