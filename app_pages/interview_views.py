"""Pure helpers for the interview screens: the timer, the word count, the answer checklist, and
what a new interview asks when the candidate practises again."""

import json
import re
import unicodedata
from html import escape
from string import Template

from app_pages.text import Text
from interview.scoring import language as lang
from interview.scoring.analysis import read_answer
from interview.scoring.question import QuestionText

TIME_LIMITS = (None, 2, 3, 5, 10)  # minutes; None: no target
# Questions scoring under this are the weak ones "Retry weak questions" asks again.
WEAK_SCORE = 60
MOST_WEAK = 5
LOWEST_WHEN_NONE_WEAK = 3
# The seed's answer-quality tips (catalogue keys interview.tip.*), in the checklist's order.
TIPS = ("example", "technologies", "reasoning", "numbers", "challenges")
QUOTE_LIMIT = 160  # characters of the candidate's answer a follow-up shows


def clock(seconds: float) -> str:
    """Elapsed time as mm:ss (minutes keep counting past 59)."""
    minutes, seconds = divmod(max(0, int(seconds)), 60)
    return f"{minutes:02d}:{seconds:02d}"


def time_limit_label(minutes: int | None, text: Text) -> str:
    if minutes:
        return text("interview.time_limit_minutes", minutes=minutes)
    return text("interview.time_limit_off")


def timer_text(elapsed: float, limit_minutes: int | None, text: Text) -> str:
    """What the timer says; past the soft limit it only says so gently."""
    if limit_minutes and elapsed > limit_minutes * 60:
        return text("interview.timer_over", elapsed=clock(elapsed), minutes=limit_minutes)
    if limit_minutes:
        return text("interview.timer_of", elapsed=clock(elapsed), limit=clock(limit_minutes * 60))
    return text("interview.timer", elapsed=clock(elapsed))


# The timer counts in the browser: a server rerun every second per open tab would cost a cohort
# a core and delay clicks that land during one (bench/ui.py). Each rerun redraws it with the
# time on the server's clock; the script only advances it. Only catalogue text goes in here.
_TIMER_SCRIPT = Template("""<p id="$box" class="rehearse-timer" style="margin:0;font-size:0.875rem;\
color:rgba(28,35,51,0.65)">$initial</p>
<script>
(() => {
  const templates = $templates, limit = $limit, start = Date.now() - $elapsed * 1000;
  const clock = (seconds) => {
    const whole = Math.max(0, Math.floor(seconds)), minutes = Math.floor(whole / 60);
    return String(minutes).padStart(2, "0") + ":" + String(whole % 60).padStart(2, "0");
  };
  const fill = (template, values) => template.replace(/\\{(\\w+)\\}/g, (_, k) => values[k]);
  const draw = () => {
    const box = document.getElementById("$box");
    if (!box) { clearInterval(window.rehearseTimer); return; }
    const elapsed = (Date.now() - start) / 1000;
    box.textContent = limit && elapsed > limit * 60
      ? fill(templates.over, {elapsed: clock(elapsed), minutes: limit})
      : limit ? fill(templates.of, {elapsed: clock(elapsed), limit: clock(limit * 60)})
      : fill(templates.plain, {elapsed: clock(elapsed)});
  };
  clearInterval(window.rehearseTimer);
  window.rehearseTimer = setInterval(draw, 1000);
})();
</script>""")


# The answer box sends its text on blur or Ctrl+Enter only (Streamlit's text_area): a pause in
# typing sends it the same way, so the draft is saved without leaving the box. One listener for
# the page, on the document, so it outlives the box being redrawn from question to question.
AUTOSAVE_AFTER_MS = 800
AUTOSAVE_SCRIPT = Template("""<script>
(() => {
  if (window.rehearseAutosave) return;
  window.rehearseAutosave = true;
  let timer = null;
  document.addEventListener("input", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.closest(".st-key-answer")) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (document.activeElement !== box) return;  // left the box: that sent it already
      box.dispatchEvent(new KeyboardEvent("keydown", {
        key: "Enter", code: "Enter", keyCode: 13, which: 13,
        ctrlKey: true, bubbles: true, cancelable: true,
      }));
    }, $delay);
  }, true);
})();
</script>""")


def autosave_html() -> str:
    """The script that sends the answer box's text after a pause in typing (no candidate text)."""
    return AUTOSAVE_SCRIPT.substitute(delay=AUTOSAVE_AFTER_MS)


def timer_html(elapsed: float, limit_minutes: int | None, text: Text, question: str = "") -> str:
    """The timer as a page element that keeps counting in the browser, without the server.

    `question` names the element, so the next question's timer is a new element with a new
    script (Streamlit runs a script when its element is first drawn)."""
    templates = {
        "plain": text.template("interview.timer"),
        "of": text.template("interview.timer_of"),
        "over": text.template("interview.timer_over"),
    }
    return _TIMER_SCRIPT.substitute(
        initial=escape(timer_text(elapsed, limit_minutes, text)),
        templates=json.dumps(templates).replace("</", "<\\/"),
        limit=json.dumps(limit_minutes),
        elapsed=round(elapsed, 3),
        box="rehearse-timer-" + re.sub(r"[^A-Za-z0-9_-]", "", question),
    )


MAX_ANSWER = 20_000  # characters, as API.md's submit allows


def has_words(answer: str) -> bool:
    """Whether an answer holds a letter or a digit in any script (not emoji or symbols alone)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in answer)


def word_count(text: str) -> int:
    """Words as a candidate counts them: each Chinese character is one."""
    chinese = set(lang.cjk_chars(text))
    others = "".join(" " if char in chinese else char for char in text).split()
    return len(lang.cjk_chars(text)) + sum(1 for token in others if any(c.isalnum() for c in token))


def words_label(count: int, text: Text) -> str:
    return text("interview.one_word") if count == 1 else text("interview.words", count=count)


def short_quote(answer: str, limit: int = QUOTE_LIMIT) -> str:
    """The start of an answer on one line, cut at a word (or character, for Chinese) with "…"."""
    flat = " ".join(answer.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut[limit // 2 :]:  # don't cut a word in half (Chinese has no spaces to find)
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:，。；：") + "…"


def tips_shown(answer: str, question: dict, main_question: str = "") -> dict[str, bool]:
    """For each answer-quality tip, whether the draft already shows it, as the engine reads it."""
    topic = " ".join(part for part in (main_question, question["category"], question["type"]))
    features = read_answer(answer, QuestionText(question["question"], (), topic.strip()))
    shown = (
        features.examples or features.story,
        features.on_topic_terms,
        features.reasons,
        features.metrics or features.numbers,
        features.challenges and features.solutions,
    )
    return {tip: bool(has) for tip, has in zip(TIPS, shown, strict=True)}


def practise_again_request(
    session: dict, context: dict | None = None, report: dict | None = None
) -> dict:
    """create_session arguments for the same track, difficulty, counts, job description and
    resume (`context`, from InterviewAPI.session_context) as a past session; its own questions
    (the candidate's or a coach's set) again with their reference answers (from `report`)."""
    mains = [q for q in session["questions"] if not q["isFollowUp"]]
    context = context or {}
    request = {
        "candidate_name": session["candidateName"],
        "role": session["role"],
        "difficulty": session["difficulty"],
        "follow_up_count": session["followUpCount"],
        "job_description": context.get("jobDescription"),
        "resume_text": context.get("resumeText"),
    }
    # A coach's or the candidate's own question set has no bank to draw from: ask it again.
    if session["role"] == "custom":
        references = {r["questionIndex"]: r for r in (report or {}).get("referenceAnswers", [])}
        request["custom_questions"] = [
            asked_again(
                {"question": q["question"], "category": q["category"]},
                references.get(q["questionIndex"], {}),
            )
            for q in mains
        ]
    else:
        request["question_count"] = session["mainQuestionCount"]
    return request


def weakest_questions(report: dict) -> list[str]:
    """The lowest-scoring main questions, weakest first: those under 60, else the lowest three."""
    return [detail["question"] for detail in _weakest_details(report)]


def _weakest_details(report: dict) -> list[dict]:
    mains = sorted(
        (d for d in report["questionDetails"] if not d["isFollowUp"]),
        key=lambda detail: detail["score"] or 0,
    )
    weak = [d for d in mains if (d["score"] or 0) < WEAK_SCORE][:MOST_WEAK]
    return weak or mains[:LOWEST_WHEN_NONE_WEAK]


def retry_weak_request(session: dict, report: dict) -> dict:
    """create_session arguments asking the weakest questions again, labelled with the same track,
    each with its reference answer and key points so it is graded as it was."""
    references = {r["questionIndex"]: r for r in report.get("referenceAnswers", [])}
    return {
        "candidate_name": session["candidateName"],
        "role": session["role"],
        "difficulty": session["difficulty"],
        "follow_up_count": session["followUpCount"],
        "custom_questions": [
            asked_again(detail, references.get(detail["questionIndex"], {}))
            for detail in _weakest_details(report)
        ],
    }


def asked_again(detail: dict, reference: dict) -> dict:
    """A report's question as a custom question (API.md's mapping, within its limits)."""
    question = {"text": detail["question"], "category": (detail.get("category") or "Custom")[:50]}
    if reference.get("referenceAnswer"):
        question["reference_answer"] = reference["referenceAnswer"][:5000]
    points = [point[:300] for point in reference.get("keyPoints") or [] if point.strip()]
    if points:
        question["key_points"] = points[:10]
    return question
