"""`make bench`: run every benchmark script under bench/ and write bench/RESULTS.md.

A script is a bench/*.py with a `__main__` block (helpers and bench/floor_page.py are not).
Each runs in its own process, one after another (two cores: side by side they would measure
each other); its `RESULT` lines (bench/results.py) make the table at the top, and the rest of
its output follows under its name. bench/evaluator.py, when present, runs like any other.

Usage: python bench/run.py [--only NAME ...]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
TIMEOUT = 1800  # seconds for one script
EVALUATOR = "evaluator.py"


def scripts() -> list[Path]:
    found = sorted(p for p in BENCH.glob("*.py") if p.name != "run.py")
    return [p for p in found if '__name__ == "__main__"' in p.read_text()]


def run(script: Path) -> tuple[list[dict], str, float, int]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    took = time.monotonic() - started
    results, lines = [], []
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            results.append({"script": script.name, **json.loads(line[7:])})
        else:
            lines.append(line)
    if done.returncode != 0:
        lines += ["", f"(exited with {done.returncode})", *done.stderr.splitlines()[-30:]]
    return results, "\n".join(lines).strip(), took, done.returncode


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".strip()


def table(results: list[dict], has_evaluator: bool) -> list[str]:
    rows = [
        "| figure | measured | against (same run) | its value | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "–"
        met = "yes" if r["met"] else "**no**"
        figure = f"{r['figure']}" + (f" ({r['note']})" if r["note"] else "")
        rows.append(
            f"| {figure} | {number(r['value'], r['unit'])} | {r['against'] or '–'} | "
            f"{number(r['against_value'], r['unit'])} | {ratio} | {r['target']} | {met} |"
        )
    if not has_evaluator:
        rows.append(
            "| evaluator figures | not measured: bench/evaluator.py is not on this branch | – "
            "| – | – | – | – |"
        )
    return rows


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"commit {commit or '?'}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="script names (engine.py ...) to run alone")
    args = parser.parse_args()
    chosen = [s for s in scripts() if not args.only or s.name in args.only]
    results, sections, failed = [], [], 0
    for script in chosen:
        print(f"bench/{script.name} ...", flush=True)
        load_before = os.getloadavg()[0]
        found, output, took, code = run(script)
        load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
        failed += code != 0
        results += found
        sections += [f"## bench/{script.name} ({took:.0f} s, {load})", "", "```", output, "```", ""]
        print(output, flush=True)
    has_evaluator = any(s.name == EVALUATOR for s in scripts())
    lines = [
        "# Benchmark results",
        "",
        f"`make bench` on {machine()}. Every figure stands beside the floor or peer measured in",
        "the same run (so a busy machine slows both alike), with the ratio and the target.",
        "The full output of each script follows the table, with the machine's load average",
        "around it: this machine's two cores are shared, and absolute figures (submits/s, seconds)",
        "fall when other work runs; the ratios much less.",
        "",
        *table(results, has_evaluator),
        "",
        *sections,
    ]
    RESULTS.write_text("\n".join(lines))
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
