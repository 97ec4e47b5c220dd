"""Benchmark of the built-in interviewer, measured side by side in one run.

Every bank question is answered with its reference answer (130-160 English words, or a Chinese
paragraph) and with the first half of it. Each call is timed interleaved one for one with a
floor that reads the answer as cheaply as anything could: ``len(answer.split())`` plus one
compiled regex search, so both see the same machine noise.

- cold: the interviewer's text caches are emptied before each call (not timed), so the answer
  is read from scratch, as ``follow_up`` does on every ``submit_answer``.
- warm: ``evaluate`` right after ``follow_up`` on the same answer, which reuses the reading.

Target: since the evaluator reads meaning (issue 11), each call at most twice the p50 of main
before it (7c19bd1); bench/evaluator.py runs this script on both trees and compares. (The
earlier "well under 1 ms" was set before correctness by meaning; 7c19bd1 itself took 1.0-1.4.)

Usage: python bench/interviewer.py [--rounds N]
"""

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interview.interviewers.base import AskedQuestion
from interview.interviewers.builtin import evidence, reading
from interview.interviewers.builtin import interviewer as builtin
from interview.questions.spec import QuestionSpec
from interview.scoring import bank_fit, integrity, language, meaning, non_answers

ROOT = Path(__file__).resolve().parents[1]
FLOOR_PATTERN = re.compile(r"\b(?:because|for example|ms|%)\b", re.IGNORECASE)


def cases() -> list[tuple[AskedQuestion, str]]:
    found = []
    for path in sorted((ROOT / "data").glob("*.json")):
        for index, q in enumerate(json.loads(path.read_text(encoding="utf-8"))["questions"]):
            spec = QuestionSpec(
                q["question"], q["category"], q["type"], q["difficulty"], tuple(q["keyPoints"])
            )
            asked = AskedQuestion(index, spec)
            reference = q["referenceAnswer"]
            found += [(asked, reference), (asked, reference[: len(reference) // 2])]
    return found


def floor(answer: str) -> object:
    return len(answer.split()), FLOOR_PATTERN.search(answer)


def forget_readings() -> None:
    """Empty the per-text caches, so the next call reads its answer from scratch.

    What belongs to a question rather than to an answer stays, as in production, where every
    answer to a question meets it again: its topic words (``topicality``), its reference answer
    and key points read into words and weights (``correctness``), the banks, and the vectors of
    words already met (the vocabulary's, loaded once)."""
    for module in (language, integrity, builtin, reading):
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            once = parameters and parameters()["maxsize"] in (None, 1)
            if parameters and not once and value is not language.stem:
                value.cache_clear()
    for per_text in (meaning.units, meaning.text_vector, meaning._english_matrix):
        per_text.cache_clear()
    evidence._metrics.cache_clear()
    evidence._details.cache_clear()
    bank_fit._weighed_tokens.cache_clear()
    non_answers._fitted.cache_clear()


def timed(call, *args) -> float:
    start = time.perf_counter()
    call(*args)
    return (time.perf_counter() - start) * 1000


def measure(rounds: int) -> dict[str, list[float]]:
    interviewer = builtin.BuiltinInterviewer()
    samples = {name: [] for name in ("follow_up", "evaluate", "warm_evaluate", "floor")}
    all_cases = cases()
    for _ in range(rounds):
        for question, answer in all_cases:
            forget_readings()
            samples["follow_up"].append(timed(interviewer.follow_up, question, answer))
            samples["warm_evaluate"].append(timed(interviewer.evaluate, question, answer))
            samples["floor"].append(timed(floor, answer))
            forget_readings()
            samples["evaluate"].append(timed(interviewer.evaluate, question, answer))
            samples["floor"].append(timed(floor, answer))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    builtin.BuiltinInterviewer().evaluate(cases()[0][0], cases()[0][1])  # build the patterns
    samples = measure(args.rounds)
    floor_p50 = statistics.median(samples["floor"])
    print(f"Built-in interviewer, {len(samples['evaluate'])} calls each (p50 / mean, ms):")
    for name in ("follow_up", "evaluate", "warm_evaluate", "floor"):
        values = samples[name]
        p50, mean = statistics.median(values), statistics.fmean(values)
        ratio = f"  {p50 / floor_p50:7.1f}x floor" if name != "floor" else ""
        print(f"  {name:<14} {p50:7.3f} / {mean:7.3f}{ratio}")


if __name__ == "__main__":
    main()
