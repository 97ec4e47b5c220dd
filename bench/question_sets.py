"""Importing a question set file of up to 5 MB: under a second? (issue 12)

Three files per format, read by interview.coaching.set_files.read_set_file, each timed next to
the bare parser of its format (csv.DictReader, json.loads, yaml with CSafeLoader) on the same
bytes, so the ratio shows what our checks add:
- "valid": the largest valid set, 50 questions with every field at its limit (about 0.45 MB);
- "many rows": about 5 MB of short questions, far more than 50 (refused);
- "long cells": 50 questions with reference answers of about 100 KB (refused: too long).

    .venv/bin/python bench/question_sets.py
"""

import contextlib
import csv
import io
import json
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interview.coaching import set_files

TARGET_SECONDS = 1.0
SIZE = 5 * 1024 * 1024 - 4096


def question(number: int, reference_length: int) -> dict:
    return {
        "text": f"Question {number}: " + "how would you design it? " * 38,
        "category": "Category " + str(number % 7),
        "difficulty": "mid",
        "type": "design",
        "key_points": [f"point {k} of question {number} " + "x" * 270 for k in range(10)],
        "reference_answer": ("A reference answer sentence. " * 200000)[:reference_length],
    }


def files() -> dict[str, dict[str, bytes]]:
    valid = [question(n, 5000) for n in range(50)]
    long_cells = [question(n, SIZE // 50 - 4000) for n in range(50)]
    short = {"text": "What is a cache?", "category": "Caching", "type": "conceptual"}
    many = [{**short, "text": f"What is cache number {n}?"} for n in range(SIZE // 90)]
    made = {}
    for kind in set_files.FORMATS:
        made[kind] = {
            "valid": set_files.write_set_file(kind, "Bench", "en", valid),
            "many rows": set_files.write_set_file(kind, "Bench", "en", many)[:SIZE],
            "long cells": set_files.write_set_file(kind, "Bench", "en", long_cells)[:SIZE],
        }
    return made


def bare(kind: str, content: bytes) -> None:
    text = content.decode("utf-8-sig", errors="replace")
    if kind == "csv":
        list(csv.DictReader(io.StringIO(text, newline="")))
    elif kind == "json":
        with contextlib.suppress(json.JSONDecodeError):
            json.loads(text)
    else:
        with contextlib.suppress(yaml.YAMLError):
            yaml.load(text, Loader=yaml.CSafeLoader)


def median_seconds(work, repeat: int = 5) -> float:
    spans = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        spans.append(time.perf_counter() - began)
    return statistics.median(spans)


def main() -> int:
    worst = 0.0
    print(f"{'format':6} {'file':11} {'MB':>5} {'ours s':>8} {'parser s':>9} {'ratio':>6}  result")
    for kind, cases in files().items():
        for case, content in cases.items():
            name = f"set.{kind}"
            ours = median_seconds(lambda n=name, c=content: set_files.read_set_file(n, c))
            floor = median_seconds(lambda k=kind, c=content: bare(k, c))
            parsed = set_files.read_set_file(f"set.{kind}", content)
            result = (
                f"{len(parsed.questions)} questions"
                if not parsed.problems
                else (f"refused, {len(parsed.problems)} problems")
            )
            ratio = ours / floor if floor else float("inf")
            print(
                f"{kind:6} {case:11} {len(content) / 2**20:5.2f} {ours:8.3f} {floor:9.3f}"
                f" {ratio:6.1f}  {result}"
            )
            worst = max(worst, ours)
    verdict = "OK" if worst < TARGET_SECONDS else "TOO SLOW"
    print(f"\nslowest file up to 5 MB: {worst:.3f} s (target < {TARGET_SECONDS} s: {verdict})")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
