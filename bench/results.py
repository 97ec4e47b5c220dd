"""One figure of a benchmark, as a line bench/run.py collects into bench/RESULTS.md.

A benchmark script prints its own readable output and, for each headline figure, one
`RESULT {json}` line: the figure, what it is measured against in the same run (a floor or a
peer), the ratio, the target and whether it was met.
"""

import json


def result(
    figure: str,
    value: float,
    unit: str,
    *,
    against: str | None = None,
    against_value: float | None = None,
    target: str,
    met: bool,
    note: str = "",
) -> None:
    ratio = value / against_value if against_value else None
    line = {
        "figure": figure,
        "value": value,
        "unit": unit,
        "against": against,
        "against_value": against_value,
        "ratio": ratio,
        "target": target,
        "met": met,
        "note": note,
    }
    print("RESULT " + json.dumps(line), flush=True)
