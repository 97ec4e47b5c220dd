"""Question banks: load the tracks in data/, check every question, choose a session's questions."""

import json
import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from interview.errors import InterviewError
from interview.questions.resume import project_question
from interview.questions.spec import CustomQuestion, QuestionSpec

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DIFFICULTIES = ("junior", "mid", "senior")
LANGUAGES = ("en", "zh")
# The track picker lists these first, in this order; any other track follows, sorted by id.
TRACK_ORDER = ("backend", "frontend", "data_ml", "devops_sre", "product_management", "behavioural")

_TRACK_FIELDS = ("id", "title", "description", "language", "mix", "questions")
_QUESTION_FIELDS = (
    "id",
    "question",
    "category",
    "type",
    "difficulty",
    "keyPoints",
    "referenceAnswer",
    "tags",
)
_TYPE_ID = re.compile(r"[a-z][a-z0-9_]*")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
# Words too common in questions to say anything about a job description.
_COMMON = frozenset(
    {
        *("about", "after", "before", "between", "could", "every", "explain", "their", "there"),
        *("these", "those", "through", "using", "which", "while", "would", "should", "other"),
        *("where", "answer", "describe", "example", "might"),
    }
)

Rank = Callable[[QuestionSpec], tuple]


class BankError(ValueError):
    """A file in data/ is malformed; the message names the file and the item."""


@dataclass(frozen=True)
class Track:
    """One question bank: a role the candidate can practise for."""

    id: str
    title: str
    description: str
    language: str
    questions: tuple[QuestionSpec, ...]
    mix: dict[str, float] | None = field(default=None, hash=False)
    tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False, repr=False)

    @property
    def categories(self) -> tuple[str, ...]:
        """The distinct categories, in order of first appearance."""
        return tuple(dict.fromkeys(question.category for question in self.questions))


# Loading and checking


def load_tracks(folder: Path = DATA_DIR) -> dict[str, Track]:
    """Every track in folder, checked question by question, in TRACK_ORDER then by id."""
    tracks: dict[str, Track] = {}
    seen: dict[str, str] = {}  # question id -> the file that defined it first
    for path in sorted(folder.glob("*.json")):
        track = _load_track(path, seen)
        tracks[track.id] = track
    return dict(sorted(tracks.items(), key=lambda item: _picker_position(item[0])))


def _picker_position(track_id: str) -> tuple[int, str]:
    known = track_id in TRACK_ORDER
    return (TRACK_ORDER.index(track_id) if known else len(TRACK_ORDER), track_id)


def _load_track(path: Path, seen: dict[str, str]) -> Track:
    label = f"{path.parent.name}/{path.name}"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BankError(f"{label}: not readable as UTF-8 JSON ({exc})") from exc
    _check_track(label, path.stem, raw)
    questions, tags = [], {}
    for number, item in enumerate(raw["questions"], start=1):
        question = _parse_question(label, number, item, seen)
        questions.append(question)
        tags[question.bank_id] = tuple(item["tags"])
    mix = raw["mix"]
    if mix is not None:
        _check_mix_covers(label, mix, questions)
    return Track(
        id=raw["id"],
        title=raw["title"],
        description=raw["description"],
        language=raw["language"],
        questions=tuple(questions),
        mix=None if mix is None else {kind: float(weight) for kind, weight in mix.items()},
        tags=tags,
    )


def _fail_unless(condition: bool, where: str, problem: str) -> None:
    if not condition:
        raise BankError(f"{where}: {problem}")


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_text(item) for item in value)


def _check_fields(where: str, raw: object, expected: tuple[str, ...]) -> None:
    _fail_unless(isinstance(raw, dict), where, "must be a JSON object")
    missing = [name for name in expected if name not in raw]
    unknown = [name for name in raw if name not in expected]
    _fail_unless(not missing, where, f"missing field {', '.join(missing)}")
    _fail_unless(not unknown, where, f"unknown field {', '.join(unknown)}")


def _check_track(label: str, stem: str, raw: object) -> None:
    _check_fields(label, raw, _TRACK_FIELDS)
    # The id is the file's name, so two files can never claim the same track.
    _fail_unless(raw["id"] == stem, label, f"id must be {stem!r}, the file's name")
    for name in ("title", "description"):
        _fail_unless(_is_text(raw[name]), label, f"{name} must be a non-empty string")
    _fail_unless(raw["language"] in LANGUAGES, label, f"language must be one of {LANGUAGES}")
    questions = raw["questions"]
    _fail_unless(isinstance(questions, list) and questions, label, "questions must be a list")
    if raw["mix"] is not None:
        _check_mix_weights(label, raw["mix"])


def _check_mix_weights(label: str, mix: object) -> None:
    _fail_unless(isinstance(mix, dict) and mix, label, "mix must be an object or null")
    for kind, weight in mix.items():
        is_weight = isinstance(weight, int | float) and not isinstance(weight, bool)
        _fail_unless(is_weight and weight > 0, label, f"mix weight of {kind!r} must be positive")
    total = sum(mix.values())
    _fail_unless(abs(total - 1) <= 0.001, label, f"mix weights must sum to 1, not {total:g}")


def _check_mix_covers(label: str, mix: dict, questions: list[QuestionSpec]) -> None:
    kinds = {question.type for question in questions}
    for kind in mix:
        _fail_unless(kind in kinds, label, f"mix type {kind!r} has no questions")
    for number, question in enumerate(questions, start=1):
        where = f"{label}: question {number} ({question.bank_id})"
        _fail_unless(question.type in mix, where, f"type {question.type!r} is not in the mix")


def _parse_question(label: str, number: int, raw: object, seen: dict[str, str]) -> QuestionSpec:
    where = f"{label}: question {number}"
    if isinstance(raw, dict) and _is_text(raw.get("id")):
        where = f"{where} ({raw['id']})"
    _check_fields(where, raw, _QUESTION_FIELDS)
    _fail_unless(_is_text(raw["id"]), where, "id must be a non-empty string")
    _fail_unless(raw["id"] not in seen, where, f"id already used in {seen.get(raw['id'])}")
    seen[raw["id"]] = label
    for name in ("question", "category", "referenceAnswer"):
        _fail_unless(_is_text(raw[name]), where, f"{name} must be a non-empty string")
    kind = raw["type"]
    is_type_id = isinstance(kind, str) and _TYPE_ID.fullmatch(kind)
    _fail_unless(bool(is_type_id), where, "type must be a lowercase snake_case id")
    difficulty = raw["difficulty"]
    _fail_unless(difficulty in DIFFICULTIES, where, f"difficulty must be one of {DIFFICULTIES}")
    points = raw["keyPoints"]
    _fail_unless(_is_text_list(points), where, "keyPoints must be a non-empty list of strings")
    tags = raw["tags"]
    is_lower = _is_text_list(tags) and all(tag == tag.lower() for tag in tags)
    _fail_unless(is_lower, where, "tags must be a non-empty list of lowercase strings")
    return QuestionSpec(
        text=raw["question"],
        category=raw["category"],
        type=kind,
        difficulty=difficulty,
        key_points=tuple(points),
        reference_answer=raw["referenceAnswer"],
        bank_id=raw["id"],
    )


# Choosing a session's questions


def track_capacity(track: Track, difficulty: str | None = None) -> int:
    """How many questions the track can serve: all of them, since difficulty is a preference."""
    return len(track.questions)


def select_questions(
    track: Track,
    count: int,
    *,
    difficulty: str | None = None,
    job_description: str | None = None,
    resume_text: str | None = None,
    avoid: Iterable[str] = frozenset(),
    rng: random.Random | None = None,
) -> list[QuestionSpec]:
    """Choose count questions fitted to the difficulty, the job, the resume and recent sessions.

    Priority: the requested difficulty (then the nearest), then questions not in avoid, then
    fit to the job description and resume, then chance. A mix track first splits count over
    its types. Order: a resume project question opens; then mix type order; then junior to
    senior as a warm-up.
    """
    _check_request(track, count, difficulty)
    avoid = frozenset(avoid)
    fit = _JobFit.of(job_description, resume_text)
    rank = _ranking(track, difficulty, avoid, fit, rng or random.Random())
    if track.mix:
        chosen = _choose_by_mix(track, count, rank)
    else:
        chosen = sorted(track.questions, key=rank)[:count]
    project = project_question(resume_text, track.language, difficulty)
    if project is None or project.bank_id in avoid:
        return _interview_order(track, chosen, rank)
    chosen.remove(_least_needed(chosen, project.type, rank))
    return [project, *_interview_order(track, chosen, rank)]


def _check_request(track: Track, count: int, difficulty: str | None) -> None:
    capacity = track_capacity(track, difficulty)
    if count > capacity:
        raise InterviewError(400, f"questionCount must be at most {capacity} for track {track.id}")
    if count < 1:
        raise InterviewError(400, "questionCount must be at least 1")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise InterviewError(400, "difficulty must be junior, mid, senior or null")


def _ranking(
    track: Track, difficulty: str | None, avoid: frozenset, fit: "_JobFit", rng: random.Random
) -> Rank:
    """A sort key per question: smaller is wanted more."""
    want = {
        q.bank_id: (q.bank_id in avoid, -fit.score(q, track.tags.get(q.bank_id, ())), rng.random())
        for q in track.questions
    }
    # A question's place within its own level lets levels take turns when several are equally
    # near: an open difficulty gets a spread, and a mid fill alternates junior and senior.
    place = {}
    for level in DIFFICULTIES:
        ranked = sorted((q.bank_id for q in track.questions if q.difficulty == level), key=want.get)
        place.update((bank_id, position) for position, bank_id in enumerate(ranked))

    def rank(question: QuestionSpec) -> tuple:
        stale, unfit, luck = want[question.bank_id]
        distance = _distance(difficulty, question.difficulty)
        return (distance, stale, unfit, place[question.bank_id], luck)

    return rank


def _distance(wanted: str | None, level: str | None) -> int:
    if wanted is None or level is None:
        return 0
    return abs(DIFFICULTIES.index(wanted) - DIFFICULTIES.index(level))


def _choose_by_mix(track: Track, count: int, rank: Rank) -> list[QuestionSpec]:
    by_type = {
        kind: sorted((q for q in track.questions if q.type == kind), key=rank) for kind in track.mix
    }
    quotas = allocate_mix(track.mix, count, {kind: len(qs) for kind, qs in by_type.items()})
    return [question for kind, ranked in by_type.items() for question in ranked[: quotas[kind]]]


def allocate_mix(
    mix: Mapping[str, float], count: int, supply: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Split count over the mix's types by largest remainder; ties go to the type listed first."""
    # Exact fractions, so that 0.1 * 5 ties with 0.1 * 5 and the first listed type wins.
    weights = {kind: Fraction(str(weight)) for kind, weight in mix.items()}
    total = sum(weights.values())
    exact = {kind: weight * count / total for kind, weight in weights.items()}
    quotas = {kind: int(share) for kind, share in exact.items()}
    order = list(mix)
    by_remainder = sorted(order, key=lambda kind: (quotas[kind] - exact[kind], order.index(kind)))
    for kind in by_remainder[: count - sum(quotas.values())]:
        quotas[kind] += 1
    return quotas if supply is None else _within_supply(quotas, supply)


def _within_supply(quotas: dict[str, int], supply: Mapping[str, int]) -> dict[str, int]:
    """Hand a type's quota it cannot fill to the types that still have questions, in mix order."""
    excess = sum(max(0, quota - supply[kind]) for kind, quota in quotas.items())
    fitted = {kind: min(quota, supply[kind]) for kind, quota in quotas.items()}
    for kind in fitted:
        extra = min(excess, supply[kind] - fitted[kind])
        fitted[kind] += extra
        excess -= extra
    return fitted


def _least_needed(chosen: list[QuestionSpec], kind: str, rank: Rank) -> QuestionSpec:
    """The question a resume question replaces: the weakest of its type, else the weakest."""
    same_type = [question for question in chosen if question.type == kind]
    return max(same_type or chosen, key=rank)


def _interview_order(track: Track, chosen: list[QuestionSpec], rank: Rank) -> list[QuestionSpec]:
    kinds = list(track.mix or ())

    def position(question: QuestionSpec) -> tuple:
        kind = kinds.index(question.type) if question.type in kinds else 0
        return (kind, DIFFICULTIES.index(question.difficulty), rank(question))

    return sorted(chosen, key=position)


@dataclass(frozen=True)
class _JobFit:
    """The job description and resume, ready for keyword matching."""

    text: str  # lowercased; Chinese tags are looked up in it as substrings
    phrase: str  # its words, space-joined and padded, for whole-word phrase lookups
    words: frozenset[str]

    @classmethod
    def of(cls, *texts: str | None) -> "_JobFit":
        text = "\n".join(part for part in texts if part).lower()
        words = _WORD.findall(text)
        return cls(text, f" {' '.join(words)} ", frozenset(words))

    def score(self, question: QuestionSpec, tags: Iterable[str]) -> int:
        """Three points per tag the text mentions, one per topic word of the question it uses."""
        if not self.text:
            return 0
        tag_hits = sum(self._mentions(tag) for tag in tags)
        return 3 * tag_hits + len(_topic_words(question) & self.words)

    def _mentions(self, tag: str) -> bool:
        if not tag.isascii():
            return tag in self.text
        words = _WORD.findall(tag)
        return bool(words) and f" {' '.join(words)} " in self.phrase


def _topic_words(question: QuestionSpec) -> set[str]:
    text = " ".join((question.text, *question.key_points)).lower()
    return {word for word in _WORD.findall(text) if len(word) >= 5 and word not in _COMMON}


# A coach's own questions


def custom_questions(
    items: list[CustomQuestion], difficulty: str | None = None
) -> list[QuestionSpec]:
    """A coach's own questions, asked exactly as written and in order, with what they gave to
    grade against (a reference answer, key points) and their category."""
    return [
        QuestionSpec(
            text=item.text,
            category=item.category,
            type="custom",
            difficulty=difficulty,
            key_points=item.key_points,
            reference_answer=item.reference_answer,
        )
        for item in items
    ]
