"""Answers evaluated in the background as they are submitted, so the report is ready at the end.

A model takes seconds per answer. Each accepted submit (and each edit that changes a submitted
answer) queues an evaluation of that exact text, which a small thread pool of this InterviewAPI
runs at once; the report then finds the evaluations done and makes one call, the summary.

The queue is the evaluations table, so nothing is lost if the process dies: a row is pending,
running (claimed by one worker until its lease runs out) or done. Any worker sharing the
database may claim a pending row, or a running one whose lease has lapsed (its worker died),
with one conditional UPDATE (evaluation_store.claim): exactly one claimant wins, on SQLite and on
PostgreSQL. Each worker resumes the claimable rows when its API opens; whatever is still missing
when a report is asked for is evaluated then.

A submitted answer is evaluated while the submit decides its follow-up (both are model calls),
so its row is written already claimed, in the submit's own transaction.

The answer that completes the interview has no follow-up to overlap, so with a language model
its evaluation also writes the summary, in the same call: once the submit has committed, it
waits for the session's other evaluations, then asks the model for both (see
LanguageModelInterviewer.evaluate_with_summary). The summary is stored with the evaluation,
naming the evaluations it was written from; the report uses it, with no call, when those are
exactly the evaluations it scores. If the combined call fails (or an other evaluation is not
done), the answer is evaluated alone as usual and the report writes the summary.
"""

import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace

from sqlalchemy import Connection

from interview.interviewers.base import AskedQuestion, Evaluation, Interviewer, ScoredQuestion
from interview.interviewers.llm.errors import LanguageModelError
from interview.interviewers.llm.usage import Usage
from interview.interviewers.metering import metered
from interview.scoring import rubric
from interview.sessions.evaluation_records import (
    answer_digest,
    evaluation_of,
    question_score,
    result_fields,
    stored_summary,
)
from interview.sessions.stored import asked_question
from interview.storage import evaluation_store, store
from interview.storage.database import Database

log = logging.getLogger(__name__)
WORKERS = 8
# Longer than a model call can take with its time-out and retries: a running row whose lease
# has lapsed belongs to a worker that died, and another may take it over.
LEASE_SECONDS = 300


def combines(interviewer: Interviewer) -> bool:
    """Whether the interviewer can evaluate the last answer and summarize in one call."""
    return callable(getattr(interviewer, "evaluate_with_summary", None))


class EvaluationWorker:
    """Evaluates answers off the request path, in a thread pool started on first use.

    With `background` off (the built-in interviewer takes milliseconds), nothing is queued and
    the report evaluates every answer itself.
    """

    def __init__(
        self,
        db: Database,
        interviewer: Interviewer,
        *,
        background: bool,
        workers: int = WORKERS,
        lease_seconds: float = LEASE_SECONDS,
    ):
        self.db = db
        self.interviewer = interviewer
        self.background = background
        self.claimant = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(6)}"
        self.lease_ms = int(lease_seconds * 1000)
        self._workers = workers
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._closed = False
        self._in_flight: dict[Future, str] = {}  # job -> its session id

    # --- queueing -----------------------------------------------------------------------------

    def begin(
        self, asked: AskedQuestion, answer: str, *, completes: bool = False
    ) -> "SubmittedEvaluation | None":
        """Start evaluating a submitted answer now; it is kept only if the submit commits.

        `completes`: the submit ends the interview (no question follows), so a language model
        also writes the summary in the same call, once the submit has committed.
        """
        if not self.background:
            return None
        row: Future = Future()
        earlier: Future | None = None
        if completes and combines(self.interviewer):
            earlier = Future()
            job = self._submit(self._evaluate_final, asked, answer, row, earlier)
        else:
            job = self._submit(self._evaluate_submitted, asked, answer, row)
        return SubmittedEvaluation(self, answer, job, row, earlier) if job else None

    def queue(self, conn: Connection, session_id: str, question_id: int, answer: str) -> int | None:
        """In a transaction that changed an answer: queue its text unless already there."""
        if not self.background:
            return None
        digest = answer_digest(answer)
        if evaluation_store.has_evaluation(conn, question_id, digest):
            return None
        return evaluation_store.add_evaluation(conn, session_id, question_id, digest)

    def start(self, evaluation_id: int, session_id: str) -> None:
        """Evaluate a queued row (once its transaction has committed)."""
        job = self._submit(self._evaluate_queued, evaluation_id)
        if job is not None:
            self._track(job, session_id)

    def resume(self) -> None:
        """Take up what no live worker is evaluating: pending rows and lapsed claims."""
        if not self.background:
            return
        with self.db.reading() as conn:
            rows = evaluation_store.claimable(conn, self.db.now_ms(conn))
        for row in rows:
            self.start(row.id, row.session_id)

    # --- for the report -----------------------------------------------------------------------

    def wait_for_session(self, session_id: str) -> None:
        """Until this worker's evaluations of the session have finished."""
        wait(self._jobs_of(session_id))

    def _jobs_of(self, session_id: str) -> list[Future]:
        with self._lock:
            return [job for job, owner in self._in_flight.items() if owner == session_id]

    def evaluate_all(self, work: list[tuple[AskedQuestion, str]]) -> list[tuple[Evaluation, Usage]]:
        """Evaluate now: side by side in the pool when background scoring is on."""
        pool = self._executor() if self.background and len(work) > 1 else None
        if pool is None:
            return [self._evaluate(asked, answer) for asked, answer in work]
        return list(pool.map(lambda item: self._evaluate(*item), work))

    def close(self) -> None:
        """Stop: finish the evaluations under way, hand unstarted claims back to the queue."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.shutdown(wait=True, cancel_futures=True)
        with self.db.transaction() as conn:
            evaluation_store.release(conn, self.claimant)

    # --- the jobs -----------------------------------------------------------------------------

    def _evaluate(self, asked: AskedQuestion, answer: str) -> tuple[Evaluation, Usage]:
        return metered(self.interviewer, lambda: self.interviewer.evaluate(asked, answer))

    def _evaluate_submitted(self, asked: AskedQuestion, answer: str, row: Future) -> None:
        try:
            evaluation, usage = self._evaluate(asked, answer)
        except Exception:
            self._release(row.result())
            raise
        evaluation_id = row.result()  # set once the submit has committed (or failed: None)
        if evaluation_id is not None:
            self._finish(evaluation_id, evaluation, usage)

    def _evaluate_final(
        self, asked: AskedQuestion, answer: str, row: Future, earlier: Future
    ) -> None:
        evaluation_id = row.result()  # set once the submit has committed (or failed: None)
        if evaluation_id is None:
            return
        try:
            (evaluation, summary), usage = metered(
                self.interviewer,
                lambda: self._final(evaluation_id, asked, answer, earlier.result()),
            )
        except Exception:
            self._release(evaluation_id)
            raise
        self._finish(evaluation_id, evaluation, usage, summary)

    def _final(
        self, evaluation_id: int, asked: AskedQuestion, answer: str, earlier: list[Future]
    ) -> tuple[Evaluation, dict | None]:
        """The last answer's evaluation and the summary, in one call when the session's other
        evaluations are done; else (or if that call fails) the evaluation alone."""
        wait(earlier, timeout=self.lease_ms / 1000)
        others = self._scored_others(evaluation_id)
        if others is not None:
            scored, covers = others
            try:
                evaluation, summary = self.interviewer.evaluate_with_summary(asked, answer, scored)
            except LanguageModelError as failure:
                # Evaluated alone, as any answer; the tokens of the failed call still count.
                evaluation = self.interviewer.evaluate(asked, answer)
                return replace(
                    evaluation,
                    prompt_tokens=evaluation.prompt_tokens + failure.usage.prompt_tokens,
                    completion_tokens=evaluation.completion_tokens
                    + failure.usage.completion_tokens,
                ), None
            return evaluation, stored_summary(summary, covers)
        return self.interviewer.evaluate(asked, answer), None

    def _scored_others(self, evaluation_id: int) -> tuple[list[ScoredQuestion], list[int]] | None:
        """The session's other questions scored from their finished evaluations, and the ids of
        the evaluations used (this one's too); None if an answer lacks a finished evaluation."""
        with self.db.reading() as conn:
            own = evaluation_store.evaluation_row(conn, evaluation_id)
            if own is None:
                return None
            done = evaluation_store.done_evaluations(conn, own.session_id, rubric.RUBRIC_VERSION)
            scored, covers = [], [evaluation_id]
            for row in store.question_rows(conn, own.session_id):
                if row.id == own.question_id:
                    continue
                asked = asked_question(conn, row)
                if not (row.answered and row.user_answer):
                    scored.append(ScoredQuestion(asked, None, 0, None))
                    continue
                found = done.get((row.id, answer_digest(row.user_answer)))
                if found is None:
                    return None  # still being evaluated elsewhere: the report summarizes
                evaluation = evaluation_of(found)
                scored.append(
                    ScoredQuestion(asked, row.user_answer, question_score(evaluation), evaluation)
                )
                covers.append(found.id)
        return scored, covers

    def _evaluate_queued(self, evaluation_id: int) -> None:
        claimed = self._claim(evaluation_id)
        if claimed is None:
            return
        try:
            evaluation, usage = self._evaluate(*claimed)
        except Exception:
            self._release(evaluation_id)
            raise
        self._finish(evaluation_id, evaluation, usage)

    def _claim(self, evaluation_id: int) -> tuple[AskedQuestion, str] | None:
        """The question and answer to evaluate, if this worker wins the row and it is current."""
        with self.db.transaction() as conn:
            now = self.db.now_ms(conn)
            if not evaluation_store.claim(conn, evaluation_id, self.claimant, now, self.lease_ms):
                return None  # another worker has it, or it is done
            queued = evaluation_store.evaluation_row(conn, evaluation_id)
            question = store.question_by_id(conn, queued.question_id)
            answer = question.user_answer if question.answered else None
            if answer is None or answer_digest(answer) != queued.answer_digest:
                evaluation_store.remove(conn, evaluation_id)  # edited since: that text is moot
                return None
            return asked_question(conn, question), answer

    def _finish(
        self, evaluation_id: int, evaluation: Evaluation, usage: Usage, summary: dict | None = None
    ) -> None:
        fields = result_fields(self.interviewer, evaluation, usage, summary)
        with self.db.transaction() as conn:
            evaluation_store.finish(conn, evaluation_id, self.claimant, fields)

    def _release(self, evaluation_id: int | None) -> None:
        if evaluation_id is not None:
            with self.db.transaction() as conn:
                evaluation_store.release(conn, self.claimant, evaluation_id)

    @staticmethod
    def _guarded(job: Callable, *args) -> None:
        try:
            job(*args)
        except Exception:
            # The row went back to the queue: the next start or the report evaluates it.
            log.exception("background evaluation failed")

    # --- the pool -----------------------------------------------------------------------------

    def _executor(self) -> ThreadPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self._closed:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="evaluation")
            return self._pool

    def _submit(self, job: Callable, *args) -> Future | None:
        pool = self._executor()
        try:
            return pool.submit(self._guarded, job, *args) if pool else None
        except RuntimeError:  # closed meanwhile: the queue keeps the row for the next start
            return None

    def _track(self, job: Future, session_id: str) -> None:
        with self._lock:
            self._in_flight[job] = session_id
        job.add_done_callback(self._forget)

    def _forget(self, job: Future) -> None:
        with self._lock:
            self._in_flight.pop(job, None)


class SubmittedEvaluation:
    """An evaluation started while its submit was still deciding: stored if the submit commits."""

    def __init__(
        self,
        worker: EvaluationWorker,
        answer: str,
        job: Future,
        row: Future,
        earlier: Future | None = None,
    ):
        self.worker = worker
        self.answer = answer
        self.job = job
        self.row = row
        self.earlier = earlier  # for the last answer: the session's jobs to wait for
        self.evaluation_id: int | None = None
        self.session_id: str | None = None

    def record(self, conn: Connection, session_id: str, question_id: int) -> None:
        """In the submit's transaction: the row, already claimed by this worker."""
        lease_expires_ms = self.worker.db.now_ms(conn) + self.worker.lease_ms
        self.session_id = session_id
        self.evaluation_id = evaluation_store.add_evaluation(
            conn,
            session_id,
            question_id,
            answer_digest(self.answer),
            claimed_by=self.worker.claimant,
            lease_expires_ms=lease_expires_ms,
        )

    def settle(self, committed: bool) -> None:
        """After the submit: keep the result (committed) or drop it (the submit failed)."""
        if committed and self.evaluation_id is not None:
            if self.earlier is not None:
                self.earlier.set_result(self.worker._jobs_of(self.session_id))
            self.worker._track(self.job, self.session_id)
            self.row.set_result(self.evaluation_id)
        else:
            self.row.set_result(None)
