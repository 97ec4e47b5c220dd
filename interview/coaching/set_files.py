"""Question sets as files: one field set for CSV, JSON and YAML, read with every problem listed.

Fields (CSV columns, JSON/YAML keys), in this order:
    text              the question (required, at most 1,000 characters)
    category          a label for the report's per-category scores (optional, at most 50; "Custom")
    difficulty        junior | mid | senior, or empty
    type              behavioural | conceptual | design | coding (optional: conceptual)
    key_points        up to 10 points an answer should cover, each at most 300 characters: a
                      list in JSON/YAML; in CSV one cell, the points separated by " | " or lines
    reference_answer  a model answer, at most 5,000 characters (optional)
JSON and YAML hold {"name": ..., "language": "en" | "zh", "questions": [...]} or just the list;
camelCase keys (keyPoints, referenceAnswer) are read too. A file of more than 50 questions, not
UTF-8, or with any bad row imports nothing: every problem is listed with its row and column (for
CSV the spreadsheet row, the header being row 1; for JSON and YAML the question's number).
"""

import csv
import io
import itertools
import json
import re
from dataclasses import dataclass, field

import yaml

FIELDS = ("text", "category", "difficulty", "type", "key_points", "reference_answer")
FORMATS = ("csv", "json", "yaml")
DIFFICULTIES = ("junior", "mid", "senior")
KINDS = ("behavioural", "conceptual", "design", "coding")
LANGUAGES = ("en", "zh")
MAX_QUESTIONS = 50
MAX_TEXT = 1_000
MAX_CATEGORY = 50
MAX_KEY_POINTS = 10
MAX_KEY_POINT = 300
MAX_REFERENCE = 5_000
MAX_NAME = 200
MAX_FILE_BYTES = 5 * 1024 * 1024
DEFAULT_CATEGORY = "Custom"
_ALIASES = {"keyPoints": "key_points", "referenceAnswer": "reference_answer", "question": "text"}
_POINT_SEPARATOR = re.compile(r"\s*\|\s*|\s*\n\s*")
_CJK = re.compile("[\u3400-\u9fff]")


@dataclass(frozen=True)
class Problem:
    row: int | None  # None: the file as a whole
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedSet:
    name: str | None = None
    language: str | None = None
    questions: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_set_file(filename: str, content: bytes) -> ParsedSet:
    """The set a file holds, or its problems (then no question is kept)."""
    kind = _format_of(filename)
    if kind is None:
        return _failed(f"unsupported file type: use {', '.join('.' + f for f in FORMATS)}")
    if len(content) > MAX_FILE_BYTES:
        return _failed(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        return _failed(f"the file is not UTF-8 text (byte {bad.start} cannot be read)")
    reader = {"csv": _read_csv, "json": _read_json, "yaml": _read_yaml}[kind]
    parsed = reader(text)
    if parsed.problems:
        return parsed
    first_row = 2 if kind == "csv" else 1  # a spreadsheet's header is its row 1
    parsed.questions, parsed.problems = check_questions(parsed.questions, first_row)
    if parsed.problems:
        parsed.questions = []
    return parsed


def check_questions(raw: list[dict], first_row: int = 1) -> tuple[list[dict], list[Problem]]:
    """Questions as the store keeps them, and every problem found (row numbers from first_row)."""
    problems: list[Problem] = []
    if not raw:
        problems.append(Problem(None, None, "the set has no questions"))
    if len(raw) > MAX_QUESTIONS:
        problems.append(Problem(None, None, f"more than {MAX_QUESTIONS} questions ({len(raw)})"))
    questions, seen = [], {}
    for number, item in enumerate(raw, start=first_row):
        question = _question(item, number, problems)
        key = " ".join(question["text"].split()).casefold()
        if key and key in seen:
            problems.append(
                Problem(number, "text", f"duplicate of the question in row {seen[key]}")
            )
        seen.setdefault(key, number)
        questions.append(question)
    return questions, problems


def _question(item: dict, row: int, problems: list[Problem]) -> dict:
    item = {_ALIASES.get(name, name): value for name, value in item.items()}
    for unknown in sorted(set(item) - set(FIELDS)):
        problems.append(Problem(row, unknown, f"unknown column (known: {', '.join(FIELDS)})"))
    text = _string(item.get("text"), row, "text", problems)
    if not text:
        problems.append(Problem(row, "text", "missing text"))
    _at_most(text, MAX_TEXT, row, "text", problems)
    category = _string(item.get("category"), row, "category", problems) or DEFAULT_CATEGORY
    _at_most(category, MAX_CATEGORY, row, "category", problems)
    difficulty = (_string(item.get("difficulty"), row, "difficulty", problems) or "").lower()
    if difficulty and difficulty not in DIFFICULTIES:
        problems.append(
            Problem(row, "difficulty", f"unknown difficulty {difficulty!r} (junior, mid, senior)")
        )
    kind = (_string(item.get("type"), row, "type", problems) or "conceptual").lower()
    if kind == "behavioral":
        kind = "behavioural"
    if kind not in KINDS:
        problems.append(Problem(row, "type", f"unknown type {kind!r} ({', '.join(KINDS)})"))
    points = _key_points(item.get("key_points"), row, problems)
    reference = _string(item.get("reference_answer"), row, "reference_answer", problems)
    _at_most(reference, MAX_REFERENCE, row, "reference_answer", problems)
    return {
        "text": text,
        "category": category,
        "difficulty": difficulty or None,
        "type": kind,
        "key_points": points,
        "reference_answer": reference or None,
    }


def _string(value: object, row: int, column: str, problems: list[Problem]) -> str:
    """A cell as text: NUL characters dropped; one line, except a reference answer's paragraphs."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(Problem(row, column, "must be text"))
        return ""
    text = str(value).replace("\x00", "")
    return text.strip() if column == "reference_answer" else " ".join(text.split())


def _at_most(value: str, longest: int, row: int, column: str, problems: list[Problem]) -> None:
    if len(value) > longest:
        problems.append(
            Problem(row, column, f"too long: {len(value):,} characters (at most {longest:,})")
        )


def _key_points(value: object, row: int, problems: list[Problem]) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        points = [p for p in _POINT_SEPARATOR.split(value) if p.strip()]
    elif isinstance(value, list) and all(isinstance(p, str) for p in value):
        points = [p for p in value if p.strip()]
    else:
        problems.append(Problem(row, "key_points", "must be a list of texts"))
        return []
    points = [" ".join(p.split()) for p in points]
    if len(points) > MAX_KEY_POINTS:
        problems.append(
            Problem(row, "key_points", f"{len(points)} key points (at most {MAX_KEY_POINTS})")
        )
    for point in points:
        _at_most(point, MAX_KEY_POINT, row, "key_points", problems)
    return points


def _format_of(filename: str) -> str | None:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {"csv": "csv", "json": "json", "yaml": "yaml", "yml": "yaml"}.get(suffix)


def _too_many(count: int | None) -> Problem:
    counted = f" ({count})" if count is not None else ""
    return Problem(None, None, f"more than {MAX_QUESTIONS} questions{counted}")


def _failed(message: str) -> ParsedSet:
    return ParsedSet(problems=[Problem(None, None, message)])


def _read_csv(text: str) -> ParsedSet:
    try:
        # One row more than a set may hold is enough to refuse the file: read no further.
        rows = list(
            itertools.islice(csv.DictReader(io.StringIO(text, newline="")), MAX_QUESTIONS + 1)
        )
    except csv.Error as bad:
        return _failed(f"not a readable CSV file: {bad}")
    if len(rows) > MAX_QUESTIONS:
        return ParsedSet(problems=[_too_many(None)])
    header = rows[0].keys() if rows else next(csv.reader(io.StringIO(text)), [])
    if "text" not in header and "question" not in header:
        return _failed("the first row must name the columns, with at least a text column")
    # A row longer than the header puts its extra cells under the key None.
    problems = [
        Problem(number, None, "more cells than the header has columns")
        for number, row in enumerate(rows, start=2)
        if None in row
    ]
    questions = [{k: v for k, v in row.items() if k is not None and v != ""} for row in rows]
    return ParsedSet(questions=questions, problems=problems)


def _read_json(text: str) -> ParsedSet:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as bad:
        return _failed(f"not valid JSON: {bad.msg} at line {bad.lineno}, column {bad.colno}")
    return _from_data(data)


def _read_yaml(text: str) -> ParsedSet:
    # Building thousands of small mappings is slow in YAML: count the questions on the event
    # stream first and stop at the 51st.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if _yaml_questions_exceed(text, loader):
            return ParsedSet(problems=[_too_many(None)])
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as bad:
        where = getattr(bad, "problem_mark", None)
        at = f" at line {where.line + 1}" if where else ""
        return _failed(f"not valid YAML{at}")
    return _from_data(data)


def _yaml_questions_exceed(text: str, loader) -> bool:
    """Whether the YAML's list of questions (top level, or under "questions") has too many."""
    depth, items, in_list = 0, 0, None
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.SequenceStartEvent) and in_list is None and depth <= 2:
            in_list = depth + 1
        elif isinstance(event, yaml.MappingStartEvent | yaml.ScalarEvent) and depth == in_list:
            items += 1
            if items > MAX_QUESTIONS:
                return True
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1
            if in_list is not None and depth < in_list:
                return False
    return False


def _from_data(data: object) -> ParsedSet:
    """{"name", "language", "questions"} or a bare list, from JSON or YAML."""
    name = language = None
    if isinstance(data, dict):
        name, language, data = data.get("name"), data.get("language"), data.get("questions")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return _failed('expected a list of questions, or {"name", "language", "questions": [...]}')
    problems = []
    if name is not None and (not isinstance(name, str) or len(name) > MAX_NAME):
        problems.append(
            Problem(None, "name", f"name must be text of at most {MAX_NAME} characters")
        )
    if language is not None and language not in LANGUAGES:
        problems.append(Problem(None, "language", "language must be en or zh"))
    return ParsedSet(name=name, language=language, questions=data, problems=problems)


def language_of(questions: list[dict]) -> str:
    """zh when most questions are written in Chinese, else en."""
    chinese = sum(bool(_CJK.search(q.get("text") or "")) for q in questions)
    return "zh" if chinese * 2 > len(questions) else "en"


def write_set_file(kind: str, name: str, language: str, questions: list[dict]) -> bytes:
    """A set as a file of `kind` (csv, json or yaml) that read_set_file reads back the same."""
    rows = [{f: question.get(f) for f in FIELDS} for question in questions]
    if kind == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "key_points": " | ".join(row["key_points"] or [])})
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    document = {"name": name, "language": language, "questions": [_compact(r) for r in rows]}
    if kind == "json":
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    if kind == "yaml":
        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8")
    raise ValueError(f"unknown format {kind!r}")


def _compact(row: dict) -> dict:
    return {name: value for name, value in row.items() if value not in (None, "", [])}


EXAMPLE = [
    {
        "text": "Explain the cache-aside pattern. What problems does a TTL solve, and create?",
        "category": "Caching",
        "difficulty": "junior",
        "type": "conceptual",
        "key_points": [
            "the application reads the cache first and loads the database on a miss",
            "a TTL bounds staleness when an invalidation is missed",
            "expiries cause misses and stampedes on hot keys",
        ],
        "reference_answer": "With cache-aside the application owns the caching logic: on a read "
        "it checks the cache, on a miss it loads the row and stores it with a TTL; on a write it "
        "updates the database and deletes the key. The TTL limits how long stale data can live "
        "and frees keys nobody reads, at the cost of misses on expiry; jitter spreads expiries.",
    },
    {
        "text": "Tell me about a time you disagreed with a teammate about a technical decision.",
        "category": "Teamwork",
        "difficulty": "mid",
        "type": "behavioural",
        "key_points": ["the situation and what was at stake", "what you did", "the outcome"],
        "reference_answer": None,
    },
]


def example_file(kind: str) -> bytes:
    """A small set in `kind`, for coaches to start from."""
    return write_set_file(kind, "Example set", "en", EXAMPLE)
