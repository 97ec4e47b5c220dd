"""A separate OS process for the race tests: submit the given answers at an agreed moment.

Usage: python race_worker.py URL RATE_LIMIT START_AT JOBS_JSON
JOBS_JSON is a list of [session_id, question_index]; prints one JSON list of the envelopes' codes
and messages.
"""

import json
import sys
import time

from interview.api import InterviewAPI

ANSWER = "We cached reads in Redis because the database was the bottleneck; p99 fell 40%."


def main(url: str, rate_limit: str, start_at: str, jobs: str) -> None:
    api = InterviewAPI.from_url(url, rate_limit_per_second=int(rate_limit) or None)
    time.sleep(max(0.0, float(start_at) - time.time()))
    results = []
    for session_id, index in json.loads(jobs):
        result = api.submit_answer(session_id, index, ANSWER)
        results.append({"code": result["code"], "message": result["message"]})
    api.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main(*sys.argv[1:])
